// The program of every migration bundle: the revisions are appended to this executable by `retort bundle`.
return await Retort.Cli.BundleProgram.RunAsync(args);
