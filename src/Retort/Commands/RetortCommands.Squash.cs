using System.Text.RegularExpressions;
using Retort.Autogenerate;
using Retort.Configuration;
using Retort.Graph;
using Retort.Runtime;
using Retort.Schema;
using Retort.Scripting;

namespace Retort.Commands;

/// <summary>What <c>retort squash</c> needs besides the range.</summary>
public sealed record SquashOptions(string Range, string Message)
{
    public string? RevId { get; init; }

    /// <summary>An empty database of the project's kind to build the schema on; default a temporary SQLite file
    /// when the project's database is SQLite.</summary>
    public string? ScratchUrl { get; init; }
}

public sealed partial class RetortCommands
{
    /// <summary>
    /// <c>retort squash FROM:TO -m MSG</c>: one revision replacing the straight line of revisions after FROM (or from
    /// the first, for <c>base</c>) up to and including TO. Its Upgrade is the difference between the schema at FROM and
    /// at TO, both built by upgrading an empty scratch database; it lists the ids it replaces
    /// (<c>Replaces = new[] {…}</c>), the revisions after TO are rewired to it, and the replaced files stay until every
    /// database is past them (see <see cref="Replacements"/>). Returns the new file.
    /// </summary>
    public async Task<string> SquashAsync(SquashOptions options, CancellationToken ct = default)
    {
        var map = Map;
        var colon = options.Range.IndexOf(':');
        if (colon < 0) throw new RetortException($"squash takes a range FROM:TO (e.g. base:{map.Heads.FirstOrDefault()?.Id ?? "ae1027a6acf2"}); '{options.Range}' has no ':'.");
        var fromText = options.Range[..colon];
        var from = fromText is "" or "base" ? null : Resolve(map, fromText).Single();
        var to = Resolve(map, options.Range[(colon + 1)..]).Single();
        var chain = Chain(map, from, to);
        var id = CheckNewId(map, options.RevId);

        var (before, after) = await SchemasOnScratchAsync(options.ScratchUrl, from?.Id, to.Id, ct);
        var provider = Dialects.DatabaseProviders.Get(before.Dialect);
        var diffs = new SchemaComparer(provider).Compare(after.Schema, before.Schema);
        // Indexes go with their table: dropping them first is needless, and MariaDB refuses it for an index a
        // foreign key uses.
        var droppedTables = diffs.Select(d => d.Downgrade).OfType<Ops.DropTableOperation>().Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        var downgrades = diffs.Select(d => d.Downgrade).Where(o => o is not Ops.DropIndexOperation i || !droppedTables.Contains(i.Table)).Reverse().ToList();
        var header = $"        // Squash of {chain.Count} revisions ({chain[0].Id} … {chain[^1].Id}), built from the schema they make.\n";
        var revision = new NewRevision(id, options.Message)
        {
            DownRevisions = from is null ? [] : [from.Id],
            BranchLabels = chain.SelectMany(r => r.BranchLabels).ToList(),
            Replaces = chain.Select(r => r.Id).ToList(),
            Upgrades = header + (diffs.Count == 0 ? "        // No schema changes.\n" : CSharpRenderer.Render(diffs.Select(d => d.Upgrade), diffs.Select(d => d.Note))),
            Downgrades = header + (diffs.Count == 0 ? "        // No schema changes.\n" : CSharpRenderer.Render(downgrades)),
        };
        foreach (var r in chain.Where(r => r.Path is not null && DataStatement().IsMatch(File.ReadAllText(r.Path))))
            Log.Warning($"{r.Path} runs SQL or inserts rows; the squash keeps only the schema: copy what still matters into the new revision.");

        var directory = to.Path is null ? DirectoryFor(map, null, revision.DownRevisions) : Path.GetDirectoryName(Path.GetFullPath(to.Path))!;
        var path = Generate(revision, directory);
        // The revisions after TO are rewired in the graph, not in their files: edited files would fail 'retort verify'
        // on every database that applied them.
        foreach (var r in map.All.Where(r => r.DownRevisions.Contains(to.Id) || r.DependsOn.Contains(to.Id)))
            Log.Info($"{r.Id} follows {to.Id}, which the graph now reads as {id}");
        Log.Info($"Squashed {chain.Count} revisions into {id}. Databases at any of them keep working; delete the replaced files once every database is past {to.Id}.");
        return path;
    }

    /// <summary>The straight line from FROM (exclusive) to TO (inclusive): no merges, no branches leaving it, no
    /// dependencies, nothing already squashed.</summary>
    private List<Revision> Chain(RevisionMap map, Revision? from, Revision to)
    {
        var all = Scripts.AllRevisions;
        var chain = new List<Revision>();
        for (var r = to; ; )
        {
            if (r.Replaces.Count > 0) throw new RetortException($"{r.Id} is itself a squash: squash the range after it, or before it.");
            if (r.DownRevisions.Count > 1) throw new RetortException($"{r.Id} is a merge point: squash needs a straight line of revisions.");
            if (r.DependsOn.Count > 0) throw new RetortException($"{r.Id} depends on {string.Join(", ", r.DependsOn)}: squash needs revisions without depends_on.");
            if (r != to && all.FirstOrDefault(c => c.Id != chain[^1].Id && (c.DownRevisions.Contains(r.Id) || c.DependsOn.Contains(r.Id))) is { } branch)
                throw new RetortException($"{branch.Id} branches off {r.Id}, inside the range: squash needs a straight line of revisions.");
            chain.Add(r);
            var parent = r.DownRevisions.FirstOrDefault();
            if (parent == from?.Id) break;
            r = parent is null
                ? throw new RetortException($"{from!.Id} is not an ancestor of {to.Id}: the range FROM:TO must run down one line.")
                : map.Find(parent)!;
        }
        chain.Reverse();
        if (chain.Count < 2) throw new RetortException($"The range names one revision ({to.Id}): there is nothing to squash.");
        return chain;
    }

    private sealed record Reflected(string Dialect, DatabaseSchema Schema);

    /// <summary>The schema at FROM and at TO, built by upgrading an empty scratch database.</summary>
    private async Task<(Reflected Before, Reflected After)> SchemasOnScratchAsync(string? scratchUrl, string? from, string to, CancellationToken ct)
    {
        string? tempDir = null;
        if (scratchUrl is null)
        {
            var provider = Config.ResolveDatabase().Provider;
            // A file database needs no server: a temporary file of the same kind will do.
            if (provider is not Dialects.Sqlite.SqliteProvider)
                throw new RetortException($"squash builds the schema on a scratch database: give --scratch-url, an empty {provider.Name} database it may fill (e.g. a throw-away database on the same server).");
            tempDir = Directory.CreateTempSubdirectory("retort-squash-").FullName;
            scratchUrl = $"{provider.Name}:///{Path.Combine(tempDir, "scratch.db")}";
        }
        try
        {
            var scratch = new RetortCommands(ScratchConfig(scratchUrl), TextWriter.Null, Log);
            scratch.PrepareSource(offline: false, revisionsNeeded: false);
            if (scratch.Config.Url != scratchUrl)
                throw new RetortException("env.cs sets the database URL itself, so squash cannot point it at a scratch database: let env.cs keep a URL it is given (e.g. only change it from -x url=...).");
            var empty = await scratch.ReflectScratchAsync(requireEmpty: true, ct);
            var before = empty;
            if (from is not null)
            {
                await scratch.UpgradeAsync(from, ct: ct);
                before = await scratch.ReflectScratchAsync(requireEmpty: false, ct);
            }
            await scratch.UpgradeAsync(to, ct: ct);
            return (before, await scratch.ReflectScratchAsync(requireEmpty: false, ct));
        }
        finally
        {
            if (tempDir is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                try { Directory.Delete(tempDir, recursive: true); } catch (IOException) { }
            }
        }
    }

    private RetortConfig ScratchConfig(string url)
    {
        var c = new RetortConfig
        {
            BaseDirectory = Config.BaseDirectory,
            ConfigFile = Config.ConfigFile,
            ScriptLocation = Config.ScriptLocation,
            VersionLocations = Config.VersionLocations,
            Url = url,
            VersionTable = Config.VersionTable,
            VersionTableSchema = Config.VersionTableSchema,
            LockTimeout = Config.LockTimeout,
            TransactionPerMigration = Config.TransactionPerMigration,
            RevisionAssembly = Config.RevisionAssembly,
        };
        // -x url=... would send the env file back to the real database.
        foreach (var (key, value) in Config.XArgs.Where(x => x.Key != "url")) c.XArgs[key] = value;
        foreach (var (key, value) in Config.Extra) c.Extra[key] = value;
        return c;
    }

    private async Task<Reflected> ReflectScratchAsync(bool requireEmpty, CancellationToken ct)
    {
        await using var session = await DatabaseSession.OpenAsync(Config, ct);
        var schema = await ReflectAsync(session, new EnvironmentContext(Config, offline: false), ct);
        if (requireEmpty && schema.Tables.Count > 0)
            throw new RetortException($"The scratch database {session.Url.Display} is not empty ({string.Join(", ", schema.Tables.Select(t => t.Name).Take(5))}): squash needs an empty one.");
        if (requireEmpty && await session.ReadHeadsAsync(ct) is { Count: > 0 } heads)
            throw new RetortException($"The scratch database {session.Url.Display} is stamped at {string.Join(", ", heads)}: squash needs an empty one.");
        return new Reflected(session.Provider.Name, schema with { Tables = schema.Tables.Select(t => ExactTypes.Apply(session.Provider, t)).ToList() });
    }

    [GeneratedRegex(@"\bop\.(Execute|ExecuteOutsideTransaction|BulkInsert)\(")]
    private static partial Regex DataStatement();
}
