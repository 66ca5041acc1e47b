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
        var source = PrepareSource(offline: false, revisionsNeeded: false);
        DatabaseSchema live;
        DatabaseProvider provider;
        await using (var session = await DatabaseSession.OpenAsync(Config, ct))
        {
            var current = await session.ReadHeadsAsync(ct);
            if (current.Count > 0)
                throw new RetortException($"The database {session.Url.Display} is already stamped at {string.Join(", ", current)}: 'retort stamp --purge base' first if that history is gone.");
            provider = session.Provider;
            live = await ReflectAsync(session, source.LastContext!, ct);
            live = new DatabaseSchema(live.Tables.Select(t => ExactTypes.Apply(provider, t)).ToList());
        }
        if (live.Tables.Count == 0) throw new RetortException("The database has no tables to baseline.");

        var order = ForeignKeyOrder.Sort(live.Tables, inlineCycles: !provider.Capabilities.AlterAddConstraint);
        var upgrade = new List<MigrationOperation>();
        foreach (var t in order.Tables)
        {
            upgrade.Add(SchemaOperations.CreateTable(t));
            upgrade.AddRange(t.Indexes.Select(i => SchemaOperations.CreateIndex(t, i)));
        }
        var deferred = order.Deferred.Select(d => new CreateForeignKeyOperation(d.ForeignKey.Name ?? Naming.ForeignKey(d.Table.Name, d.ForeignKey.Columns, d.ForeignKey.ReferencedTable), d.Table.Name, d.ForeignKey) { Schema = d.Table.Schema }).ToList();
        upgrade.AddRange(deferred);
        var downgrade = new List<MigrationOperation>();
        downgrade.AddRange(deferred.Select(f => new DropConstraintOperation(f.Name, f.Table, ConstraintKind.ForeignKey) { Schema = f.Schema }));
        downgrade.AddRange(order.Tables.Reverse().Select(t => new DropTableOperation(t.Name) { Schema = t.Schema }));

        var header = $"        // Baseline: the schema of the database as it was when it came under Retort ({live.Tables.Count} tables).\n";
        var path = Revision(options, header + CSharpRenderer.Render(upgrade), header + CSharpRenderer.Render(downgrade));
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
        return await reflector.ReflectAsync(session.Target.Connection, new ReflectOptions { Schema = Config.VersionTableSchema, IncludeTable = IncludeTable }, ct);
    }
}
