using System.Data.Common;
using System.Globalization;
using Retort.Schema;

namespace Retort.Dialects;

/// <summary>Which schemas and tables to read; the filter runs on names before anything else is read about a table.</summary>
public sealed record ReflectOptions
{
    /// <summary>The default schema (null: the provider's, e.g. <c>public</c>); what lives there reflects with Schema = null.</summary>
    public string? Schema { get; init; }

    /// <summary>
    /// Further schemas to read besides the default one (Alembic's include_schemas); their objects carry their schema
    /// name. Listing the default schema here too changes nothing.
    /// </summary>
    public IReadOnlyList<string> Schemas { get; init; } = [];

    public Func<string, bool> IncludeTable { get; init; } = _ => true;

    /// <summary>Every schema to read, the default one first: the list a catalog query filters on.</summary>
    public string[] AllSchemas(string providerDefault)
    {
        var first = Schema ?? providerDefault;
        return [first, .. Schemas.Where(s => s != first).Distinct()];
    }

    /// <summary>
    /// The Schema a table in <paramref name="schema"/> carries: in the default schema, <see cref="Schema"/> as given
    /// (null unless set), so that a single-schema project sees no change; elsewhere the schema's name.
    /// </summary>
    public string? SchemaOf(string schema, string providerDefault) => schema == (Schema ?? providerDefault) ? Schema : schema;

    /// <summary>A reference (foreign key target, type) from an object to <paramref name="schema"/>: null in the default schema.</summary>
    public string? ReferenceTo(string schema, string providerDefault) => schema == (Schema ?? providerDefault) ? null : schema;
}

/// <summary>
/// Reads a live database's schema in a fixed number of catalog queries, whatever the number of tables.
/// <see cref="QueryCount"/> says how many it ran.
/// </summary>
public abstract class SchemaReflector(TypeMapping types)
{
    /// <summary>The provider's mapping from reflected type text to portable types.</summary>
    protected TypeMapping Types { get; } = types;

    public int QueryCount { get; private set; }

    public abstract Task<DatabaseSchema> ReflectAsync(DbConnection connection, ReflectOptions options, CancellationToken ct = default);

    /// <summary>
    /// The model with its views', routines' and triggers' definitions in the form this database prints them back
    /// (e.g. created in a transaction that is rolled back, then read with the same catalog functions as
    /// <see cref="ReflectAsync"/>), so that comparing texts compares meanings. By default the model as it is.
    /// </summary>
    public virtual Task<DatabaseSchema> ServerFormAsync(DatabaseSchema model, DbConnection connection, CancellationToken ct = default) =>
        Task.FromResult(model);

    protected async Task<List<object?[]>> QueryAsync(DbConnection connection, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        QueryCount++;
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await RowsAsync(reader, ct);
    }

    private static async Task<List<object?[]>> RowsAsync(DbDataReader reader, CancellationToken ct)
    {
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(ct))
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>
    /// Several statements sent as one command (one round trip), e.g. one SHOW CREATE per object where no catalog
    /// table holds the text as the database prints it; the rows of each statement's result set, in order.
    /// </summary>
    protected async Task<List<List<object?[]>>> QueryBatchAsync(DbConnection connection, IReadOnlyList<string> statements, CancellationToken ct)
    {
        var results = new List<List<object?[]>>();
        if (statements.Count == 0) return results;
        QueryCount++;
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = string.Join(";\n", statements);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        do results.Add(await RowsAsync(reader, ct));
        while (await reader.NextResultAsync(ct));
        return results;
    }

    protected static string S(object? v) => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "";

    protected static bool B(object? v) => v switch
    {
        bool b => b,
        null => false,
        _ => S(v) is "1" or "YES" or "true" or "True",
    };

    protected static ReferentialAction? Action(string? rule) => rule?.ToUpperInvariant() switch
    {
        "CASCADE" or "C" => ReferentialAction.Cascade,
        "SET NULL" or "N" => ReferentialAction.SetNull,
        "SET DEFAULT" or "D" => ReferentialAction.SetDefault,
        "RESTRICT" or "R" => ReferentialAction.Restrict,
        _ => null,
    };
}
