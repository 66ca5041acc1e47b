using Retort.Autogenerate;
using Retort.Dialects;
using Retort.Ops;
using Retort.Runtime;
using Retort.Schema;

namespace Retort.Commands;

public sealed partial class RetortCommands
{
    /// <summary>
    /// <c>retort baseline -m MSG</c>: the first revision of a database that existed before Retort. Its Upgrade creates
    /// the database's current schema as reflected (tables in foreign-key order, then their indexes), its Downgrade
    /// drops it; the database is then stamped at it, so nothing runs there. Returns the new file.
    /// </summary>
    public async Task<string> BaselineAsync(RevisionOptions options, CancellationToken ct = default)
    {
        if (Map.Heads.Count > 0)
            throw new RetortException($"baseline starts a history, and this one already has revisions (head {string.Join(", ", Map.Heads.Select(h => h.Id))}): use 'retort revision --autogenerate' for further changes.");
        PrepareSource(offline: false, revisionsNeeded: false);
        DatabaseSchema live;
        DatabaseProvider provider;
        await using (var session = await DatabaseSession.OpenAsync(Config, ct))
        {
            var current = await session.ReadHeadsAsync(ct);
            if (current.Count > 0)
                throw new RetortException($"The database {session.Url.Display} is already stamped at {string.Join(", ", current)}: 'retort stamp --purge base' first if that history is gone.");
            provider = session.Provider;
            live = await ReflectAsync(session, _context!, ct);
            live = live with { Tables = live.Tables.Select(t => ExactTypes.Apply(provider, t)).ToList() };
        }
        if (live.Tables.Count == 0) throw new RetortException("The database has no tables to baseline.");

        // The comparer from an empty database to the live schema: types first, tables in foreign-key order with
        // their indexes, a cycle's keys after the tables (inline on SQLite); its reverse drops it all again.
        var diffs = new SchemaComparer(provider).Compare(live, new DatabaseSchema([]) { DefaultSchema = live.DefaultSchema });
        var unsupported = CSharpRenderer.RenderUnsupported(live.Unsupported.Select(u => (u.Kind, u.Name, u.Table)));
        var header = $"        // Baseline: the schema of the database as it was when it came under Retort ({live.Tables.Count} tables).\n" + unsupported;
        var path = Revision(options, header + CSharpRenderer.Render(diffs.Select(d => d.Upgrade)),
            header + CSharpRenderer.Render(diffs.Select(d => d.Downgrade).Reverse()));
        Log.Info($"Baseline of {live.Tables.Count} tables written to {path}");
        await StampAsync([Map.Heads.Single().Id], ct: ct);
        return path;
    }

    /// <summary>The live schema, without Retort's own tables and what the env file's IncludeName filters out.</summary>
    private async Task<DatabaseSchema> ReflectAsync(DatabaseSession session, EnvironmentContext context, CancellationToken ct)
    {
        var ownTables = new[] { Config.VersionTable, Config.VersionTable + "_history" };
        bool IncludeTable(string name) => !ownTables.Contains(name, StringComparer.OrdinalIgnoreCase) && (context.IncludeName?.Invoke(name, "table") ?? true);
        var reflector = session.Provider.CreateReflector()
                        ?? throw new RetortException($"Retort cannot read {session.Provider.Name} databases' schemas (no reflector).");
        return await reflector.ReflectAsync(session.Target.Connection, new ReflectOptions { Schema = Config.VersionTableSchema, Schemas = Config.Schemas, IncludeTable = IncludeTable }, ct);
    }
}
