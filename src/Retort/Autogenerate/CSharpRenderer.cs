using System.Globalization;
using System.Text;
using Retort.Ops;
using Retort.Scripting;

namespace Retort.Autogenerate;

/// <summary>Writes operations as the C# a person would write in a revision's Upgrade or Downgrade.</summary>
public static partial class CSharpRenderer
{
    private const string Indent = "        ";

    public static string Render(IEnumerable<MigrationOperation> operations, IEnumerable<string?>? notes = null)
    {
        var sb = new StringBuilder();
        var noteList = notes?.ToList();
        var i = 0;
        foreach (var op in operations)
        {
            if (noteList is not null && i < noteList.Count && noteList[i] is { } note) sb.Append(Indent).Append("// ").Append(CommentText.Join(note, "\n" + Indent + "// ")).Append('\n');
            sb.Append(Indent).Append(Render(op)).Append('\n');
            i++;
        }
        return sb.ToString();
    }

    public static string Render(MigrationOperation op) => op switch
    {
        CreateTableOperation o => $"op.CreateTable({L(o.Name)},\n" + string.Join(",\n", Elements(o).Select(e => Indent + "    " + e)) + ");",
        DropTableOperation o => $"op.DropTable({L(o.Name)}{Schema(o.Schema)});",
        RenameTableOperation o => $"op.RenameTable({L(o.Table)}, {L(o.NewName)}{Schema(o.Schema)});",
        AddColumnOperation o => $"op.AddColumn({L(o.Table)}, {Column(o.Column)}{Schema(o.Schema)});",
        DropColumnOperation o => $"op.DropColumn({L(o.Table)}, {L(o.Column)}{Schema(o.Schema)});",
        AlterColumnOperation o => $"op.AlterColumn({Alter(o)});",
        CreateIndexOperation o when o.Method is null && o.Kind == IndexKind.Default && o.Elements is null && o.Include.Count == 0 && o.Comment is null =>
            $"op.CreateIndex({L(o.Name)}, {L(o.Table)}, {Array(o.Columns)}{(o.Unique ? ", unique: true" : "")}{(o.Where is null ? "" : ", where: " + L(o.Where))}"
            + $"{(o.Concurrently ? ", concurrently: true" : "")}{Schema(o.Schema)});",
        CreateIndexOperation o => $"op.CreateIndex({Index(o)});",
        DropIndexOperation o => $"op.DropIndex({L(o.Name)}, {L(o.Table)}{(o.Concurrently ? ", concurrently: true" : "")}{Schema(o.Schema)});",
        CreatePrimaryKeyOperation o => $"op.CreatePrimaryKey({L(o.Name)}, {L(o.Table)}, {Array(o.Columns)}{Schema(o.Schema)});",
        CreateUniqueConstraintOperation o => $"op.CreateUniqueConstraint({L(o.Name)}, {L(o.Table)}, {Array(o.Columns)}{Schema(o.Schema)}{(o.Concurrently ? ", concurrently: true" : "")});",
        CreateForeignKeyOperation o => $"op.CreateForeignKey({L(o.Name)}, {L(o.Table)}, {Array(o.ForeignKey.Columns)}, {L(o.ForeignKey.ReferencedTable)}, {Array(o.ForeignKey.ReferencedColumns)}"
                                       + (o.ForeignKey.OnDelete is { } d ? $", onDelete: ReferentialAction.{d}" : "") + (o.ForeignKey.OnUpdate is { } u ? $", onUpdate: ReferentialAction.{u}" : "")
                                       + $"{Schema(o.Schema)}"
                                       + (o.ForeignKey.ReferencedSchema is { } rs ? $", referencedSchema: {L(rs)}" : "")
                                       + (o.ForeignKey.Deferrable ? ", deferrable: true" : "") + (o.ForeignKey.InitiallyDeferred ? ", initiallyDeferred: true" : "")
                                       + (o.ForeignKey.NotValid ? ", validate: false" : "") + ");",
        CreateCheckConstraintOperation o => $"op.CreateCheckConstraint({L(o.Name)}, {L(o.Table)}, {L(o.Sql)}{Schema(o.Schema)}{(o.NotValid ? ", validate: false" : "")});",
        ValidateConstraintOperation o => $"op.ValidateConstraint({L(o.Table)}, {L(o.Name)}{Schema(o.Schema)});",
        UnvalidateConstraintOperation o => Render(new DropConstraintOperation(o.Constraint.Name, o.Table, o.Constraint.Kind) { Schema = o.Schema })
                                           + "\n" + Indent + Render(o.Constraint with { Schema = o.Schema }),
        DropConstraintOperation o => $"op.DropConstraint({L(o.Name)}, {L(o.Table)}, ConstraintKind.{o.Kind}{Schema(o.Schema)});",
        TableCommentOperation o => o.Comment is null ? $"op.DropTableComment({L(o.Table)}{Schema(o.Schema)});" : $"op.CreateTableComment({L(o.Table)}, {L(o.Comment)}{Schema(o.Schema)});",
        IndexCommentOperation o => $"op.CreateIndexComment({L(o.Name)}, {L(o.Table)}, {(o.Comment is null ? "null" : L(o.Comment))}"
                                   + $"{(o.ExistingComment is null ? "" : ", existingComment: " + L(o.ExistingComment))}{Schema(o.Schema)});",
        CreateSchemaOperation o => $"op.CreateSchema({L(o.Name)});",
        DropSchemaOperation o => $"op.DropSchema({L(o.Name)});",
        CreateTypeOperation { Definition: EnumTypeDefinition e } when e.Comment is null => $"op.CreateEnumType({L(e.Name)}, {Array(e.Values)}{Schema(e.Schema)});",
        CreateTypeOperation { Definition: DomainDefinition dd } => $"op.CreateDomain({TypeDefinition(dd)});",
        CreateTypeOperation o => $"op.Add(new CreateTypeOperation({TypeDefinition(o.Definition)}));",
        DropTypeOperation o => $"op.DropType({L(o.Name)}{Schema(o.Schema)});",
        CreateSequenceOperation o => $"op.CreateSequence({Sequence(o.Definition)});",
        DropSequenceOperation o => $"op.DropSequence({L(o.Name)}{Schema(o.Schema)});",
        DropEnumValueOperation o => $"op.DropEnumValue({L(o.TypeName)}, {L(o.Value)}{(o.Before is null ? "" : ", before: " + L(o.Before))}{(o.After is null ? "" : ", after: " + L(o.After))}{Schema(o.Schema)});",
        AddEnumValueOperation o => $"op.AddEnumValue({L(o.TypeName)}, {L(o.Value)}{(o.Before is null ? "" : ", before: " + L(o.Before))}{(o.After is null ? "" : ", after: " + L(o.After))}{Schema(o.Schema)});",
        SetTableOptionsOperation o => $"op.Add(new SetTableOptionsOperation({L(o.Table)}, {Options(o.Options)})"
                                      + Init((o.Schema is null ? null : $"Schema = {L(o.Schema)}"), (o.Existing is null ? null : $"Existing = {Options(o.Existing)}")) + ");",
        CreateViewOperation or DropViewOperation or ReplaceViewOperation or CreateRoutineOperation or DropRoutineOperation
            or ReplaceRoutineOperation or CreateTriggerOperation or DropTriggerOperation or ReplaceTriggerOperation
            or CreateExtensionOperation or DropExtensionOperation or AttachPartitionOperation or DetachPartitionOperation
            or AddPartitionsOperation or DropPartitionsOperation or ReorganizePartitionsOperation or PartitionTableOperation
            or CreateVirtualTableOperation or DropVirtualTableOperation => RenderObject(op),
        InsertDataOperation or DeleteDataOperation or UpdateDataOperation => RenderData(op),
        _ => throw new NotSupportedException($"No C# rendering for {op.GetType().Name}."),
    };

    /// <summary>Lines for what autogenerate does not handle, so that the reader knows it was left alone.</summary>
    public static string RenderUnsupported(IEnumerable<(string Kind, string Name, string? Table)> objects)
    {
        var list = objects.ToList();
        if (list.Count == 0) return "";
        var sb = new StringBuilder();
        sb.Append(Indent).Append("// Not compared by autogenerate (out of scope, left as they are):\n");
        foreach (var (kind, name, table) in list)
            sb.Append(Indent).Append("//   ").Append(CommentText.Join(kind + ' ' + name + (table is null ? "" : " on " + table), " ")).Append('\n');
        return sb.ToString();
    }

    internal static IEnumerable<string> Elements(CreateTableOperation o)
    {
        foreach (var c in o.Columns) yield return Column(c);
        var flagged = o.Columns.Where(c => c.PrimaryKey).Select(c => c.Name).ToList();
        if (o.PrimaryKey is { } pk && (pk.Name is not null || pk.ColumnLevel || pk.Descending.Length > 0 || pk.OnConflict is not null || !pk.Columns.SequenceEqual(flagged)))
            yield return $"new PrimaryKey({string.Join(", ", pk.Columns.Select(L))})"
                         + Init(pk.Name is null ? null : $"Name = {L(pk.Name)}", pk.ColumnLevel ? "ColumnLevel = true" : null,
                             pk.Descending.Length == 0 ? null : $"Descending = {Array(pk.Descending)}",
                             pk.OnConflict is null ? null : $"OnConflict = {L(pk.OnConflict)}");
        foreach (var f in o.ForeignKeys) yield return ForeignKey(f);
        foreach (var u in o.UniqueConstraints)
            yield return $"new UniqueConstraint({string.Join(", ", u.Columns.Select(L))})"
                         + Init(u.Name is null ? null : $"Name = {L(u.Name)}", u.ColumnLevel ? "ColumnLevel = true" : null,
                             u.OnConflict is null ? null : $"OnConflict = {L(u.OnConflict)}");
        foreach (var c in o.CheckConstraints) yield return Check(c);
        foreach (var i in o.Indexes) yield return TableIndex(i);
        if (o.Schema is not null || o.Comment is not null || o.ProviderOptions.Count > 0 || o.PartitionBy is not null || o.PartitionOf is not null || o.Partitions.Count > 0)
            yield return "new TableOptions" + Init(
                o.Schema is null ? null : $"Schema = {L(o.Schema)}",
                o.Comment is null ? null : $"Comment = {L(o.Comment)}",
                o.ProviderOptions.Count == 0 ? null : $"ProviderOptions = {Options(o.ProviderOptions)}",
                o.PartitionBy is null ? null : $"PartitionBy = {L(o.PartitionBy)}",
                o.Partitions.Count == 0 ? null : $"Partitions = {Partitions(o.Partitions)}",
                o.PartitionOf is not { } p ? null
                    : $"PartitionOf = new PartitionOf({L(p.Parent)}, {L(p.Bound)})" + Init(p.ParentSchema is null ? null : $"ParentSchema = {L(p.ParentSchema)}"));
    }

    private static string ForeignKey(ForeignKey f) =>
        $"new ForeignKey({Array(f.Columns)}, {L(f.ReferencedTable)}, {Array(f.ReferencedColumns)})" + Init(
            f.Name is null ? null : $"Name = {L(f.Name)}",
            f.ColumnLevel ? "ColumnLevel = true" : null,
            f.ReferencedSchema is null ? null : $"ReferencedSchema = {L(f.ReferencedSchema)}",
            f.OnDelete is { } d ? $"OnDelete = ReferentialAction.{d}" : null,
            f.OnUpdate is { } u ? $"OnUpdate = ReferentialAction.{u}" : null,
            f.Deferrable ? "Deferrable = true" : null,
            f.InitiallyDeferred ? "InitiallyDeferred = true" : null,
            f.InitiallyImmediate ? "InitiallyImmediate = true" : null,
            f.Match is null ? null : $"Match = {L(f.Match)}",
            f.NotValid ? "NotValid = true" : null);

    private static string Check(CheckConstraint c) =>
        $"new CheckConstraint({L(c.Sql)})" + Init(c.Name is null ? null : $"Name = {L(c.Name)}", c.Column is null ? null : $"Column = {L(c.Column)}",
            c.NotValid ? "NotValid = true" : null);

    internal static string TableIndex(TableIndex i) =>
        $"new TableIndex({string.Join(", ", new[] { i.Name is null ? "null" : L(i.Name) }.Concat(i.Columns.Select(L)))})" + Init(
            i.Unique ? "Unique = true" : null,
            i.Where is null ? null : $"Where = {L(i.Where)}",
            i.Method is null ? null : $"Method = {L(i.Method)}",
            i.Kind == IndexKind.Default ? null : $"Kind = IndexKind.{i.Kind}",
            i.Elements is null ? null : $"Elements = {IndexElements(i.Elements)}",
            i.Include.Count == 0 ? null : $"Include = {Array(i.Include)}",
            i.Comment is null ? null : $"Comment = {L(i.Comment)}");

    private static string Index(CreateIndexOperation o) =>
        $"new CreateIndexOperation({L(o.Name)}, {L(o.Table)}, {Array(o.Columns)})" + Init(
            o.Unique ? "Unique = true" : null,
            o.Where is null ? null : $"Where = {L(o.Where)}",
            o.Concurrently ? "Concurrently = true" : null,
            o.Method is null ? null : $"Method = {L(o.Method)}",
            o.Kind == IndexKind.Default ? null : $"Kind = IndexKind.{o.Kind}",
            o.Elements is null ? null : $"Elements = {IndexElements(o.Elements)}",
            o.Include.Count == 0 ? null : $"Include = {Array(o.Include)}",
            o.Comment is null ? null : $"Comment = {L(o.Comment)}",
            o.Schema is null ? null : $"Schema = {L(o.Schema)}");

    private static string IndexElements(IEnumerable<IndexElement> elements) =>
        "[" + string.Join(", ", elements.Select(e => $"new IndexElement({L(e.Text)})" + Init(
            e.IsExpression ? "IsExpression = true" : null,
            e.Descending ? "Descending = true" : null,
            e.Nulls == NullsOrder.Default ? null : $"Nulls = NullsOrder.{e.Nulls}",
            e.Collation is null ? null : $"Collation = {L(e.Collation)}",
            e.OperatorClass is null ? null : $"OperatorClass = {L(e.OperatorClass)}",
            e.PrefixLength is { } n ? $"PrefixLength = {n.ToString(CultureInfo.InvariantCulture)}" : null))) + "]";

    internal static string TypeDefinition(UserDefinedType t) => t switch
    {
        EnumTypeDefinition e => $"new EnumTypeDefinition({L(e.Name)}, {Array(e.Values)})" + Init(
            e.Schema is null ? null : $"Schema = {L(e.Schema)}", e.Comment is null ? null : $"Comment = {L(e.Comment)}"),
        DomainDefinition d => $"new DomainDefinition({L(d.Name)}, {Type(d.BaseType)})" + Init(
            d.Schema is null ? null : $"Schema = {L(d.Schema)}",
            d.Comment is null ? null : $"Comment = {L(d.Comment)}",
            d.Nullable ? null : "Nullable = false",
            d.Default is null ? null : $"Default = {L(d.Default)}",
            d.Collation is null ? null : $"Collation = {L(d.Collation)}",
            d.Checks.Count == 0 ? null : "Checks = [" + string.Join(", ", d.Checks.Select(Check)) + "]"),
        _ => throw new NotSupportedException($"No C# rendering for {t.GetType().Name}."),
    };

    internal static string Sequence(SequenceDefinition q)
    {
        static string N(long v) => v.ToString(CultureInfo.InvariantCulture) + "L";
        return $"new SequenceDefinition({L(q.Name)})" + Init(
            q.Schema is null ? null : $"Schema = {L(q.Schema)}",
            q.DataType is null ? null : $"DataType = {L(q.DataType)}",
            q.Start is { } s ? $"Start = {N(s)}" : null,
            q.Increment is { } i ? $"Increment = {N(i)}" : null,
            q.MinValue is { } mn ? $"MinValue = {N(mn)}" : null,
            q.MaxValue is { } mx ? $"MaxValue = {N(mx)}" : null,
            q.Cache is { } ca ? $"Cache = {N(ca)}" : null,
            q.Cycle ? "Cycle = true" : null);
    }

    internal static string Options(IReadOnlyDictionary<string, string> options) =>
        "new Dictionary<string, string> { " + string.Join(", ", options.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"[{L(kv.Key)}] = {L(kv.Value)}")) + " }";

    /// <summary>An object initializer from the given assignments (nulls skipped), or nothing.</summary>
    internal static string Init(params string?[] assignments)
    {
        var present = assignments.Where(a => a is not null).ToList();
        return present.Count == 0 ? "" : " { " + string.Join(", ", present) + " }";
    }

    public static string Column(Column c)
    {
        var props = new List<string>();
        if (!c.Nullable) props.Add("Nullable = false");
        if (c.PrimaryKey) props.Add("PrimaryKey = true");
        if (c.Autoincrement) props.Add("Autoincrement = true");
        if (c.ServerDefault is not null) props.Add($"ServerDefault = {L(c.ServerDefault)}");
        if (c.Comment is not null) props.Add($"Comment = {L(c.Comment)}");
        if (c.Identity is { } id) props.Add($"Identity = {Identity(id)}");
        if (c.Computed is { } cc) props.Add($"Computed = new ComputedColumn({L(cc.Sql)})" + (cc.Stored ? " { Stored = true }" : ""));
        if (c.Collation is not null) props.Add($"Collation = {L(c.Collation)}");
        if (c.Charset is not null) props.Add($"Charset = {L(c.Charset)}");
        if (c.OnUpdate is not null) props.Add($"OnUpdate = {L(c.OnUpdate)}");
        if (c.NotNullOnConflict is not null) props.Add($"NotNullOnConflict = {L(c.NotNullOnConflict)}");
        if (c.Storage is not null) props.Add($"Storage = {L(c.Storage)}");
        return $"new Column({L(c.Name)}, {Type(c.Type)})" + (props.Count == 0 ? "" : " { " + string.Join(", ", props) + " }");
    }

    private static string Identity(IdentityOptions o)
    {
        static string N(long v) => v.ToString(CultureInfo.InvariantCulture) + "L";
        return "new IdentityOptions" + (Init(
            o.Kind == IdentityKind.Identity ? null : $"Kind = IdentityKind.{o.Kind}",
            o.Always ? "Always = true" : null,
            o.Start is { } s ? $"Start = {N(s)}" : null,
            o.Increment is { } i ? $"Increment = {N(i)}" : null,
            o.MinValue is { } mn ? $"MinValue = {N(mn)}" : null,
            o.MaxValue is { } mx ? $"MaxValue = {N(mx)}" : null,
            o.Cache is { } ca ? $"Cache = {N(ca)}" : null,
            o.Cycle ? "Cycle = true" : null,
            o.SequenceName is null ? null : $"SequenceName = {L(o.SequenceName)}",
            o.SequenceType is null ? null : $"SequenceType = {L(o.SequenceType)}") is { Length: > 0 } init ? init : "()");
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
        if (o.Definition is not null) props.Add($"Definition = {Column(o.Definition)}");
        if (o.ExistingDefinition is not null) props.Add($"ExistingDefinition = {Column(o.ExistingDefinition)}");
        if (o.Schema is not null) props.Add($"Schema = {L(o.Schema)}");
        return $"new AlterColumnOperation({L(o.Table)}, {L(o.Column)}) {{ {string.Join(", ", props)} }}";
    }

    public static string Type(SqlType t)
    {
        var text = t.Kind switch
        {
            SqlTypeKind.String => t.Length is { } n ? $"SqlType.String({n})" : "SqlType.String()",
            SqlTypeKind.Binary => t.Length is { } n ? $"SqlType.Binary({n})" : "SqlType.Binary()",
            SqlTypeKind.Decimal => $"SqlType.Decimal({t.Precision}, {t.Scale})",
            SqlTypeKind.Enum => $"SqlType.Enum({L(t.EnumName ?? "enum")}, {string.Join(", ", (t.EnumValues ?? []).Select(L))})",
            SqlTypeKind.Custom => t.CustomByDialect!.Count == 1 && t.CustomByDialect.ContainsKey("*")
                ? $"SqlType.Custom({L(t.CustomByDialect["*"])})"
                : "SqlType.Custom(" + string.Join(", ", t.CustomByDialect.Select(kv => $"({L(kv.Key)}, {L(kv.Value)})")) + ")",
            SqlTypeKind.UserDefined => $"SqlType.Named({L(t.TypeName ?? "")}{(t.TypeSchema is null ? "" : ", " + L(t.TypeSchema))})",
            _ => $"SqlType.{t.Kind}()",
        };
        // Length/precision the factory does not take (e.g. a sized integer) are kept too.
        var extra = new List<string>();
        if (t.Unsigned) extra.Add("Unsigned = true");
        if (t.Length is { } len && t.Kind is not (SqlTypeKind.String or SqlTypeKind.Binary)) extra.Add($"Length = {len}");
        if (t.Kind != SqlTypeKind.Decimal && t.Precision is { } p) extra.Add($"Precision = {p}");
        if (t.Kind != SqlTypeKind.Decimal && t.Scale is { } sc) extra.Add($"Scale = {sc}");
        return extra.Count == 0 ? text : $"{text} with {{ {string.Join(", ", extra)} }}";
    }

    internal static string Schema(string? schema) => schema is null ? "" : $", schema: {L(schema)}";

    internal static string Array(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(L)) + "]";

    internal static string L(string s) => RevisionWriter.Literal(s);
}
