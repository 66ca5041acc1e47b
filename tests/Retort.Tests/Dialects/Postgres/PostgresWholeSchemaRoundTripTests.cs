using Retort.Tests.Fidelity;

namespace Retort.Tests.Dialects.Postgres;

/// <summary>
/// The round trip of whole real schemas, as upstream ships them (tests/data/schemas/whole/postgresql: pagila with its
/// views, materialized view, routines, aggregate, triggers and partitions; Icinga DB, OpenStreetMap, Synapse with the
/// functions, triggers and operator the shared copies cut; Guacamole, FreeRADIUS, Roundcube, PowerDNS), through the
/// real CLI: autogenerate against an empty model, the Downgrade on an empty database gives the same catalog (object
/// definitions as the server prints them, partitions with bounds, extensions) and the same pg_dump; the Upgrade drops
/// everything.
/// </summary>
public class PostgresWholeSchemaRoundTripTests
{
    public static TheoryData<string> Schemas() => SampleSchemas.Whole("postgresql");

    [Theory]
    [MemberData(nameof(Schemas))]
    public async Task Whole_schema_round_trips_with_no_difference(string schema)
    {
        var result = await RoundTrip.RunFileAsync("postgresql", SampleSchemas.WholeFile("postgresql", schema));
        Assert.True(result.Lines.Count == 0, result.ToString());
    }
}
