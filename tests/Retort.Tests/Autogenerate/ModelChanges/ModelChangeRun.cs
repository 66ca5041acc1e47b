using System.Text;
using Retort.Commands;
using Retort.Configuration;
using Retort.Tests.Infrastructure;

namespace Retort.Tests.Autogenerate.ModelChanges;

/// <summary>
/// Runs model changes on one real database through the library calls the CLI makes, as a developer would: model A →
/// <c>revision --autogenerate</c> → <c>upgrade head</c> → <c>check</c> clean; model B → <c>check</c> lists exactly
/// each case's change → autogenerate → upgrade → check clean; then <c>downgrade -1</c> → check against A clean (the
/// generated Downgrade undoes it). All cases of a database share one model (each owns its tables), so a run costs
/// two revisions, whatever the number of cases. Every problem of every step is collected, then reported at once.
/// </summary>
public sealed class ModelChangeRun : IAsyncDisposable
{
    private readonly TestDatabase _db;
    private readonly string _dir = Directory.CreateTempSubdirectory("retort-model-change-").FullName;
    private readonly List<string> _problems = [];

    private ModelChangeRun(TestDatabase db)
    {
        _db = db;
        Directory.CreateDirectory(Path.Combine(_dir, "migrations", "versions"));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "script.cs.liquid"), Path.Combine(_dir, "migrations", "script.cs.liquid"));
    }

    public static async Task<ModelChangeRun> StartAsync(string database) => new(await TestDatabase.CreateAsync(database));

    public TestDatabase Database => _db;

    /// <summary>Each case as (name, expected lines): the B step must print exactly these, each case's on its own tables.</summary>
    public async Task RunAsync(object modelA, object modelB, IReadOnlyList<(string Case, string[] Expected)> cases)
    {
        if (!await StepAsync("autogenerate A", () => Commands(modelA).AutogenerateAsync(new RevisionOptions("model a")))) return;
        if (!await StepAsync("upgrade A", () => Commands().UpgradeAsync("head"))) return;
        ExpectClean("check after upgrading to A", await CheckAsync(modelA));

        ExpectExactly(await CheckAsync(modelB), cases);
        if (!await StepAsync("autogenerate B", () => Commands(modelB).AutogenerateAsync(new RevisionOptions("model b")))) return;
        if (!await StepAsync("upgrade B", () => Commands().UpgradeAsync("head"))) return;
        ExpectClean("check after upgrading to B (not converged)", await CheckAsync(modelB));

        if (!await StepAsync("downgrade B", () => Commands().DowngradeAsync("-1"))) return;
        ExpectClean("check against A after downgrading B", await CheckAsync(modelA));
    }

    /// <summary>Fails with every problem found, and the revision files to read them against.</summary>
    public void AssertNoProblems()
    {
        if (_problems.Count == 0) return;
        var report = new StringBuilder().AppendLine($"{_problems.Count} problem(s) on {_db.Dialect.GetType().Name}:");
        foreach (var p in _problems) report.AppendLine("  " + p);
        foreach (var file in Directory.GetFiles(Path.Combine(_dir, "migrations", "versions"), "*.cs").Order())
            report.AppendLine().AppendLine(Path.GetFileName(file)).AppendLine(File.ReadAllText(file));
        Assert.Fail(report.ToString());
    }

    private RetortCommands Commands(object? model = null) =>
        new(new RetortConfig { BaseDirectory = _dir, Url = _db.Url, TargetModel = model, LockTimeout = TimeSpan.FromMinutes(2) }, TextWriter.Null);

    private async Task<List<string>> CheckAsync(object model) =>
        (await Commands(model).CheckAsync()).Select(d => d.Description).ToList();

    private async Task<bool> StepAsync(string step, Func<Task> run)
    {
        try
        {
            await run();
            return true;
        }
        catch (Exception e)
        {
            _problems.Add($"{step} failed: {e.GetType().Name}: {e.Message}");
            return false;
        }
    }

    private void ExpectClean(string step, List<string> lines) =>
        _problems.AddRange(lines.Select(l => $"{step}: false drift: {l}"));

    private void ExpectExactly(List<string> lines, IReadOnlyList<(string Case, string[] Expected)> cases)
    {
        var left = lines.ToList();
        foreach (var (name, expected) in cases)
            foreach (var e in expected)
            {
                // The line of this case starts with the expected text ("…" stands for what each database names itself).
                var pattern = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(e).Replace("…", ".*"));
                var hit = left.FirstOrDefault(pattern.IsMatch);
                if (hit is null) _problems.Add($"{name}: missed: {e}");
                else left.Remove(hit);
            }
        _problems.AddRange(left.Select(l => $"check of B: not a change of any case: {l}"));
    }

    public async ValueTask DisposeAsync()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
        await _db.DisposeAsync();
    }
}
