using Retort.Tests.Fidelity;

namespace Retort.Tests.Dialects.Postgres;

/// <summary>
/// The schema-fidelity round trip on PostgreSQL's real sample schemas, run on every test run (not only with
/// RETORT_FIDELITY=1): they reach zero differences, so any loss is a regression. Through the real CLI: autogenerate
/// against an empty model, the Downgrade recreates the schema on an empty database with the same catalog and dump,
/// the Upgrade drops everything.
/// </summary>
public class PostgresRoundTripTests
{
    public static TheoryData<string> Schemas()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(SampleSchemas.Root, "postgresql"), "*.sql").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task Real_schema_round_trips_with_no_difference(string schema)
    {
        var result = await RoundTrip.RunAsync("postgresql", schema);
        Assert.True(result.Lines.Count == 0, result.ToString());
    }
}
