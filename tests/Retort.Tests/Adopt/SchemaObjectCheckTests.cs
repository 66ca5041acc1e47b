using Retort.Tests.Fidelity;

namespace Retort.Tests.Adopt;

/// <summary>
/// check on views, routines and triggers, through the real CLI on sakila loaded whole: nothing to report right after
/// scaffolding the model from the database; a changed view query, routine body or trigger body in the model is
/// reported; the revision autogenerate writes for it applies, and check is clean again.
/// </summary>
public class SchemaObjectCheckTests
{
    public static TheoryData<string, string[], string[]> Cases() => new()
    {
        {
            "mysql",
            ["AS `zip code`", "AS `postcode`", "RETURN v_rentfees + v_overfees - v_payments;", "RETURN v_rentfees + v_overfees;",
             "VALUES (new.film_id, new.title, new.description);", "VALUES (new.film_id, new.title, NULL);"],
            // staff_list has the same column alias, so it changes too.
            ["modify view customer_list", "modify view staff_list", "modify function get_customer_balance()", "modify trigger ins_film on film"]
        },
        {
            "sqlite",
            ["a.postal_code AS zip_code", "a.postal_code AS postcode", "UPDATE actor SET last_update = DATETIME('NOW')", "UPDATE actor SET last_update = DATETIME('now', 'localtime')"],
            ["modify view customer_list", "modify view staff_list", "modify trigger actor_trigger_ai on actor", "modify trigger actor_trigger_au on actor"]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_changed_view_routine_or_trigger_is_reported_and_nothing_else(string dialect, string[] edits, string[] expected)
    {
        await using var db = await FidelityDatabase.CreateAsync(dialect);
        await db.LoadAsync(SampleSchemas.File(dialect, "sakila"));
        using var project = await AdoptProject.CreateAsync(db.Url);
        await project.OkAsync("scaffold", "--form", "metadata");
        project.SetTargetModel("context.TargetModel = Model.DatabaseModel.MetaData;");
        Assert.Equal("No new upgrade operations detected.\n", (await project.OkAsync("check")).Stdout);

        var model = Path.Combine(project.Path, "migrations", "model", "DatabaseModel.cs");
        var text = File.ReadAllText(model);
        for (var i = 0; i < edits.Length; i += 2)
        {
            Assert.Contains(edits[i], text);
            text = text.Replace(edits[i], edits[i + 1], StringComparison.Ordinal);
        }
        File.WriteAllText(model, text);
        var check = await project.RunAsync("check");
        Assert.True(check.ExitCode == 1, check.ToString());
        var reported = check.Stdout.Split('\n').Skip(1).Select(l => l.Trim()).Where(l => l.Length > 0).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal).ToList(), reported);

        await project.OkAsync("revision", "--autogenerate", "-m", "objects changed");
        await project.OkAsync("upgrade", "head");
        Assert.Equal("No new upgrade operations detected.\n", (await project.OkAsync("check")).Stdout);
        var snapshot = await db.SnapshotAsync();
        Assert.Contains(snapshot.Facts, f => f.Subject == "view customer_list" && f.Attribute == "definition" && f.Value.Contains("postcode", StringComparison.Ordinal));
    }
}
