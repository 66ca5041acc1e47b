using System.Reflection;
using Retort.Configuration;
using Retort.Dialects;
using Retort.Graph;
using Retort.Scripting;

namespace Retort.Lint;

/// <summary>
/// <c>retort lint</c>: compiles the revisions (no database is opened), records what each Upgrade does in upgrade
/// order and judges it with <see cref="RevisionLintPass"/>; findings a revision allows with
/// <see cref="AllowLintAttribute"/> are kept but marked.
/// </summary>
public static class RevisionLinter
{
    public static LintResult Run(RetortConfig config, LintOptions options)
    {
        var provider = ProviderOf(config, options);
        var target = new LintTarget(provider, LintTarget.ParseVersion(options.ServerVersion ?? config.ServerVersion));
        var scripts = ScriptDirectory.Load(config);
        var map = scripts.Map;
        var inRange = InRange(map, options.Range);
        var source = RevisionSource.Compile(scripts);
        var history = new SchemaHistory();
        var findings = new List<LintFinding>();
        var linted = 0;
        // Every revision from base, so that what earlier ones created is known; findings only inside the range.
        foreach (var step in map.PlanUpgrade([], "heads"))
        {
            var revision = step.Revision;
            var migration = source.Create(revision);
            var op = new Operations { Database = config.DatabaseName };
            try { migration.Upgrade(op); }
            catch (Exception e) when (e is not RetortException)
            {
                throw new RetortException($"Revision {revision.Id}: Upgrade threw {e.GetType().Name}: {e.Message}");
            }
            var pending = new RevisionLintPass(target, provider.Dialect, history, config.DdlLockTimeout is not null).Run(op.Recorded);
            if (!inRange.Contains(revision.Id)) continue;
            linted++;
            if (pending.Count == 0) continue;
            var allowed = Allowed(migration.GetType(), revision);
            var lines = OperationLines.Find(revision.Path, op.Recorded);
            foreach (var p in pending)
                findings.Add(new LintFinding(revision.Id, revision.Path, lines[p.Operation], p.Rule, p.Message)
                {
                    AllowedBecause = allowed.TryGetValue(p.Rule.Id, out var reason) ? reason : null,
                });
        }
        return new LintResult(target, findings, linted);
    }

    private static DatabaseProvider ProviderOf(RetortConfig config, LintOptions options)
    {
        if (options.Dialect is { } name) return DatabaseProviders.Get(name);
        if (config.Url is null && config.Dialect is { } dialect) return DatabaseProviders.Get(dialect);
        if (config.Url is null)
            throw new RetortException("lint judges for one kind of database: set url (or dialect) in retort.toml, or pass --dialect postgresql|mysql|sqlite|mssql.");
        return config.ResolveDatabase().Provider;
    }

    private static HashSet<string> InRange(RevisionMap map, string? range)
    {
        if (range is null) return map.All.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var colon = range.IndexOf(':');
        var from = colon < 0 ? "" : range[..colon];
        var to = colon < 0 ? range : range[(colon + 1)..];
        if (to.Length == 0) throw new RetortException($"Bad range '{range}': the part after ':' is the last revision to lint.");
        var heads = from.Length == 0 || from == "base" ? [] : map.Resolve(from).Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        return map.PlanUpgrade(heads, to).Select(s => s.Revision.Id).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The rules the revision class allows, with their reasons; an unknown rule id is an error, not a silent no-op.</summary>
    private static Dictionary<string, string> Allowed(Type type, Revision revision)
    {
        var allowed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var a in type.GetCustomAttributes<AllowLintAttribute>())
        {
            if (LintRules.Find(a.Rule) is null)
                throw new RetortException($"Revision {revision.Id}: [AllowLint(\"{a.Rule}\")] names no lint rule; the rules are {string.Join(", ", LintRules.All.Select(r => r.Id))}.");
            allowed[a.Rule] = a.Reason ?? "";
        }
        return allowed;
    }
}
