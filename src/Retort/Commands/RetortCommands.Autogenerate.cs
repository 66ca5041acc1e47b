using Retort.Autogenerate;
using Retort.Dialects;
using Retort.Runtime;
using Retort.Schema;

namespace Retort.Commands;

public sealed partial class RetortCommands
{
    /// <summary>
    /// <c>retort revision --autogenerate -m MSG</c>: compares the target model with the live database and writes the
    /// differences as the new revision's Upgrade and Downgrade. Refuses unless the database is at the head(s).
    /// </summary>
    public async Task<string?> AutogenerateAsync(RevisionOptions options, CancellationToken ct = default)
    {
        var (diffs, live) = await DiffAsync(requireHead: true, ct);
        // Views, triggers and the like are named in a comment, never half-rendered.
        var unsupported = CSharpRenderer.RenderUnsupported(live.Unsupported.Select(u => (u.Kind, u.Name, u.Table)));
        foreach (var d in diffs) Log.Info($"Detected {d.Description}");
        if (diffs.Count == 0) Log.Info("No changes in schema detected.");
        var script = new RevisionScript("", options.Message, autogenerate: true);
        var notes = new Dictionary<Ops.MigrationOperation, string?>(ReferenceEqualityComparer.Instance);
        foreach (var d in diffs)
        {
            var upgrade = d.Upgrade;
            script.UpgradeOps.Add(upgrade);
            notes[upgrade] = d.Note;
        }
        script.DowngradeOps.AddRange(diffs.Select(d => d.Downgrade).Reverse());
        return Revision(options, script, notes, unsupported);
    }

    /// <summary><c>retort check</c>: the differences between model and database; none means the schema is up to date.</summary>
    public async Task<IReadOnlyList<SchemaDiff>> CheckAsync(CancellationToken ct = default)
    {
        var (diffs, _) = await DiffAsync(requireHead: false, ct);
        if (Json)
        {
            JsonOutput.Write(Output, new System.Text.Json.Nodes.JsonArray(diffs.Select(d => (System.Text.Json.Nodes.JsonNode?)new System.Text.Json.Nodes.JsonObject
            {
                ["description"] = d.Description,
                ["upgrade"] = CSharpRenderer.Render(d.Upgrade),
            }).ToArray()));
        }
        else if (diffs.Count == 0) Output.WriteLine("No new upgrade operations detected.");
        else
        {
            Output.WriteLine($"New upgrade operations detected ({diffs.Count}):");
            foreach (var d in diffs) Output.WriteLine("  " + d.Description);
        }
        return diffs;
    }

    /// <summary>The differences, and the live schema they were read from (check ignores what it lists as unsupported).</summary>
    private async Task<(IReadOnlyList<SchemaDiff> Diffs, DatabaseSchema Live)> DiffAsync(bool requireHead, CancellationToken ct)
    {
        var map = Map;
        PrepareSource(offline: false, revisionsNeeded: false);
        var context = _context!;
        await using var session = await DatabaseSession.OpenAsync(Config, ct);
        var naming = Config.NamingConvention.Limited(session.Provider.Capabilities.MaxNameLength);
        var model = TargetModel.Resolve(context.TargetModel, naming);
        if (requireHead)
        {
            var current = await session.ReadHeadsAsync(ct);
            CheckConsistent(map, current);
            var heads = map.Heads.Select(h => h.Id).ToHashSet(StringComparer.Ordinal);
            if (!heads.SetEquals(current))
                throw new RetortException($"Target database is not up to date: it is at {(current.Count == 0 ? "base" : string.Join(", ", current))}, the scripts' head(s) are {(heads.Count == 0 ? "base" : string.Join(", ", heads))}. Run 'retort upgrade heads' first.");
        }
        var ownTables = new[] { Config.VersionTable, Config.VersionTable + "_history" };
        bool IncludeTable(string name) => !ownTables.Contains(name, StringComparer.OrdinalIgnoreCase) && (context.IncludeName?.Invoke(name, "table") ?? true);
        var reflector = session.Provider.CreateReflector()
                        ?? throw new RetortException($"Autogenerate cannot read {session.Provider.Name} databases: its provider has no schema reflector.");
        // The schemas the model's objects live in are read too, listed or not: otherwise everything there looks missing.
        var schemas = Config.Schemas.Concat(model.UsedSchemas).Distinct().ToList();
        var live = await reflector.ReflectAsync(session.Target.Connection, new ReflectOptions { Schema = Config.VersionTableSchema, Schemas = schemas, IncludeTable = IncludeTable }, ct);
        var target = await reflector.ServerFormAsync(model with { Tables = model.Tables.Where(t => IncludeTable(t.Name)).ToList() }, session.Target.Connection, ct);
        live = live with { Data = await LiveSeedRows.ReadAsync(session.Target.Connection, session.Provider.Dialect, target, live, ct) };
        var diffs = new SchemaComparer(session.Provider, context.IncludeName, naming, context.IncludeObject).Compare(target, live);
        return (Config.SafeDdl ? SafeDdlForms.Apply(diffs, session.Provider) : diffs, live);
    }
}
