using Retort.Tests.Fidelity;

namespace Retort.Tests.Dialects.Sqlite;

/// <summary>
/// The schema-fidelity round trip on SQLite's real sample schemas (chinook, sakila, Firefox places), run on every test
/// run (not only with RETORT_FIDELITY=1): they reach zero differences, so any loss is a regression. Through the real
/// CLI: autogenerate against an empty model, the Downgrade recreates the schema in an empty file with the same catalog
/// (pragmas and sqlite_master) and the same sqlite3 .schema dump, the Upgrade drops everything.
/// </summary>
public class SqliteRoundTripTests
{
    public static TheoryData<string> Schemas()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(SampleSchemas.Root, "sqlite"), "*.sql").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task Real_schema_round_trips_with_no_difference(string schema)
    {
        var result = await RoundTrip.RunAsync("sqlite", schema);
        Assert.True(result.Lines.Count == 0, result.ToString());
    }
}
