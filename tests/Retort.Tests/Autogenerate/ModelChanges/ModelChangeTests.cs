using Retort.Schema;

namespace Retort.Tests.Autogenerate.ModelChanges;

/// <summary>
/// Issue 25's suite through a MetaData model: zero false drift, zero missed changes, every change converges and
/// its Downgrade restores model A. One class per database, so that xunit runs the three at once.
/// </summary>
public abstract class ModelChangeTests(string database)
{
    [Fact]
    public async Task Every_model_change_is_detected_exactly_and_converges()
    {
        var cases = ModelChangeCases.All.Where(c => c.RunsOn(database)).ToList();
        Assert.Equal(cases.Count, cases.Select(c => c.Name).Distinct().Count());
        var a = new MetaData();
        var b = new MetaData();
        foreach (var c in cases)
        {
            c.A(a);
            c.B(b);
        }
        await using var run = await ModelChangeRun.StartAsync(database);
        await run.RunAsync(a, b, cases.Select(c => (c.Name, c.Expected)).ToList());
        run.AssertNoProblems();
    }
}

public sealed class ModelChangeSqliteTests() : ModelChangeTests("sqlite");

public sealed class ModelChangePostgresTests() : ModelChangeTests("postgresql");

public sealed class ModelChangeMariaDbTests() : ModelChangeTests("mysql");
