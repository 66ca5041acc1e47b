using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Retort.Dialects;
using Retort.Ops;
using Retort.Schema;
using Ef = Microsoft.EntityFrameworkCore.Migrations.Operations;

namespace Retort.EntityFrameworkCore;

/// <summary>
/// Turns EF's create-everything migration operations into Retort tables, keeping their order, and lists what
/// Retort's schema model has no field for instead of dropping it silently.
/// </summary>
internal sealed class SchemaBuilder(DatabaseProvider provider, IRelationalModel model, IRelationalTypeMappingSource mappings, IMigrationsSqlGenerator sql)
{
    private readonly List<TableSchema> _tables = [];
    private readonly List<SequenceDefinition> _sequences = [];
    private readonly List<string> _unsupported = [];
    private readonly List<string> _schemas = [];
    private readonly List<TableData> _data = [];

    public IReadOnlyList<string> Unsupported => _unsupported;

    public DatabaseSchema Build() => new(_tables) { Sequences = _sequences, Schemas = _schemas, Data = _data };

    /// <summary>
    /// HasData rows, told apart by the table's primary key; rows EF gives for the same table in several operations
    /// (one per entity type sharing it) join one list.
    /// </summary>
    private void AddSeedRows(Ef.InsertDataOperation d)
    {
        var table = _tables.FirstOrDefault(t => t.Name == d.Table && t.Schema == d.Schema);
        if (table?.PrimaryKey is not { } pk || !pk.Columns.All(d.Columns.Contains))
        {
            _unsupported.Add($"HasData on {Entities(d.Table, d.Schema)} (table {Qualified(d.Table, d.Schema)}): the rows carry no primary key to find them by");
            return;
        }
        var rows = Enumerable.Range(0, d.Values.GetLength(0))
            .Select(r => (IReadOnlyList<object?>)Enumerable.Range(0, d.Values.GetLength(1)).Select(c => d.Values[r, c]).ToList()).ToList();
        var i = _data.FindIndex(x => x.Table == d.Table && x.Schema == d.Schema && x.Columns.SequenceEqual(d.Columns));
        if (i >= 0) _data[i] = _data[i] with { Rows = [.. _data[i].Rows, .. rows] };
        else _data.Add(new TableData(d.Table, pk.Columns, d.Columns, rows) { Schema = d.Schema });
    }

    /// <summary>
    /// What the model asks for that Retort cannot carry, named as a reader of the model knows it: the EF feature
    /// (the migration operation EF would run), the entity types and the table.
    /// </summary>
    private string Refusal(Ef.MigrationOperation operation)
    {
        var feature = operation.GetType().Name.Replace("Operation", "", StringComparison.Ordinal);
        var (table, schema) = operation switch
        {
            Ef.TableOperation t => (t.Name, t.Schema),
            Ef.ColumnOperation c => (c.Table, c.Schema),
            Ef.CreateIndexOperation x => (x.Table, x.Schema),
            Ef.UpdateDataOperation u => (u.Table, u.Schema),
            Ef.DeleteDataOperation u => (u.Table, u.Schema),
            Ef.InsertDataOperation u => (u.Table, u.Schema),
            _ => ((string?)null, (string?)null),
        };
        return table is null ? $"{feature} ({operation})" : $"{feature} on {Entities(table, schema)} (table {Qualified(table, schema)})";
    }

    private string Entities(string table, string? schema) =>
        model.FindTable(table, schema) is { } t && t.EntityTypeMappings.Any()
            ? "entity " + string.Join(", ", t.EntityTypeMappings.Select(m => m.TypeBase.DisplayName()).Distinct())
            : "no entity";

    public void Add(Ef.MigrationOperation operation)
    {
        switch (operation)
        {
            case Ef.CreateTableOperation t:
                _tables.Add(Table(t));
                break;
            case Ef.CreateIndexOperation i:
                AddIndex(i);
                break;
            case Ef.AddForeignKeyOperation f:
                // EF adds a foreign key after the tables only to break a cycle; Retort creates it with its table.
                Replace(f.Table, f.Schema, t => t with { ForeignKeys = [.. t.ForeignKeys, ForeignKey(f)] });
                break;
            case Ef.EnsureSchemaOperation s:
                _schemas.Add(s.Name);
                break;
            case Ef.InsertDataOperation d:
                AddSeedRows(d);
                break;
            case Ef.CreateSequenceOperation s:
                AddSequence(s);
                break;
            case Ef.AlterDatabaseOperation d:
                foreach (var a in d.GetAnnotations().Where(a => a.Value is not null))
                    _unsupported.Add($"database annotation {a.Name}");
                break;
            default:
                _unsupported.Add(Refusal(operation));
                break;
        }
    }

    /// <summary>
    /// A sequence as EF's SQL generators create it (HasSequence, or the key sequence of a TPC hierarchy): its type
    /// from the CLR type's store type, and only the options that differ from the database's own choice.
    /// </summary>
    private void AddSequence(Ef.CreateSequenceOperation s)
    {
        var name = Qualified(s.Name, s.Schema);
        foreach (var a in s.GetAnnotations().Where(a => a.Value is not null))
            _unsupported.Add($"sequence {name}: annotation {a.Name} = {Format(a.Value)}");
        var dataType = mappings.FindMapping(s.ClrType)?.StoreType
                       ?? throw new RetortException($"EF Core gives no store type for the {s.ClrType.Name} of sequence {name}.");
        var sequence = new SequenceDefinition(s.Name)
        {
            Schema = s.Schema,
            DataType = provider.Types.Canonical(dataType) == provider.Types.Canonical("bigint") ? null : dataType,
            Start = s.StartValue == (s.IncrementBy > 0 ? s.MinValue ?? 1 : s.MaxValue ?? -1) ? null : s.StartValue,
            Increment = s.IncrementBy == 1 ? null : s.IncrementBy,
            MinValue = s.MinValue,
            MaxValue = s.MaxValue,
            Cycle = s.IsCyclic,
        };
        try { provider.Dialect.Generate(new CreateSequenceOperation(sequence)); }
        catch (NotSupportedException)
        {
            _unsupported.Add($"sequence {name} ({provider.Name} has no sequences)");
            return;
        }
        _sequences.Add(sequence);
    }

    private TableSchema Table(Ef.CreateTableOperation t)
    {
        var name = Qualified(t.Name, t.Schema);
        foreach (var a in t.GetAnnotations().Where(a => a.Value is not null && !IgnoredTableAnnotation(a.Name)))
            _unsupported.Add($"table {name}: annotation {a.Name} = {Format(a.Value)}");
        var pk = t.PrimaryKey?.Columns ?? [];
        return new TableSchema(t.Name)
        {
            Schema = t.Schema,
            // Where the database keeps no comments (SQLite), EF writes them as SQL comments only: nothing to compare.
            Comment = provider.Capabilities.Comments ? t.Comment : null,
            Columns = t.Columns.Select(c => Column(t, c, pk)).ToList(),
            PrimaryKey = t.PrimaryKey is null ? null : new PrimaryKey(t.PrimaryKey.Columns) { Name = t.PrimaryKey.Name },
            UniqueConstraints = t.UniqueConstraints.Select(u => new UniqueConstraint(u.Columns) { Name = u.Name }).ToList(),
            ForeignKeys = t.ForeignKeys.Select(ForeignKey).ToList(),
            CheckConstraints = t.CheckConstraints.Select(c => new CheckConstraint(c.Sql) { Name = c.Name }).ToList(),
            RawTypes = t.Columns.ToDictionary(c => c.Name, c => StoreType(t, c)),
            ValueStorage = t.Columns.Select(c => (c.Name, Stored: ColumnTypes.Storage(provider, c, StoreType(t, c))))
                .Where(c => c.Stored is not null).ToDictionary(c => c.Name, c => c.Stored!.Value),
        };
    }

    private Column Column(Ef.CreateTableOperation t, Ef.AddColumnOperation c, string[] pk)
    {
        var where = $"column {Qualified(t.Name, t.Schema)}.{c.Name}";
        var autoincrement = false;
        IdentityOptions? identity = null;
        foreach (var a in c.GetAnnotations().Where(a => a.Value is not null))
        {
            switch (a.Name, Convert.ToString(a.Value, System.Globalization.CultureInfo.InvariantCulture))
            {
                case ("Sqlite:Autoincrement", "True"):
                case ("Npgsql:ValueGenerationStrategy", "IdentityByDefaultColumn"):
                case ("MySql:ValueGenerationStrategy", "IdentityColumn"):
                case ("SqlServer:Identity", "1, 1"):
                    autoincrement = true;
                    break;
                case ("Npgsql:ValueGenerationStrategy", "IdentityAlwaysColumn"):
                    autoincrement = true;
                    identity = new IdentityOptions { Kind = IdentityKind.Identity, Always = true };
                    break;
                case ("Npgsql:ValueGenerationStrategy", "SerialColumn"):
                    autoincrement = true;
                    identity = new IdentityOptions { Kind = IdentityKind.Serial };
                    break;
                case ("Npgsql:ValueGenerationStrategy", "None"):
                // Hi-lo keys come from EF's client-side allocator: the column has no default, the sequence is
                // created on its own (EntityFrameworkHiLoSequence).
                case ("Npgsql:ValueGenerationStrategy", "SequenceHiLo"):
                    break;
                case var (name, value):
                    _unsupported.Add($"{where}: {name} = {value}");
                    break;
            }
        }
        var storeType = StoreType(t, c);
        var untypedComputed = c.ComputedColumnSql is not null && !DeclaresComputedColumnType(c, storeType);
        return new Column(c.Name, untypedComputed ? SqlType.Custom((provider.Name, "")) : ColumnTypes.Map(provider, storeType))
        {
            Nullable = c.IsNullable || untypedComputed,
            PrimaryKey = pk.Contains(c.Name),
            Autoincrement = autoincrement,
            ServerDefault = Default(c, storeType),
            Comment = provider.Capabilities.Comments ? c.Comment : null,
            Identity = identity,
            Computed = c.ComputedColumnSql is null ? null : new ComputedColumn(c.ComputedColumnSql) { Stored = c.IsStored == true },
            Collation = c.Collation,
        };
    }

    /// <summary>
    /// Whether EF's SQL generator writes a computed column with its type. Some do not (SQLite's writes
    /// <c>"Gross" AS (…) STORED</c>, with neither type nor NOT NULL), so the column is then declared without a type,
    /// as EF declares it; asked of the generator itself with a one-column table.
    /// </summary>
    private bool DeclaresComputedColumnType(Ef.AddColumnOperation c, string storeType)
    {
        const string probe = "retort_probe";
        var table = new Ef.CreateTableOperation { Name = probe };
        table.Columns.Add(new Ef.AddColumnOperation
        {
            Name = probe + "_column", Table = probe, ClrType = c.ClrType, ColumnType = storeType,
            ComputedColumnSql = c.ComputedColumnSql, IsStored = c.IsStored, IsNullable = true,
        });
        var text = string.Join("\n", sql.Generate([table]).Select(command => command.CommandText));
        var definition = text[(text.IndexOf(probe + "_column", StringComparison.Ordinal) + probe.Length + "_column".Length)..];
        return definition.TrimStart('"', '`', ']', ' ').StartsWith(storeType, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Annotations EF's own SQL generators ignore when creating a table.</summary>
    private static bool IgnoredTableAnnotation(string name) => name is "Relational:IsTableExcludedFromMigrations";

    private string StoreType(Ef.CreateTableOperation t, Ef.AddColumnOperation c) =>
        c.ColumnType ?? model.FindTable(t.Name, t.Schema)?.FindColumn(c.Name)?.StoreType
        ?? throw new RetortException($"EF Core gives no store type for {t.Name}.{c.Name}.");

    /// <summary>The DEFAULT clause as EF's SQL generator writes it: SQL in parentheses, values as the provider's literals.</summary>
    private string? Default(Ef.AddColumnOperation c, string storeType)
    {
        if (c.DefaultValueSql is not null) return "(" + c.DefaultValueSql + ")";
        if (c.DefaultValue is null || c.DefaultValue is DBNull) return null;
        var mapping = mappings.FindMapping(c.DefaultValue.GetType(), storeType) ?? mappings.GetMappingForValue(c.DefaultValue);
        return mapping.GenerateSqlLiteral(c.DefaultValue);
    }

    private void AddIndex(Ef.CreateIndexOperation i)
    {
        var name = $"index {i.Name} on {Qualified(i.Table, i.Schema)}";
        string? method = null;
        string[] include = [], operators = [], collations = [];
        foreach (var a in i.GetAnnotations().Where(a => a.Value is not null))
        {
            // Index options (Npgsql's HasMethod, IncludeProperties, HasOperators; UseCollation), which the SQL
            // generator writes into CREATE INDEX; anything else is listed.
            switch (a.Name, a.Value)
            {
                case ("Npgsql:IndexMethod", string m):
                    method = m;
                    break;
                case ("Npgsql:IndexInclude", string[] columns):
                    include = columns;
                    break;
                case ("Npgsql:IndexOperators", string[] classes):
                    operators = classes;
                    break;
                case ("Relational:Collation" or "Npgsql:IndexCollation", string[] names):
                    collations = names;
                    break;
                default:
                    _unsupported.Add($"{name}: {a.Name} = {Format(a.Value)}");
                    break;
            }
        }
        // EF's empty array means every column descending.
        bool Descending(int n) => i.IsDescending is { } desc && (desc.Length == 0 || desc[n]);
        string? At(string[] values, int n) => n < values.Length && !string.IsNullOrEmpty(values[n]) ? values[n] : null;
        var elements = i.Columns.Select((c, n) => new IndexElement(c) { Descending = Descending(n), OperatorClass = At(operators, n), Collation = At(collations, n) }).ToList();
        Replace(i.Table, i.Schema, t => t with
        {
            Indexes =
            [
                .. t.Indexes,
                new IndexSchema(i.Name, i.Columns)
                {
                    Unique = i.IsUnique,
                    Where = i.Filter,
                    // btree is what CREATE INDEX uses without USING, and what reflection reports as no method.
                    Method = method is null || method.Equals("btree", StringComparison.OrdinalIgnoreCase) ? null : method,
                    Include = include,
                    Elements = elements.Any(e => e.Descending || e.OperatorClass is not null || e.Collation is not null) ? elements : null,
                },
            ],
        });
    }

    private static ForeignKey ForeignKey(Ef.AddForeignKeyOperation f) => new(f.Columns, f.PrincipalTable, f.PrincipalColumns ?? [])
    {
        Name = f.Name,
        ReferencedSchema = f.PrincipalSchema,
        OnDelete = Action(f.OnDelete),
        OnUpdate = Action(f.OnUpdate),
    };

    private static ReferentialAction? Action(Microsoft.EntityFrameworkCore.Migrations.ReferentialAction action) => action switch
    {
        Microsoft.EntityFrameworkCore.Migrations.ReferentialAction.Cascade => ReferentialAction.Cascade,
        Microsoft.EntityFrameworkCore.Migrations.ReferentialAction.Restrict => ReferentialAction.Restrict,
        Microsoft.EntityFrameworkCore.Migrations.ReferentialAction.SetNull => ReferentialAction.SetNull,
        Microsoft.EntityFrameworkCore.Migrations.ReferentialAction.SetDefault => ReferentialAction.SetDefault,
        _ => null,
    };

    private void Replace(string table, string? schema, Func<TableSchema, TableSchema> change)
    {
        var i = _tables.FindIndex(t => t.Name == table && t.Schema == schema);
        if (i < 0) throw new RetortException($"EF Core refers to table {Qualified(table, schema)} before creating it.");
        _tables[i] = change(_tables[i]);
    }

    /// <summary>An annotation's value as the model says it (arrays listed).</summary>
    private static string? Format(object? value) => value is System.Collections.IEnumerable list and not string
        ? "[" + string.Join(", ", list.Cast<object?>().Select(Format)) + "]"
        : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);

    private static string Qualified(string name, string? schema) => schema is null ? name : schema + "." + name;
}
