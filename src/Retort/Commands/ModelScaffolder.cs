using System.Text;
using Retort.Autogenerate;
using Retort.Ops;
using Retort.Schema;

namespace Retort.Commands;

/// <summary>
/// C# model files for a reflected schema: one entity class per table with Retort's attributes (what
/// <see cref="EntityModel"/> reads back), or one <see cref="MetaData"/> file. Either, set as env.cs's target model,
/// makes <c>retort check</c> find nothing to do on the database it came from.
/// </summary>
internal static class ModelScaffolder
{
    public const string MetaDataClass = "DatabaseModel";

    /// <summary>File name → content.</summary>
    public static IReadOnlyDictionary<string, string> MetaDataFile(DatabaseSchema schema, string ns, string source)
    {
        var sb = new StringBuilder();
        sb.Append(Header(source)).Append("using Retort;\nusing Retort.Ops;\nusing Retort.Schema;\n\nnamespace ").Append(ns).Append(";\n\n");
        sb.Append("/// <summary>The target model, as scaffolded: <c>context.TargetModel = ").Append(ns).Append('.').Append(MetaDataClass).Append(".MetaData;</c></summary>\n");
        sb.Append("public static class ").Append(MetaDataClass).Append("\n{\n    public static MetaData MetaData { get; } = new MetaData()");
        foreach (var type in schema.Types)
            sb.Append("\n        .Type(").Append(CSharpRenderer.TypeDefinition(type)).Append(')');
        foreach (var sequence in schema.Sequences)
            sb.Append("\n        .Sequence(").Append(CSharpRenderer.Sequence(sequence)).Append(')');
        foreach (var t in schema.Tables)
        {
            // The renderer writes every index field (kind, method, prefix lengths, order …), as autogenerate does.
            var elements = CSharpRenderer.Elements(SchemaOperations.CreateTable(t) with { Indexes = t.Indexes.Select(i => i.ToTableIndex()).ToList() });
            sb.Append("\n        .Table(").Append(L(t.Name)).Append(",\n            ").Append(string.Join(",\n            ", elements)).Append(')');
        }
        // Extensions, routines, views and triggers after the tables they use; the comparer orders what it creates.
        foreach (var o in schema.Objects)
            sb.Append("\n        ").Append(CSharpRenderer.MetaDataCall(o).Replace("\n", "\n        "));
        sb.Append(";\n}\n");
        return new Dictionary<string, string> { [MetaDataClass + ".cs"] = sb.ToString() };
    }

    /// <summary>One file per table; throws, naming them, for what the attributes cannot say (never a silent loss).</summary>
    public static IReadOnlyDictionary<string, string> EntityFiles(DatabaseSchema schema, string ns, string source, Func<SqlType, string> typeSql)
    {
        var missing = Inexpressible(schema).ToList();
        if (missing.Count > 0)
            throw new RetortException($"Entity attributes cannot express {string.Join("; ", missing.Take(5))}{(missing.Count > 5 ? $" (and {missing.Count - 5} more)" : "")}: scaffold with --form metadata.");
        var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var classNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in schema.Tables)
        {
            var className = Unique(Identifier(t.Name), classNames);
            files[className + ".cs"] = Entity(t, className, ns, source, typeSql);
        }
        return files;
    }

    /// <summary>What the schema has that Retort's entity attributes cannot say, and autogenerate would then see as a difference.</summary>
    private static IEnumerable<string> Inexpressible(DatabaseSchema schema)
    {
        foreach (var type in schema.Types) yield return $"the type {type.Name}";
        foreach (var sequence in schema.Sequences) yield return $"the sequence {sequence.Name}";
        foreach (var t in schema.Tables)
        {
            if (t.PartitionBy is not null) yield return $"the partition key of table {t.Name}";
            if (t.PartitionOf is { } partition) yield return $"table {t.Name} as a partition of {partition.Parent}";
            foreach (var f in t.ForeignKeys)
            {
                var name = f.Name ?? string.Join(", ", f.Columns);
                if (f.Columns.Length != 1) yield return $"the foreign key {name} of table {t.Name} over several columns";
                else if (f.Deferrable) yield return $"DEFERRABLE of the foreign key {name} of table {t.Name}";
            }
            foreach (var c in t.Columns)
            {
                if (c.Type.Unsigned) yield return $"the unsigned type of {t.Name}.{c.Name}";
                if (c.Computed is not null) yield return $"the generated column {t.Name}.{c.Name}";
            }
            foreach (var i in t.Indexes)
                if (i.Kind != IndexKind.Default || i.Method is not null || i.Include.Count > 0
                    || (i.Elements is { } parts && parts.Any(p => p.IsExpression || p.Nulls != NullsOrder.Default || p.PrefixLength is not null || p.Collation is not null || p.OperatorClass is not null)))
                    yield return $"the index {i.Name} of table {t.Name} (its kind, method, expressions, NULLS order, prefix lengths, collations, operator classes or INCLUDE)";
        }
        foreach (var o in schema.Objects) yield return $"the {o.KindName} {o.Name}";
    }

    private static string Entity(TableSchema t, string className, string ns, string source, Func<SqlType, string> typeSql)
    {
        var props = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var used = new HashSet<string>(StringComparer.Ordinal) { className };
        var pk = t.PrimaryKey?.Columns ?? t.Columns.Where(c => c.PrimaryKey).Select(c => c.Name).ToArray();
        foreach (var c in t.Columns)
        {
            var name = Identifier(c.Name);
            // Without [Key], EntityModel takes a property named Id as the key: a keyless table's id column is renamed.
            if (pk.Length == 0 && name.Equals("Id", StringComparison.OrdinalIgnoreCase)) name += "Value";
            props[c.Name] = Unique(name, used, suffix: "Value");
        }
        string P(string column) => props.TryGetValue(column, out var p) ? $"nameof({p})" : L(column);

        var sb = new StringBuilder();
        sb.Append(Header(source));
        sb.Append("using System.ComponentModel.DataAnnotations;\nusing System.ComponentModel.DataAnnotations.Schema;\nusing Retort;\nusing Retort.Schema;\n\nnamespace ").Append(ns).Append(";\n\n");
        sb.Append("[Table(").Append(L(t.Name)).Append(t.Schema is null ? "" : $", Schema = {L(t.Schema)}").Append(")]\n");
        if (t.Comment is not null) sb.Append("[Comment(").Append(L(t.Comment)).Append(")]\n");
        foreach (var (key, value) in t.ProviderOptions.OrderBy(o => o.Key, StringComparer.Ordinal))
            sb.Append("[TableOption(").Append(L(key)).Append(", ").Append(L(value)).Append(")]\n");
        foreach (var i in t.Indexes)
            sb.Append("[Index(").Append(string.Join(", ", i.Columns.Select(P))).Append($", Name = {L(i.Name)}")
                .Append(i.Unique ? ", IsUnique = true" : "").Append(i.Where is null ? "" : $", Where = {L(i.Where)}")
                .Append(i.KeyParts.Any(p => p.Descending) ? $", IsDescending = new[] {{ {string.Join(", ", i.KeyParts.Select(p => p.Descending ? "true" : "false"))} }}" : "")
                .Append(")]\n");
        foreach (var u in t.UniqueConstraints)
            sb.Append("[Unique(").Append(string.Join(", ", u.Columns.Select(P))).Append(u.Name is null ? "" : $", Name = {L(u.Name)}").Append(")]\n");
        foreach (var c in t.CheckConstraints.Where(c => c.Name is not null))
            sb.Append("[Check(").Append(L(c.Name!)).Append(", ").Append(L(c.Sql)).Append(")]\n");
        sb.Append("public class ").Append(className).Append("\n{\n");
        var first = true;
        foreach (var c in t.Columns)
        {
            if (!first) sb.Append('\n');
            first = false;
            var isKey = pk.Contains(c.Name, StringComparer.OrdinalIgnoreCase);
            var (clrType, attributes) = Property(c, typeSql);
            var lines = new List<string>();
            if (isKey) lines.Add("Key");
            if (isKey && pk.Length == 1 && clrType is "int" or "long" or "short" && !c.Autoincrement) lines.Add("DatabaseGenerated(DatabaseGeneratedOption.None)");
            var prop = props[c.Name];
            // A composite key in another order than its columns says its order (EntityModel reads Column.Order).
            var order = isKey && pk.Length > 1 && !pk.SequenceEqual(t.Columns.Where(k => pk.Contains(k.Name, StringComparer.OrdinalIgnoreCase)).Select(k => k.Name), StringComparer.OrdinalIgnoreCase)
                ? $"Order = {Array.FindIndex(pk, k => string.Equals(k, c.Name, StringComparison.OrdinalIgnoreCase))}" : null;
            if (EntityModel.ToSnake(prop) != c.Name || attributes.TypeName is not null)
                lines.Add($"Column({L(c.Name)}{(attributes.TypeName is null ? "" : $", TypeName = {L(attributes.TypeName)}")}{(order is null ? "" : ", " + order)})");
            else if (order is not null) lines.Add($"Column({order})");
            if (attributes.MaxLength is { } n) lines.Add($"MaxLength({n})");
            if (attributes.Precision is { } p) lines.Add($"Precision({p.Precision}, {p.Scale})");
            var reference = t.ForeignKeys.FirstOrDefault(f => string.Equals(f.Columns[0], c.Name, StringComparison.OrdinalIgnoreCase));
            if (reference is not null)
                lines.Add($"References({L(reference.ReferencedTable)}, {L(reference.ReferencedColumns[0])}"
                          + (reference.Name is null ? "" : $", Name = {L(reference.Name)}")
                          + (reference.OnDelete is { } d and not ReferentialAction.NoAction ? $", OnDelete = ReferentialAction.{d}" : "")
                          + (reference.OnUpdate is { } u and not ReferentialAction.NoAction ? $", OnUpdate = ReferentialAction.{u}" : "") + ")");
            if (c.ServerDefault is not null && !c.Autoincrement) lines.Add($"Default({L(c.ServerDefault)})");
            if (c.Comment is not null) lines.Add($"Comment({L(c.Comment)})");
            foreach (var line in lines) sb.Append("    [").Append(line).Append("]\n");
            var nullable = c.Nullable && !isKey;
            sb.Append("    public ").Append(clrType).Append(nullable ? "?" : "").Append(' ').Append(prop).Append(" { get; set; }");
            if (!nullable && clrType is "string") sb.Append(" = \"\";");
            else if (!nullable && clrType is "byte[]") sb.Append(" = [];");
            else if (!nullable && clrType is "object") sb.Append(" = null!;");
            sb.Append('\n');
        }
        sb.Append("}\n");
        return sb.ToString();
    }

    private sealed record Extra(string? TypeName, int? MaxLength, (int Precision, int Scale)? Precision);

    /// <summary>The property type and the attributes that make <see cref="EntityModel"/> give back exactly this SqlType.</summary>
    private static (string ClrType, Extra Attributes) Property(Column c, Func<SqlType, string> typeSql)
    {
        var t = c.Type;
        return t.Kind switch
        {
            SqlTypeKind.SmallInt => ("short", new Extra(null, null, null)),
            SqlTypeKind.Integer => ("int", new Extra(null, null, null)),
            SqlTypeKind.BigInt => ("long", new Extra(null, null, null)),
            SqlTypeKind.String when t.Length is { } n => ("string", new Extra(null, n, null)),
            SqlTypeKind.Text => ("string", new Extra(null, null, null)),
            SqlTypeKind.Boolean => ("bool", new Extra(null, null, null)),
            SqlTypeKind.Decimal => ("decimal", new Extra(null, null, (t.Precision ?? 18, t.Scale ?? 0))),
            SqlTypeKind.Float => ("float", new Extra(null, null, null)),
            SqlTypeKind.Double => ("double", new Extra(null, null, null)),
            SqlTypeKind.Date => ("DateOnly", new Extra(null, null, null)),
            SqlTypeKind.Time => ("TimeOnly", new Extra(null, null, null)),
            SqlTypeKind.DateTime => ("DateTime", new Extra(null, null, null)),
            SqlTypeKind.DateTimeOffset => ("DateTimeOffset", new Extra(null, null, null)),
            SqlTypeKind.Uuid => ("Guid", new Extra(null, null, null)),
            SqlTypeKind.Binary => ("byte[]", new Extra(null, t.Length, null)),
            // SQLite's column without a declared type holds any value: an object property, which EntityModel reads back
            // as no type (ColumnAttribute refuses an empty TypeName).
            _ when Spelling(t, typeSql) is "" => ("object", new Extra(null, null, null)),
            // Anything else keeps the database's spelling; the property is a string.
            _ => ("string", new Extra(Spelling(t, typeSql), null, null)),
        };
    }

    private static string Spelling(SqlType t, Func<SqlType, string> typeSql) =>
        t.CustomByDialect is { Count: > 0 } custom ? custom.Values.First() : typeSql(t);

    private static string Header(string source) =>
        $"// Scaffolded by retort scaffold from {CommentText.Join(source, " ")}: review and rename freely (table and column names are in the attributes).\n";

    /// <summary>snake_case, kebab or spaced names → PascalCase; a leading digit gets an underscore.</summary>
    internal static string Identifier(string name)
    {
        var sb = new StringBuilder();
        var upper = true;
        foreach (var ch in name)
        {
            if (!char.IsLetterOrDigit(ch)) { upper = true; continue; }
            sb.Append(upper ? char.ToUpperInvariant(ch) : ch);
            upper = false;
        }
        if (sb.Length == 0 || char.IsDigit(sb[0])) sb.Insert(0, '_');
        var id = sb.ToString();
        return Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(id) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + id : id;
    }

    private static string Unique(string name, HashSet<string> used, string suffix = "")
    {
        var candidate = used.Contains(name) && suffix.Length > 0 ? name + suffix : name;
        for (var i = 2; !used.Add(candidate); i++) candidate = name + suffix + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return candidate;
    }

    private static string L(string s) => Scripting.RevisionWriter.Literal(s);
}
