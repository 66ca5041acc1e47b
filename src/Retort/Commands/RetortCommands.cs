using Retort.Configuration;
using Retort.Graph;
using Retort.Runtime;
using Retort.Scripting;

namespace Retort.Commands;

/// <summary>
/// Every command of the <c>retort</c> tool as a library call: the CLI only parses arguments and calls these.
/// Output meant for the user goes to <see cref="Output"/>; progress lines go to the log.
/// </summary>
public sealed partial class RetortCommands(RetortConfig config, TextWriter? output = null, IMigrationLog? log = null)
{
    private ScriptDirectory? _scripts;

    public RetortConfig Config { get; } = config;

    public TextWriter Output { get; } = output ?? Console.Out;

    public IMigrationLog Log { get; } = log ?? NullLog.Instance;

    /// <summary>Read commands print JSON instead of Alembic's text lines.</summary>
    public bool Json { get; init; }

    /// <summary>upgrade and stamp first create a missing PostgreSQL or MariaDB/MySQL database (<c>--create-database</c>).</summary>
    public bool CreateDatabase { get; init; }

    /// <summary>Opens the session, creating the database first when <see cref="CreateDatabase"/> asks for it.</summary>
    private async Task<DatabaseSession> OpenForWritingAsync(RetortConfig config, CancellationToken ct)
    {
        if (CreateDatabase) await MissingDatabase.CreateIfMissingAsync(config.ResolveDatabase(), Log, ct);
        return await DatabaseSession.OpenAsync(config, ct);
    }

    /// <summary>The revision graph, read from headers only (never compiles).</summary>
    public ScriptDirectory Scripts => _scripts ??= ScriptDirectory.Load(Config);

    public RevisionMap Map => Scripts.Map;

    /// <summary>Compiles revisions (or only the env file) and lets the env file adjust the configuration.</summary>
    private RevisionSource PrepareSource(bool offline, bool revisionsNeeded)
    {
        var source = revisionsNeeded || Config.RevisionAssembly is not null
            ? RevisionSource.Compile(Scripts)
            : RevisionSource.CompileEnvironmentOnly(Scripts);
        var context = new EnvironmentContext(Config, offline) { TargetModel = Config.TargetModel };
        source.Environment?.Configure(context);
        source.LastContext = context;
        return source;
    }
}
