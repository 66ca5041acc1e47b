using Retort.Commands;
using Retort.Configuration;
using Retort.Schema;
using Retort.Tests.Infrastructure;

namespace Retort.Tests.Autogenerate.ModelChanges.MediaWiki;

/// <summary>
/// Runs MediaWiki's real schema changes on one database server: two databases, <see cref="Retorted"/> (model A →
/// autogenerate → upgrade → check clean; model B → check lists exactly the change → autogenerate → upgrade → check
/// clean; downgrade -1 → check against A clean) and <see cref="Reference"/> (upgraded to A the same way, then
/// MediaWiki's own generated patch for that database applied: check against B must be clean, and its catalog must
/// read as the Retort-upgraded one's). Each change owns its table; tables and the version table are dropped between
/// changes, so the two databases serve every change.
/// </summary>
public sealed class MediaWikiChangeRun(string provider, TestDatabase retorted, TestDatabase reference)
{
    public TestDatabase Retorted => retorted;
    public TestDatabase Reference => reference;

    /// <summary>Problems found for one change (empty: exact, converged, and as MediaWiki's own DDL).</summary>
    public async Task<List<string>> RunAsync(MediaWikiSchemaChange change)
    {
        var problems = new List<string>();
        var dir = Directory.CreateTempSubdirectory("retort-mediawiki-").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "migrations", "versions"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "script.cs.liquid"), Path.Combine(dir, "migrations", "script.cs.liquid"));
        var a = Model(change.Before);
        var b = Model(change.After);
        try
        {
            await Step(problems, "autogenerate A", () => Commands(dir, retorted, a).AutogenerateAsync(new RevisionOptions("mediawiki before") { RevId = "a0000000000a" }));
            await Step(problems, "upgrade A", () => Commands(dir, retorted).UpgradeAsync("head"));
            problems.AddRange((await Check(dir, retorted, a)).Select(l => "check after upgrading to A: false drift: " + l));
            await Step(problems, "reference: upgrade A", () => Commands(dir, reference).UpgradeAsync("head"));

            var patch = change.PatchSql(provider);
            if (patch is not null)
            {
                await Step(problems, "reference: MediaWiki's patch", () => reference.ExecuteAsync(patch));
                problems.AddRange((await Check(dir, reference, b)).Select(l => "check of MediaWiki's patched table against B: false drift: " + l));
            }

            ExpectExactly(problems, await Check(dir, retorted, b), MediaWikiDiff.Expected(change, provider));
            await Step(problems, "autogenerate B", () => Commands(dir, retorted, b).AutogenerateAsync(new RevisionOptions("mediawiki after") { RevId = "b0000000000b" }));
            await Step(problems, "upgrade B", () => Commands(dir, retorted).UpgradeAsync("head"));
            problems.AddRange((await Check(dir, retorted, b)).Select(l => "check after upgrading to B (not converged): " + l));

            if (patch is not null)
            {
                var ours = await MediaWikiCatalog.DescribeAsync(retorted, change.After.Name);
                var theirs = await MediaWikiCatalog.DescribeAsync(reference, change.After.Name);
                problems.AddRange(ours.Except(theirs).Select(l => "catalog: Retort's upgrade has " + l));
                problems.AddRange(theirs.Except(ours).Select(l => "catalog: MediaWiki's patch has " + l));
            }

            await Step(problems, "downgrade B", () => Commands(dir, retorted).DowngradeAsync("-1"));
            problems.AddRange((await Check(dir, retorted, a)).Select(l => "check against A after downgrading B: false drift: " + l));
            if (problems.Count > 0)
                foreach (var file in Directory.GetFiles(Path.Combine(dir, "migrations", "versions"), "*.cs").Order(StringComparer.Ordinal))
                    problems.Add($"{Path.GetFileName(file)}:\n{File.ReadAllText(file)}");
        }
        finally
        {
            await DropAsync(retorted, change.Before.Name);
            await DropAsync(reference, change.Before.Name);
            Directory.Delete(dir, recursive: true);
        }
        return problems;
    }

    private MetaData Model(MediaWikiTable table)
    {
        var model = new MetaData();
        MediaWikiModel.AddTo(model, table, provider);
        return model;
    }

    private static RetortCommands Commands(string dir, TestDatabase db, object? model = null) =>
        new(new RetortConfig { BaseDirectory = dir, Url = db.Url, TargetModel = model, LockTimeout = TimeSpan.FromMinutes(2) }, TextWriter.Null);

    private static async Task<List<string>> Check(string dir, TestDatabase db, object model)
    {
        try
        {
            return (await Commands(dir, db, model).CheckAsync()).Select(d => d.Description).ToList();
        }
        catch (Exception e)
        {
            return [$"check failed: {e.GetType().Name}: {e.Message}"];
        }
    }

    private static async Task Step(List<string> problems, string step, Func<Task> run)
    {
        try
        {
            await run();
        }
        catch (Exception e)
        {
            problems.Add($"{step} failed: {e.GetType().Name}: {e.Message}");
        }
    }

    private static void ExpectExactly(List<string> problems, List<string> lines, IReadOnlyList<string> expected)
    {
        var left = lines.ToList();
        foreach (var e in expected)
        {
            // Each expected line is the start of one check line ("…" stands for what the database names itself).
            var pattern = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(e).Replace("…", ".*") + "($|:)");
            var hit = left.FirstOrDefault(pattern.IsMatch);
            if (hit is null) problems.Add("check of B: missed: " + e);
            else left.Remove(hit);
        }
        // A NOT NULL column added without a default comes with how the existing rows are filled: part of that add.
        left.RemoveAll(l => l.StartsWith("fill ", StringComparison.Ordinal) && expected.Contains("add column " + l["fill ".Length..l.IndexOf(" with ", StringComparison.Ordinal)]));
        problems.AddRange(left.Select(l => "check of B: not in MediaWiki's change: " + l));
    }

    private static async Task DropAsync(TestDatabase db, string table) =>
        await db.ExecuteAsync($"DROP TABLE IF EXISTS {db.Dialect.QuoteIdentifier(table)}", "DROP TABLE IF EXISTS retort_version");
}
