using Retort.Cli;

return await RetortCli.RunAsync(args);
