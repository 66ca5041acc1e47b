namespace Retort.Runtime;

/// <summary>The crash journal's columns on a session's history table.</summary>
internal static class JournalSession
{
    /// <summary>Whether the history table exists with the journal's columns (an older Retort created it without).</summary>
    public static async Task<bool> JournalReadyAsync(this DatabaseSession session, CancellationToken ct) =>
        (await session.ReadTableStateAsync(ct)).Journal;

    /// <summary>"retort_version and retort_version_history": what a user needs rights on.</summary>
    public static string GrantOn(Configuration.RetortConfig config) => $"{config.VersionTable} and {config.VersionTable}_history";
}
