using System.ComponentModel.DataAnnotations;
using System.ComponentModel.DataAnnotations.Schema;
using System.Reflection;
using Retort.Ops;

namespace Retort.Schema;

/// <summary>
/// Builds the target model from entity classes marked <c>[Table]</c>, EF Core style: properties are columns,
/// <c>[Key]</c> (or a property named Id) is the primary key, nullability follows the C# types; an <c>object</c> property is a
/// column without a declared type (SQLite).
/// </summary>
public static class EntityModel
{
    /// <summary>The [Table] classes of an assembly; <paramref name="naming"/> names their unnamed constraints and indexes.</summary>
    public static DatabaseSchema FromAssembly(Assembly assembly, NamingConvention? naming = null) =>
        FromTypes(assembly.GetTypes().Where(t => t.GetCustomAttribute<TableAttribute>() is not null).OrderBy(t => t.FullName, StringComparer.Ordinal), naming);

    public static DatabaseSchema FromTypes(IEnumerable<Type> types, NamingConvention? naming = null) =>
        new(types.Select(t => Table(t, naming ?? NamingConvention.Default)).ToList());

    private static TableSchema Table(Type type, NamingConvention naming)
    {
        var tableAttr = type.GetCustomAttribute<TableAttribute>();
        var name = tableAttr?.Name ?? type.Name;
        var nullability = new NullabilityInfoContext();
        var props = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<NotMappedAttribute>() is null && p.CanRead && IsScalar(p.PropertyType))
            .ToList();
        var keys = props.Where(p => p.GetCustomAttribute<KeyAttribute>() is not null).ToList();
        if (keys.Count == 0 && props.FirstOrDefault(p => p.Name.Equals("Id", StringComparison.OrdinalIgnoreCase)) is { } id) keys.Add(id);

        var columns = new List<Column>();
        var fks = new List<ForeignKey>();
        foreach (var p in props)
        {
            var columnName = ColumnName(p);
            var isKey = keys.Contains(p);
            var generated = p.GetCustomAttribute<DatabaseGeneratedAttribute>()?.DatabaseGeneratedOption;
            var autoincrement = isKey && keys.Count == 1 && IsInteger(p.PropertyType) && generated != DatabaseGeneratedOption.None;
            columns.Add(new Column(columnName, TypeOf(p))
            {
                PrimaryKey = isKey,
                Autoincrement = autoincrement,
                Nullable = !isKey && p.GetCustomAttribute<RequiredAttribute>() is null && IsNullable(p, nullability),
                ServerDefault = p.GetCustomAttribute<DefaultAttribute>()?.Sql,
                Comment = p.GetCustomAttribute<Retort.Schema.CommentAttribute>()?.Text,
            });
            if (p.GetCustomAttribute<ReferencesAttribute>() is { } r)
                fks.Add(new ForeignKey(columnName, r.Table, r.Column)
                {
                    Name = naming.ForeignKeyName(name, [columnName], r.Table, [r.Column], r.Name, tableAttr?.Schema),
                    OnDelete = r.OnDelete == ReferentialAction.NoAction ? null : r.OnDelete,
                    OnUpdate = r.OnUpdate == ReferentialAction.NoAction ? null : r.OnUpdate,
                });
        }
        string Col(string property) => props.FirstOrDefault(p => p.Name == property) is { } p ? ColumnName(p) : property;
        return new TableSchema(name)
        {
            Schema = tableAttr?.Schema,
            Comment = type.GetCustomAttribute<Retort.Schema.CommentAttribute>()?.Text,
            Columns = columns,
            // A composite key's order: [Column(Order = n)] where given (as EF6), else the properties' order.
            PrimaryKey = keys.Count == 0 ? null : new PrimaryKey(keys.OrderBy(p => p.GetCustomAttribute<ColumnAttribute>()?.Order is >= 0 and var o ? o : int.MaxValue).Select(ColumnName).ToArray()),
            ForeignKeys = fks,
            Indexes = type.GetCustomAttributes<IndexAttribute>().Select(i =>
            {
                var cols = i.Properties.Select(Col).ToArray();
                var descending = i.IsDescending ?? [];
                return new IndexSchema(naming.IndexName(name, cols, i.Name, tableAttr?.Schema), cols)
                {
                    Unique = i.IsUnique,
                    Where = i.Where,
                    Elements = descending.Any(d => d) ? cols.Select((c, n) => new IndexElement(c) { Descending = n < descending.Length && descending[n] }).ToList() : null,
                };
            }).ToList(),
            UniqueConstraints = type.GetCustomAttributes<UniqueAttribute>().Select(u =>
            {
                var cols = u.Properties.Select(Col).ToArray();
                return new UniqueConstraint(cols) { Name = naming.UniqueName(name, cols, u.Name, tableAttr?.Schema) };
            }).ToList(),
            CheckConstraints = type.GetCustomAttributes<CheckAttribute>().Select((c, i) => new CheckConstraint(c.Sql)
            {
                Name = naming.Ck is null || (c.Name is not null && !naming.Converts("ck")) ? c.Name : naming.CheckName(name, i + 1, null, c.Name, tableAttr?.Schema),
            }).ToList(),
            ProviderOptions = type.GetCustomAttributes<TableOptionAttribute>().ToDictionary(o => o.Key, o => o.Value),
        };
    }

    private static string ColumnName(PropertyInfo p) => p.GetCustomAttribute<ColumnAttribute>()?.Name ?? ToSnake(p.Name);

    /// <summary>PhoneNumber → phone_number, as most schemas outside EF name columns.</summary>
    public static string ToSnake(string name)
    {
        var sb = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1])))) sb.Append('_');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    private static bool IsScalar(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        return t.IsPrimitive || t.IsEnum || t == typeof(object) || t == typeof(string) || t == typeof(decimal) || t == typeof(DateTime) || t == typeof(DateTimeOffset)
               || t == typeof(DateOnly) || t == typeof(TimeOnly) || t == typeof(TimeSpan) || t == typeof(Guid) || t == typeof(byte[]);
    }

    private static bool IsInteger(Type t) => t == typeof(int) || t == typeof(long) || t == typeof(short);

    private static bool IsNullable(PropertyInfo p, NullabilityInfoContext context) =>
        p.PropertyType.IsValueType
            ? Nullable.GetUnderlyingType(p.PropertyType) is not null
            : context.Create(p).ReadState != NullabilityState.NotNull;

    private static SqlType TypeOf(PropertyInfo p)
    {
        var columnType = p.GetCustomAttribute<ColumnAttribute>()?.TypeName;
        if (columnType is not null) return SqlType.Custom(columnType);
        // A column that holds any value, without a declared type (SQLite's typeless column, e.g. `value NOT NULL`).
        if (p.PropertyType == typeof(object)) return SqlType.Custom("");
        var t = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
        var maxLength = p.GetCustomAttribute<MaxLengthAttribute>()?.Length ?? p.GetCustomAttribute<StringLengthAttribute>()?.MaximumLength;
        if (t.IsEnum) return SqlType.String(Math.Max(1, Enum.GetNames(t).Max(n => n.Length)));
        if (t == typeof(int)) return SqlType.Integer();
        if (t == typeof(long)) return SqlType.BigInt();
        if (t == typeof(short) || t == typeof(byte)) return SqlType.SmallInt();
        if (t == typeof(bool)) return SqlType.Boolean();
        if (t == typeof(decimal))
            return p.GetCustomAttribute<PrecisionAttribute>() is { } pr ? SqlType.Decimal(pr.Precision, pr.Scale) : SqlType.Decimal();
        if (t == typeof(double)) return SqlType.Double();
        if (t == typeof(float)) return SqlType.Float();
        if (t == typeof(DateTime)) return SqlType.DateTime();
        if (t == typeof(DateTimeOffset)) return SqlType.DateTimeOffset();
        if (t == typeof(DateOnly)) return SqlType.Date();
        if (t == typeof(TimeOnly) || t == typeof(TimeSpan)) return SqlType.Time();
        if (t == typeof(Guid)) return SqlType.Uuid();
        if (t == typeof(byte[])) return SqlType.Binary(maxLength);
        return maxLength is null ? SqlType.Text() : SqlType.String(maxLength);
    }
}
