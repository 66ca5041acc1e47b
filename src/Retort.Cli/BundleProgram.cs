using Retort.Bundles;

namespace Retort.Cli;

/// <summary>
/// The entry point of a migration bundle (the bundle host's whole program calls it): reads the revisions appended to
/// this executable and runs the tool's own commands on them, so output and exit codes are the tool's.
/// </summary>
public static class BundleProgram
{
    public static async Task<int> RunAsync(string[] args)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("The bundle cannot find its own executable.");
        BundledProject project;
        try
        {
            project = new BundledProject(BundleFile.Read(self)
                ?? throw new RetortException($"{self} carries no revisions: it is the bare bundle host; build a bundle with 'retort bundle -o FILE'."));
        }
        catch (Exception e) when (e is RetortException or IOException or UnauthorizedAccessException or BadImageFormatException)
        {
            return RetortCli.Fail(e, args.Contains("-v") || args.Contains("--verbose"));
        }
        return await RetortCli.RunAsync(args, project, Path.GetFileName(self));
    }
}
