using System.Data.Common;
using Retort.Ops;
using Retort.Schema;

namespace Retort.Dialects.Postgres;

/// <summary>
/// PostgreSQL: pg_catalog over the default schema and any further ones (<see cref="ReflectOptions.Schemas"/>) in a fixed number of queries whatever the number of tables (tables,
/// columns with their key generation, constraints, indexes, enum and domain types, free-standing sequences). Each
/// fact is read as the server spells it, so that creating it again gives the same catalog.
/// </summary>
public partial class PostgresReflector(TypeMapping types, SqlDialect? dialect = null) : SchemaReflector(types)
{
    public override async Task<DatabaseSchema> ReflectAsync(DbConnection connection, ReflectOptions options, CancellationToken ct = default)
    {
        const string Default = "public";
        var schema = options.Schema ?? Default;
        var p = ("@schemas", (object)options.AllSchemas(Default));
        var tables = (await QueryAsync(connection, PostgresCatalogQueries.Tables, ct, p)).Where(r => options.IncludeTable(S(r[0]))).ToList();
        var columns = await QueryAsync(connection, PostgresCatalogQueries.Columns, ct, p);
        var constraints = await QueryAsync(connection, PostgresCatalogQueries.Constraints, ct, p);
        var indexes = await QueryAsync(connection, PostgresCatalogQueries.Indexes, ct, p);
        var udts = await QueryAsync(connection, PostgresCatalogQueries.Types, ct, p);
        var sequences = await QueryAsync(connection, PostgresCatalogQueries.FreeSequences, ct, p);
        var objects = await ReadObjectsAsync(connection, p, Default, options, ct);
        var schemas = await QueryAsync(connection, PostgresCatalogQueries.Schemas, ct, p);

        // Rows are keyed by (schema, table): the schema is each query's last column.
        var byTable = (List<object?[]> rows) => rows.GroupBy(r => (S(r[^1]), S(r[0]))).ToDictionary(g => g.Key, g => g.ToList());
        var cols = byTable(columns);
        var cons = byTable(constraints);
        var idx = byTable(indexes);
        var tableKeys = tables.Select(t => (S(t[^1]), S(t[0]))).ToHashSet();
        var result = new List<TableSchema>();
        foreach (var t in tables)
        {
            var name = S(t[0]);
            var key = (S(t[^1]), name);
            var myCols = cols.GetValueOrDefault(key) ?? [];
            var myCons = cons.GetValueOrDefault(key) ?? [];
            var pk = myCons.FirstOrDefault(c => S(c[2]) == "p");
            var pkCols = pk is null ? [] : (string[])pk[3]!;
            result.Add(new TableSchema(name)
            {
                Schema = options.SchemaOf(S(t[^1]), Default),
                Comment = t[1] is null ? null : S(t[1]),
                PartitionBy = t[2] is null ? null : S(t[2]),
                PartitionOf = t[3] is null ? null : new PartitionOf(S(t[3]), S(t[5])) { ParentSchema = options.ReferenceTo(S(t[4]), Default) },
                Columns = myCols.Select(c => ReadColumn(name, schema, c, pkCols)).ToList(),
                RawTypes = myCols.ToDictionary(c => S(c[1]), c => S(c[2])),
                PrimaryKey = pk is null ? null : new PrimaryKey(pkCols) { Name = S(pk[1]) },
                UniqueConstraints = myCons.Where(c => S(c[2]) == "u").Select(c => new UniqueConstraint((string[])c[3]!) { Name = S(c[1]) }).ToList(),
                ForeignKeys = myCons.Where(c => S(c[2]) == "f").Select(c => new ForeignKey((string[])c[3]!, S(c[4]), (string[])c[5]!)
                {
                    Name = S(c[1]),
                    ReferencedSchema = options.ReferenceTo(S(c[11]), Default),
                    OnDelete = ForeignKeyAction(S(c[6])),
                    OnUpdate = ForeignKeyAction(S(c[8])),
                    Deferrable = B(c[9]),
                    InitiallyDeferred = B(c[10]),
                    NotValid = !B(c[12]),
                }).ToList(),
                CheckConstraints = myCons.Where(c => S(c[2]) == "c").Select(c => new CheckConstraint(CheckBody(S(c[7]))) { Name = S(c[1]), NotValid = !B(c[12]) }).ToList(),
                Indexes = (idx.GetValueOrDefault(key) ?? []).Select(ReadIndex).ToList(),
            });
        }
        var typeList = udts.Select(r => ReadType(r, schema)).ToList<UserDefinedType>();
        return new DatabaseSchema(result)
        {
            DefaultSchema = schema,
            Schemas = schemas.Select(r => S(r[0])).Where(n => n != schema).ToList(),
            Types = typeList,
            Sequences = sequences.Select(r => FreeSequence(r, options.SchemaOf(S(r[^1]), Default))).ToList(),
            Views = objects.Views.Select(v => v with
            {
                Indexes = (idx.GetValueOrDefault((v.Schema ?? schema, v.Name)) ?? []).Select(i => ReadIndex(i).ToTableIndex()).ToList(),
            }).ToList(),
            Routines = objects.Routines,
            Triggers = objects.Triggers.Where(g => tableKeys.Contains((g.Schema ?? schema, g.Table))).ToList(),
            Extensions = objects.Extensions,
            Unsupported = objects.Unsupported,
        };
    }

    /// <summary>
    /// A column with its key generation told apart: an identity (ALWAYS or BY DEFAULT, with its sequence's options
    /// when not the defaults), a serial (a nextval default on a sequence the column owns), or a plain nextval
    /// default on a sequence of its own (kept as the default; the sequence is reflected by itself).
    /// </summary>
    private Column ReadColumn(string table, string schema, object?[] c, string[] pkCols)
    {
        var name = S(c[1]);
        var def = c[4] is null ? null : S(c[4]);
        var identity = S(c[5]);
        var generated = S(c[6]);
        var ownedSequence = c[12] is null ? null : S(c[12]);
        var column = new Column(name, ColumnType(S(c[2]), S(c[9]), S(c[10]), S(c[11]), schema))
        {
            Nullable = !B(c[3]),
            PrimaryKey = pkCols.Contains(name),
            Comment = c[8] is null ? null : S(c[8]),
            Collation = c[7] is null ? null : S(c[7]),
            Storage = c[20] is null ? null : StorageName(S(c[20])),
        };
        if (generated == "s")
            return column with { Computed = new ComputedColumn(def!) { Stored = true } };
        if (identity is "a" or "d")
        {
            return column with
            {
                Autoincrement = true,
                Identity = SequenceOptions(S(c[19]), c[13], c[14], c[15], c[16], c[17], c[18]) with
                {
                    Kind = IdentityKind.Identity,
                    Always = identity == "a",
                    SequenceName = ownedSequence == PostgresNames.Sequence(table, name) ? null : ownedSequence,
                },
            };
        }
        if (ownedSequence is not null && def is not null && def == PostgresNames.NextVal(ownedSequence))
        {
            return column with
            {
                Autoincrement = true,
                Identity = SequenceOptions(S(c[19]), c[13], c[14], c[15], c[16], c[17], c[18]) with
                {
                    Kind = IdentityKind.Serial,
                    SequenceName = ownedSequence == PostgresNames.Sequence(table, name) ? null : ownedSequence,
                    // A domain column (Icinga DB's uint over bigint): the sequence has the domain's base type.
                    SequenceType = S(c[9]) == "d" ? S(c[19]) : null,
                },
            };
        }
        return column with { ServerDefault = def };
    }

    /// <summary>An enum or domain column names its type; anything else maps through the provider's types.</summary>
    private SqlType ColumnType(string formatted, string typeKind, string typeSchema, string typeName, string schema) =>
        typeKind is "e" or "d" ? SqlType.Named(typeName, typeSchema == schema ? null : typeSchema) : Types.FromDatabase(formatted);

    /// <summary>
    /// Sequence options, only those that differ from what PostgreSQL would choose by itself (for a column's
    /// sequence: its type is the column's), so that the generated code says only what was chosen.
    /// </summary>
    private static IdentityOptions SequenceOptions(string dataType, object? start, object? increment, object? min, object? max, object? cache, object? cycle)
    {
        if (start is null) return new IdentityOptions();
        long L(object? v) => Convert.ToInt64(v, System.Globalization.CultureInfo.InvariantCulture);
        var inc = L(increment);
        var (typeMin, typeMax) = PostgresNames.Range(dataType);
        long defaultMin = inc > 0 ? 1 : typeMin, defaultMax = inc > 0 ? typeMax : -1;
        var minValue = L(min);
        var maxValue = L(max);
        var defaultStart = inc > 0 ? minValue : maxValue;
        return new IdentityOptions
        {
            Start = L(start) == defaultStart ? null : L(start),
            Increment = inc == 1 ? null : inc,
            MinValue = minValue == defaultMin ? null : minValue,
            MaxValue = maxValue == defaultMax ? null : maxValue,
            Cache = L(cache) == 1 ? null : L(cache),
            Cycle = B(cycle),
        };
    }

    private static SequenceDefinition FreeSequence(object?[] r, string? schema)
    {
        var o = SequenceOptions(S(r[1]), r[2], r[3], r[4], r[5], r[6], r[7]);
        return new SequenceDefinition(S(r[0]))
        {
            Schema = schema,
            DataType = S(r[1]) == "bigint" ? null : S(r[1]),
            Start = o.Start, Increment = o.Increment, MinValue = o.MinValue, MaxValue = o.MaxValue, Cache = o.Cache, Cycle = o.Cycle,
        };
    }

    /// <summary>pg_attribute's storage letters as SET STORAGE spells them.</summary>
    private static string StorageName(string code) => code switch
    {
        "p" => "PLAIN",
        "e" => "EXTERNAL",
        "m" => "MAIN",
        _ => "EXTENDED",
    };

    private static IndexSchema ReadIndex(object?[] i)
    {
        var keys = (string[])i[4]!;
        var isExpression = (bool[])i[5]!;
        var options = (short[])i[6]!;
        var opclasses = (string?[])i[7]!;
        var collations = (string?[])i[8]!;
        var elements = keys.Select((k, n) => new IndexElement(k)
        {
            IsExpression = isExpression[n],
            Descending = (options[n] & 1) == 1,
            Nulls = (options[n] & 3) switch { 2 => NullsOrder.First, 1 => NullsOrder.Last, _ => NullsOrder.Default },
            OperatorClass = opclasses[n],
            Collation = collations[n],
        }).ToList();
        var plain = elements.All(e => e is { IsExpression: false, Descending: false, Nulls: NullsOrder.Default, OperatorClass: null, Collation: null });
        var method = S(i[9]);
        return new IndexSchema(S(i[1]), keys)
        {
            Unique = B(i[2]),
            Where = i[3] is null ? null : S(i[3]),
            Method = method == "btree" ? null : method,
            Elements = plain ? null : elements,
            Include = (string[])i[10]!,
            Comment = i[11] is null ? null : S(i[11]),
        };
    }

    private UserDefinedType ReadType(object?[] r, string schema)
    {
        var name = S(r[0]);
        var typeSchema = S(r[1]) == schema ? null : S(r[1]);
        var comment = r[9] is null ? null : S(r[9]);
        if (S(r[2]) == "e") return new EnumTypeDefinition(name, (string[])r[3]!) { Schema = typeSchema, Comment = comment };
        var names = (string[])r[7]!;
        var defs = (string[])r[8]!;
        return new DomainDefinition(name, Types.FromDatabase(S(r[4])))
        {
            Schema = typeSchema,
            Comment = comment,
            Nullable = !B(r[5]),
            Default = r[6] is null ? null : S(r[6]),
            Collation = r[10] is null ? null : S(r[10]),
            Checks = names.Select((n, k) => new CheckConstraint(CheckBody(defs[k])) { Name = n }).ToList(),
        };
    }

    /// <summary>pg_constraint's action letters; NO ACTION (the default) reads as none.</summary>
    private static ReferentialAction? ForeignKeyAction(string code) => code switch
    {
        "c" => ReferentialAction.Cascade,
        "n" => ReferentialAction.SetNull,
        "d" => ReferentialAction.SetDefault,
        "r" => ReferentialAction.Restrict,
        _ => null,
    };

    /// <summary>The expression of pg_get_constraintdef's <c>CHECK (…)</c>, without the NOT VALID it appends (read apart, as NotValid).</summary>
    private static string CheckBody(string definition)
    {
        if (definition.EndsWith(" NOT VALID", StringComparison.Ordinal)) definition = definition[..^" NOT VALID".Length];
        var s = definition.StartsWith("CHECK ", StringComparison.Ordinal) ? definition[6..].Trim() : definition;
        return s.StartsWith('(') && s.EndsWith(')') ? s[1..^1] : s;
    }
}
