using System.Globalization;
using System.Text;
using Retort.Ops;
using Retort.Scripting;

namespace Retort.Autogenerate;

/// <summary>Writes operations as the C# a person would write in a revision's Upgrade or Downgrade.</summary>
public static class CSharpRenderer
{
    private const string Indent = "        ";

    public static string Render(IEnumerable<MigrationOperation> operations, IEnumerable<string?>? notes = null)
    {
        var sb = new StringBuilder();
        var noteList = notes?.ToList();
        var i = 0;
        foreach (var op in operations)
        {
            if (noteList is not null && i < noteList.Count && noteList[i] is { } note) sb.Append(Indent).Append("// ").Append(note).Append('\n');
            sb.Append(Indent).Append(Render(op)).Append('\n');
            i++;
        }
        return sb.ToString();
    }

    public static string Render(MigrationOperation op) => op switch
    {
        CreateTableOperation o => $"op.CreateTable({L(o.Name)},\n" + string.Join(",\n", Elements(o).Select(e => Indent + "    " + e)) + ");",
        DropTableOperation o => $"op.DropTable({L(o.Name)}{Schema(o.Schema)});",
        AddColumnOperation o => $"op.AddColumn({L(o.Table)}, {Column(o.Column)}{Schema(o.Schema)});",
        DropColumnOperation o => $"op.DropColumn({L(o.Table)}, {L(o.Column)}{Schema(o.Schema)});",
        AlterColumnOperation o => $"op.AlterColumn({Alter(o)});",
        CreateIndexOperation o => $"op.CreateIndex({L(o.Name)}, {L(o.Table)}, {Array(o.Columns)}{(o.Unique ? ", unique: true" : "")}{(o.Where is null ? "" : ", where: " + L(o.Where))}{Schema(o.Schema)});",
        DropIndexOperation o => $"op.DropIndex({L(o.Name)}, {L(o.Table)}{Schema(o.Schema)});",
        CreateUniqueConstraintOperation o => $"op.CreateUniqueConstraint({L(o.Name)}, {L(o.Table)}, {Array(o.Columns)}{Schema(o.Schema)});",
        CreateForeignKeyOperation o => $"op.CreateForeignKey({L(o.Name)}, {L(o.Table)}, {Array(o.ForeignKey.Columns)}, {L(o.ForeignKey.ReferencedTable)}, {Array(o.ForeignKey.ReferencedColumns)}"
                                       + (o.ForeignKey.OnDelete is { } d ? $", onDelete: ReferentialAction.{d}" : "") + (o.ForeignKey.OnUpdate is { } u ? $", onUpdate: ReferentialAction.{u}" : "") + $"{Schema(o.Schema)});",
        CreateCheckConstraintOperation o => $"op.CreateCheckConstraint({L(o.Name)}, {L(o.Table)}, {L(o.Sql)}{Schema(o.Schema)});",
        DropConstraintOperation o => $"op.DropConstraint({L(o.Name)}, {L(o.Table)}, ConstraintKind.{o.Kind}{Schema(o.Schema)});",
        TableCommentOperation o => o.Comment is null ? $"op.DropTableComment({L(o.Table)}{Schema(o.Schema)});" : $"op.CreateTableComment({L(o.Table)}, {L(o.Comment)}{Schema(o.Schema)});",
        _ => throw new NotSupportedException($"No C# rendering for {op.GetType().Name}."),
    };

    internal static IEnumerable<string> Elements(CreateTableOperation o)
    {
        foreach (var c in o.Columns) yield return Column(c);
        if (o.PrimaryKey is { } pk && (pk.Name is not null || o.Columns.Count(c => c.PrimaryKey) != pk.Columns.Length))
            yield return $"new PrimaryKey({string.Join(", ", pk.Columns.Select(L))})" + (pk.Name is null ? "" : $" {{ Name = {L(pk.Name)} }}");
        foreach (var f in o.ForeignKeys)
        {
            var props = new List<string>();
            if (f.Name is not null) props.Add($"Name = {L(f.Name)}");
            if (f.OnDelete is { } d) props.Add($"OnDelete = ReferentialAction.{d}");
            if (f.OnUpdate is { } u) props.Add($"OnUpdate = ReferentialAction.{u}");
            yield return $"new ForeignKey({Array(f.Columns)}, {L(f.ReferencedTable)}, {Array(f.ReferencedColumns)})" + (props.Count == 0 ? "" : " { " + string.Join(", ", props) + " }");
        }
        foreach (var u in o.UniqueConstraints)
            yield return $"new UniqueConstraint({string.Join(", ", u.Columns.Select(L))})" + (u.Name is null ? "" : $" {{ Name = {L(u.Name)} }}");
        foreach (var c in o.CheckConstraints)
            yield return $"new CheckConstraint({L(c.Sql)})" + (c.Name is null ? "" : $" {{ Name = {L(c.Name)} }}");
        if (o.Schema is not null || o.Comment is not null)
            yield return "new TableOptions { " + string.Join(", ", new[] { o.Schema is null ? null : $"Schema = {L(o.Schema)}", o.Comment is null ? null : $"Comment = {L(o.Comment)}" }.Where(x => x is not null)) + " }";
    }

    public static string Column(Column c)
    {
        var props = new List<string>();
        if (!c.Nullable) props.Add("Nullable = false");
        if (c.PrimaryKey) props.Add("PrimaryKey = true");
        if (c.Autoincrement) props.Add("Autoincrement = true");
        if (c.ServerDefault is not null) props.Add($"ServerDefault = {L(c.ServerDefault)}");
        if (c.Comment is not null) props.Add($"Comment = {L(c.Comment)}");
        return $"new Column({L(c.Name)}, {Type(c.Type)})" + (props.Count == 0 ? "" : " { " + string.Join(", ", props) + " }");
    }

    private static string Alter(AlterColumnOperation o)
    {
        var props = new List<string>();
        if (o.Type is not null) props.Add($"Type = {Type(o.Type)}");
        if (o.Nullable is { } n) props.Add($"Nullable = {(n ? "true" : "false")}");
        if (o.ChangeServerDefault) props.Add("ChangeServerDefault = true" + (o.ServerDefault is null ? "" : $", ServerDefault = {L(o.ServerDefault)}"));
        if (o.ChangeComment) props.Add("ChangeComment = true" + (o.Comment is null ? "" : $", Comment = {L(o.Comment)}"));
        if (o.NewName is not null) props.Add($"NewName = {L(o.NewName)}");
        if (o.ExistingType is not null) props.Add($"ExistingType = {Type(o.ExistingType)}");
        if (o.ExistingNullable is { } en) props.Add($"ExistingNullable = {(en ? "true" : "false")}");
        if (o.ExistingServerDefault is not null && !o.ChangeServerDefault) props.Add($"ExistingServerDefault = {L(o.ExistingServerDefault)}");
        if (o.ExistingComment is not null && !o.ChangeComment) props.Add($"ExistingComment = {L(o.ExistingComment)}");
        if (o.ExistingAutoincrement) props.Add("ExistingAutoincrement = true");
        if (o.Schema is not null) props.Add($"Schema = {L(o.Schema)}");
        return $"new AlterColumnOperation({L(o.Table)}, {L(o.Column)}) {{ {string.Join(", ", props)} }}";
    }

    public static string Type(SqlType t) => t.Kind switch
    {
        SqlTypeKind.String => t.Length is { } n ? $"SqlType.String({n})" : "SqlType.String()",
        SqlTypeKind.Binary => t.Length is { } n ? $"SqlType.Binary({n})" : "SqlType.Binary()",
        SqlTypeKind.Decimal => $"SqlType.Decimal({t.Precision}, {t.Scale})",
        SqlTypeKind.Enum => $"SqlType.Enum({L(t.EnumName ?? "enum")}, {string.Join(", ", (t.EnumValues ?? []).Select(L))})",
        SqlTypeKind.Custom => t.CustomByDialect!.Count == 1 && t.CustomByDialect.ContainsKey("*")
            ? $"SqlType.Custom({L(t.CustomByDialect["*"])})"
            : "SqlType.Custom(" + string.Join(", ", t.CustomByDialect.Select(kv => $"({L(kv.Key)}, {L(kv.Value)})")) + ")",
        _ => $"SqlType.{t.Kind}()",
    };

    private static string Schema(string? schema) => schema is null ? "" : $", schema: {L(schema)}";

    private static string Array(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(L)) + "]";

    private static string L(string s) => RevisionWriter.Literal(s);
}
