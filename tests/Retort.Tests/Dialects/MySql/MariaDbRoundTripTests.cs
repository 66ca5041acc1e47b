using Retort.Tests.Fidelity;

namespace Retort.Tests.Dialects.MySql;

/// <summary>
/// The schema-fidelity round trip on MariaDB's real sample schemas (sakila, employees, chinook), run on every test
/// run (not only with RETORT_FIDELITY=1): they reach zero differences, so any loss is a regression. Through the real
/// CLI: autogenerate against an empty model, the Downgrade recreates the schema on an empty database with the same
/// catalog and mariadb-dump, the Upgrade drops everything (sakila's store/staff foreign-key cycle included).
/// </summary>
public class MariaDbRoundTripTests
{
    public static TheoryData<string> Schemas()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(SampleSchemas.Root, "mysql"), "*.sql").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task Real_schema_round_trips_with_no_difference(string schema)
    {
        var result = await RoundTrip.RunAsync("mysql", schema);
        Assert.True(result.Lines.Count == 0, result.ToString());
    }
}
