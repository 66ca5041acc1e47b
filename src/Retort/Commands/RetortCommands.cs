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
    private SharedSources? _shared;
    private EnvironmentContext? _context;
    private string? _targetUrl;

    public RetortConfig Config { get; } = config;

    public TextWriter Output { get; } = output ?? Console.Out;

    public IMigrationLog Log { get; } = log ?? NullLog.Instance;

    /// <summary>Read commands print JSON instead of Alembic's text lines.</summary>
    public bool Json { get; init; }

    /// <summary>upgrade and stamp first create a missing PostgreSQL or MariaDB/MySQL database (<c>--create-database</c>).</summary>
    public bool CreateDatabase { get; init; }

    /// <summary>Revisions compiled ahead of time (a migration bundle): no revision file is read or compiled.</summary>
    public PrecompiledRevisions? Precompiled { get; init; }

    /// <summary>Opens the session, creating the database first when <see cref="CreateDatabase"/> asks for it.</summary>
    private async Task<DatabaseSession> OpenForWritingAsync(RetortConfig config, CancellationToken ct)
    {
        if (CreateDatabase && config.Connection is null) await MissingDatabase.CreateIfMissingAsync(config.ResolveDatabase(), Log, ct);
        return await DatabaseSession.OpenAsync(config, ct);
    }

    /// <summary>The revision graph, read from headers only (never compiles).</summary>
    public ScriptDirectory Scripts => _scripts ??= Precompiled is { } p ? ScriptDirectory.FromRevisions(Config, p.Revisions) : ScriptDirectory.Load(Config);

    public RevisionMap Map => Scripts.Map;

    /// <summary>
    /// The commands for another database of the same revision history (a fleet target): <paramref name="url"/> as its
    /// only database, unpooled; the revision graph and the compiled revisions are shared with this instance, so that
    /// many databases cost one compile. Safe to call from several threads.
    /// </summary>
    public RetortCommands ForDatabase(string url, TextWriter? output = null, IMigrationLog? log = null)
    {
        var shared = LazyInitializer.EnsureInitialized(ref _shared, () => new SharedSources(Scripts, Precompiled));
        return new RetortCommands(Config.ForTarget(url), output ?? TextWriter.Null, log)
        {
            Json = Json,
            CreateDatabase = CreateDatabase,
            Precompiled = Precompiled,
            _scripts = shared.Scripts,
            _shared = shared,
            _targetUrl = url,
        };
    }

    /// <summary>
    /// Compiles now what <see cref="ForDatabase"/>'s commands share (all revisions, or only the env file): a compile
    /// error is then one error, raised before any database is touched.
    /// </summary>
    public void CompileShared(bool revisions) => LazyInitializer.EnsureInitialized(ref _shared, () => new SharedSources(Scripts, Precompiled)).Get(revisions);

    /// <summary>Compiles revisions (or only the env file) and lets the env file adjust the configuration.</summary>
    private RevisionSource PrepareSource(bool offline, bool revisionsNeeded)
    {
        var full = revisionsNeeded || Config.RevisionAssembly is not null;
        var source = _shared?.Get(full) ?? Precompiled?.Source
                     ?? (full ? RevisionSource.Compile(Scripts) : RevisionSource.CompileEnvironmentOnly(Scripts));
        var context = new EnvironmentContext(Config, offline) { TargetModel = Config.TargetModel };
        source.Environment?.Configure(context);
        // Alembic's operations name constraints by the target MetaData's convention: so do revisions here.
        if (context.TargetModel is Schema.MetaData { NamingConvention: { } naming }) Config.NamingConvention = naming;
        // A fleet target's URL is the target: an env file that sets the URL (the templates' -x url=…) would send every
        // target's run to that one database.
        if (_targetUrl is not null && Config.Url != _targetUrl)
            throw new RetortException("env.cs changed the database URL (e.g. from -x url=…), but in a fleet run each target's URL comes from the fleet's targets: drop -x url.");
        // Kept here too: a shared source's LastContext may be another database's by the time it is read.
        source.LastContext = _context = context;
        return source;
    }

    /// <summary>The compiled revisions of one graph, compiled once for all the databases that share it.</summary>
    private sealed class SharedSources(ScriptDirectory scripts, PrecompiledRevisions? precompiled)
    {
        private readonly Lazy<RevisionSource> _full = new(() => precompiled?.Source ?? RevisionSource.Compile(scripts));
        private readonly Lazy<RevisionSource> _environment = new(() => precompiled?.Source ?? RevisionSource.CompileEnvironmentOnly(scripts));

        public ScriptDirectory Scripts => scripts;

        // Once everything is compiled, the env-only commands use it too rather than compiling the env file again.
        public RevisionSource Get(bool full) => full || _full.IsValueCreated ? _full.Value : _environment.Value;
    }
}
