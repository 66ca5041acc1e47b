using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using Retort.Ops;
using Retort.Schema;

namespace Retort.Tests.Autogenerate;

/// <summary>A model using every field the schema model carries, and a structural dump to compare two models.</summary>
internal static class FidelityModel
{
    public static DatabaseSchema Build() => new MetaData()
        .EnumType("mood", "sad", "ok", "happy")
        .Type(new DomainDefinition("positive_int", SqlType.Integer())
        {
            Nullable = false, Default = "1", Checks = [new CheckConstraint("VALUE > 0") { Name = "positive_int_check" }], Comment = "above zero",
        })
        .Table("store",
            new Column("store_id", SqlType.Integer()) { PrimaryKey = true, Nullable = false, Identity = new IdentityOptions { Always = true, Start = 10, Increment = 5, Cache = 20, Cycle = true } },
            new Column("manager_staff_id", SqlType.SmallInt() with { Unsigned = true }) { Nullable = false },
            new Column("name", SqlType.String(45)) { Collation = "C", Charset = "utf8mb4", Comment = "shop's name" },
            new Column("mood", SqlType.Named("mood")),
            new Column("score", SqlType.Named("positive_int", "public")),
            new Column("last_update", SqlType.DateTime()) { Nullable = false, ServerDefault = "CURRENT_TIMESTAMP", OnUpdate = "CURRENT_TIMESTAMP" },
            new Column("name_upper", SqlType.String(45)) { Computed = new ComputedColumn("upper(name)") { Stored = true } },
            new Column("exact", SqlType.Custom(("postgresql", "tsvector"), ("*", "TEXT"))),
            new ForeignKey(["manager_staff_id"], "staff", ["staff_id"]) { Name = "fk_store_staff", OnUpdate = ReferentialAction.Cascade, OnDelete = ReferentialAction.Restrict },
            new TableIndex("idx_store_name", "name")
            {
                Method = "gist",
                Elements = [new IndexElement("lower(name)") { IsExpression = true, Descending = true, Nulls = NullsOrder.Last, Collation = "C", OperatorClass = "text_pattern_ops" }],
                Include = ["mood"],
                Where = "name IS NOT NULL",
            },
            new TableOptions { Comment = "shops", ProviderOptions = new Dictionary<string, string> { ["mysql.engine"] = "InnoDB", ["sqlite.strict"] = "true" } })
        .Table("staff",
            new Column("staff_id", SqlType.SmallInt()) { PrimaryKey = true, Nullable = false, Autoincrement = true, Identity = new IdentityOptions { Kind = IdentityKind.Serial, SequenceName = "staff_staff_id_seq" } },
            new Column("store_id", SqlType.Integer()) { Nullable = false },
            new Column("rowid_alias", SqlType.Integer()) { Identity = new IdentityOptions { Kind = IdentityKind.RowId } },
            new ForeignKey(["store_id"], "store", ["store_id"]) { Name = "fk_staff_store", Deferrable = true, InitiallyDeferred = true },
            new UniqueConstraint("store_id", "staff_id") { Name = "uq_staff" },
            new TableIndex("idx_staff_prefix", "store_id") { Kind = IndexKind.FullText, Elements = [new IndexElement("store_id") { PrefixLength = 10 }] })
        .Table("address",
            new Column("address_id", SqlType.Integer()) { PrimaryKey = true, Nullable = false, Identity = new IdentityOptions { Kind = IdentityKind.AutoIncrement } },
            new Column("address", SqlType.String(50)) { Nullable = false })
        .Table("customer",
            new Column("customer_id", SqlType.Integer()) { PrimaryKey = true, Nullable = false },
            new Column("store_id", SqlType.Integer()) { Nullable = false },
            new Column("address_id", SqlType.Integer()) { Nullable = false },
            new ForeignKey(["store_id"], "store", ["store_id"]) { Name = "fk_customer_store" },
            new ForeignKey(["address_id"], "address", ["address_id"]) { Name = "fk_customer_address", OnDelete = ReferentialAction.Cascade },
            new CheckConstraint("customer_id > 0") { Name = "ck_customer_id" })
        .ToSchema();

    /// <summary>The schema the recorded operations of a generated Upgrade build, starting from nothing.</summary>
    public static DatabaseSchema Replay(IEnumerable<MigrationOperation> operations)
    {
        var tables = new List<TableSchema>();
        var types = new List<UserDefinedType>();
        foreach (var op in operations)
        {
            switch (op)
            {
                case CreateTypeOperation t: types.Add(t.Definition); break;
                case CreateTableOperation c:
                    tables.Add(new TableSchema(c.Name)
                    {
                        Schema = c.Schema,
                        Columns = c.Columns,
                        PrimaryKey = c.PrimaryKey ?? (c.Columns.Any(x => x.PrimaryKey) ? new PrimaryKey(c.Columns.Where(x => x.PrimaryKey).Select(x => x.Name).ToArray()) : null),
                        ForeignKeys = c.ForeignKeys,
                        UniqueConstraints = c.UniqueConstraints,
                        CheckConstraints = c.CheckConstraints,
                        Comment = c.Comment,
                        ProviderOptions = c.ProviderOptions,
                        Indexes = c.Indexes.Select(i => IndexSchema.From(i, c.Name)).ToList(),
                    });
                    break;
                case CreateForeignKeyOperation f:
                    var i = tables.FindIndex(t => t.Name == f.Table);
                    tables[i] = tables[i] with { ForeignKeys = [.. tables[i].ForeignKeys, f.ForeignKey] };
                    break;
                default: throw new InvalidOperationException($"Unexpected {op.GetType().Name} in a create-everything Upgrade.");
            }
        }
        return new DatabaseSchema(tables) { Types = types };
    }

    /// <summary>Every public property, recursively, by runtime type; lists in order, dictionaries by key.</summary>
    public static string Dump(object? value)
    {
        var sb = new StringBuilder();
        Write(sb, value, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? value, int depth)
    {
        if (depth > 20) throw new InvalidOperationException("Too deep.");
        switch (value)
        {
            case null: sb.Append("null"); return;
            case string s: sb.Append('"').Append(s).Append('"'); return;
            case IFormattable f when value.GetType().IsPrimitive || value is Enum: sb.Append(f.ToString(null, CultureInfo.InvariantCulture)); return;
            case bool b: sb.Append(b); return;
            case IDictionary<string, string> d:
                sb.Append('{');
                foreach (var kv in d.OrderBy(kv => kv.Key, StringComparer.Ordinal)) sb.Append(kv.Key).Append('=').Append(kv.Value).Append(';');
                sb.Append('}');
                return;
            case IReadOnlyDictionary<string, string> rd:
                Write(sb, rd.ToDictionary(kv => kv.Key, kv => kv.Value), depth + 1);
                return;
            case IEnumerable e:
                sb.Append('[');
                foreach (var item in e) { Write(sb, item, depth + 1); sb.Append(','); }
                sb.Append(']');
                return;
        }
        var type = value.GetType();
        sb.Append(type.Name).Append('(');
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract").OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            sb.Append(p.Name).Append(':');
            Write(sb, p.GetValue(value), depth + 1);
            sb.Append(' ');
        }
        sb.Append(')');
    }
}
