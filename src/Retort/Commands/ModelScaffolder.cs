using System.Text;
using Retort.Autogenerate;
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
        foreach (var t in schema.Tables)
        {
            var elements = CSharpRenderer.Elements(SchemaOperations.CreateTable(t));
            sb.Append("\n        .Table(").Append(L(t.Name)).Append(",\n            ").Append(string.Join(",\n            ", elements)).Append(')');
        }
        sb.Append(";\n}\n");
        return new Dictionary<string, string> { [MetaDataClass + ".cs"] = sb.ToString() };
    }

    /// <summary>One file per table; throws for what the attributes cannot say (a composite foreign key).</summary>
    public static IReadOnlyDictionary<string, string> EntityFiles(DatabaseSchema schema, string ns, string source)
    {
        var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var classNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in schema.Tables)
        {
            if (t.ForeignKeys.FirstOrDefault(f => f.Columns.Length != 1) is { } composite)
                throw new RetortException($"Table {t.Name} has a foreign key over several columns ({composite.Name ?? string.Join(", ", composite.Columns)}), which entity attributes cannot express: scaffold with --form metadata.");
            var className = Unique(Identifier(t.Name), classNames);
            files[className + ".cs"] = Entity(t, className, ns, source);
        }
        return files;
    }

    private static string Entity(TableSchema t, string className, string ns, string source)
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
        foreach (var i in t.Indexes)
            sb.Append("[Index(").Append(string.Join(", ", i.Columns.Select(P))).Append($", Name = {L(i.Name)}")
                .Append(i.Unique ? ", IsUnique = true" : "").Append(i.Where is null ? "" : $", Where = {L(i.Where)}").Append(")]\n");
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
            var (clrType, attributes) = Property(c);
            var lines = new List<string>();
            if (isKey) lines.Add("Key");
            if (isKey && pk.Length == 1 && clrType is "int" or "long" or "short" && !c.Autoincrement) lines.Add("DatabaseGenerated(DatabaseGeneratedOption.None)");
            var prop = props[c.Name];
            if (EntityModel.ToSnake(prop) != c.Name || attributes.TypeName is not null)
                lines.Add($"Column({L(c.Name)}{(attributes.TypeName is null ? "" : $", TypeName = {L(attributes.TypeName)}")})");
            if (attributes.MaxLength is { } n) lines.Add($"MaxLength({n})");
            if (attributes.Precision is { } p) lines.Add($"Precision({p.Precision}, {p.Scale})");
            var reference = t.ForeignKeys.FirstOrDefault(f => string.Equals(f.Columns[0], c.Name, StringComparison.OrdinalIgnoreCase));
            if (reference is not null)
                lines.Add($"References({L(reference.ReferencedTable)}, {L(reference.ReferencedColumns[0])}"
                          + (reference.Name is null ? "" : $", Name = {L(reference.Name)}")
                          + (reference.OnDelete is { } d and not ReferentialAction.NoAction ? $", OnDelete = ReferentialAction.{d}" : "") + ")");
            if (c.ServerDefault is not null && !c.Autoincrement) lines.Add($"Default({L(c.ServerDefault)})");
            if (c.Comment is not null) lines.Add($"Comment({L(c.Comment)})");
            foreach (var line in lines) sb.Append("    [").Append(line).Append("]\n");
            var nullable = c.Nullable && !isKey;
            sb.Append("    public ").Append(clrType).Append(nullable ? "?" : "").Append(' ').Append(prop).Append(" { get; set; }");
            if (!nullable && clrType is "string") sb.Append(" = \"\";");
            else if (!nullable && clrType is "byte[]") sb.Append(" = [];");
            sb.Append('\n');
        }
        sb.Append("}\n");
        return sb.ToString();
    }

    private sealed record Extra(string? TypeName, int? MaxLength, (int Precision, int Scale)? Precision);

    /// <summary>The property type and the attributes that make <see cref="EntityModel"/> give back exactly this SqlType.</summary>
    private static (string ClrType, Extra Attributes) Property(Column c)
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
            // Anything else keeps the database's spelling; the property is a string.
            _ => ("string", new Extra(TypeText(t), null, null)),
        };
    }

    private static string TypeText(SqlType t) => t.CustomByDialect is { Count: > 0 } custom ? custom.Values.First() : CSharpRenderer.Type(t);

    private static string Header(string source) =>
        $"// Scaffolded by retort scaffold from {source}: review and rename freely (table and column names are in the attributes).\n";

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
