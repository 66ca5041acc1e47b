using Retort.Ops;

namespace Retort.Autogenerate;

/// <summary>Views, routines, triggers, extensions and partitions as a revision writes them.</summary>
public static partial class CSharpRenderer
{
    private static string RenderObject(MigrationOperation op) => op switch
    {
        CreateViewOperation { View: var v } when IsPlain(v) => $"op.CreateView({L(v.Name)}, {Text(v.Query)}{Schema(v.Schema)});",
        CreateViewOperation o => $"op.CreateView({View(o.View)});",
        DropViewOperation o => $"op.DropView({L(o.Name)}{(o.Materialized ? ", materialized: true" : "")}{Schema(o.Schema)});",
        ReplaceViewOperation o => $"op.ReplaceView({View(o.View)},\n{Indent}    existing: {View(o.Existing)});",
        CreateRoutineOperation { Routine: var r } when r.Comment is null && r.DependsOn.Count == 0 && r.Options.Count == 0 =>
            $"op.CreateRoutine({L(r.Name)}, RoutineKind.{r.Kind}, {Text(r.Definition)}{(r.Signature == "" ? "" : ", signature: " + L(r.Signature))}{Schema(r.Schema)});",
        CreateRoutineOperation o => $"op.CreateRoutine({Routine(o.Routine)});",
        DropRoutineOperation o => $"op.DropRoutine({L(o.Name)}, RoutineKind.{o.Kind}{(o.Signature == "" ? "" : ", signature: " + L(o.Signature))}{Schema(o.Schema)});",
        ReplaceRoutineOperation o => $"op.ReplaceRoutine({Routine(o.Routine)},\n{Indent}    existing: {Routine(o.Existing)});",
        CreateTriggerOperation { Trigger: var t } when t.Comment is null && t.DependsOn.Count == 0 && t.Options.Count == 0 =>
            $"op.CreateTrigger({L(t.Name)}, {L(t.Table)}, {Text(t.Definition)}{Schema(t.Schema)});",
        CreateTriggerOperation o => $"op.CreateTrigger({Trigger(o.Trigger)});",
        DropTriggerOperation o => $"op.DropTrigger({L(o.Name)}, {L(o.Table)}{Schema(o.Schema)});",
        ReplaceTriggerOperation o => $"op.ReplaceTrigger({Trigger(o.Trigger)},\n{Indent}    existing: {Trigger(o.Existing)});",
        CreateExtensionOperation { Extension: var e } =>
            $"op.CreateExtension({L(e.Name)}{Schema(e.Schema)}{(e.Version is null ? "" : ", version: " + L(e.Version))});",
        DropExtensionOperation o => $"op.DropExtension({L(o.Name)});",
        AttachPartitionOperation o => $"op.AttachPartition({L(o.Table)}, {L(o.Partition)}, {L(o.Bound)}{Schema(o.Schema)});",
        DetachPartitionOperation o => $"op.DetachPartition({L(o.Table)}, {L(o.Partition)}, {L(o.Bound)}{Schema(o.Schema)});",
        AddPartitionsOperation { Schema: null } o => $"op.AddPartitions({L(o.Table)}, {string.Join(", ", o.Partitions.Select(Partition))});",
        DropPartitionsOperation { Schema: null, Existing: { } e } o => $"op.DropPartitions({L(o.Table)}, {string.Join(", ", e.Select(Partition))});",
        ReorganizePartitionsOperation { Schema: null } o => $"op.ReorganizePartitions({L(o.Table)},\n{Indent}    {Partitions(o.Existing)},\n{Indent}    {Partitions(o.Partitions)});",
        PartitionTableOperation { Schema: null } o =>
            $"op.PartitionTable({L(o.Table)}, {Nullable(o.PartitionBy)}, {Partitions(o.Partitions)},\n{Indent}    existingPartitionBy: {Nullable(o.ExistingPartitionBy)}, existingPartitions: {Partitions(o.ExistingPartitions)});",
        CreateVirtualTableOperation { Table: var v } => $"op.CreateVirtualTable({L(v.Name)}, {Text(v.Definition)}{Schema(v.Schema)});",
        DropVirtualTableOperation { Existing: var e } o =>
            $"op.DropVirtualTable({L(o.Name)}{(e is null ? "" : ", existing: " + Text(e.Definition))}{(o.Schema is null ? "" : ", schema: " + L(o.Schema))});",
        _ => throw new NotSupportedException($"No C# rendering for {op.GetType().Name}."),
    };

    internal static string Partition(TablePartition p) =>
        p.Definition.Length == 0 ? $"new TablePartition({L(p.Name)})" : $"new TablePartition({L(p.Name)}, {L(p.Definition)})";

    internal static string Partitions(IReadOnlyList<TablePartition> partitions) =>
        partitions.Count == 0 ? "[]" : $"[{string.Join(", ", partitions.Select(Partition))}]";

    private static string Nullable(string? text) => text is null ? "null" : L(text);

    private static bool IsPlain(ViewDefinition v) =>
        !v.Materialized && v.Columns.Count == 0 && v.Options.Count == 0 && v.Indexes.Count == 0 && v.Comment is null && v.DependsOn.Count == 0;

    internal static string View(ViewDefinition v) =>
        $"new ViewDefinition({L(v.Name)}, {Text(v.Query)})" + Init(
            v.Schema is null ? null : $"Schema = {L(v.Schema)}",
            v.Materialized ? "Materialized = true" : null,
            v.Columns.Count == 0 ? null : $"Columns = {Array(v.Columns)}",
            v.Options.Count == 0 ? null : $"Options = {Options(v.Options)}",
            v.Indexes.Count == 0 ? null : "Indexes = [" + string.Join(", ", v.Indexes.Select(TableIndex)) + "]",
            v.Comment is null ? null : $"Comment = {L(v.Comment)}",
            v.DependsOn.Count == 0 ? null : $"DependsOn = {Array(v.DependsOn)}");

    internal static string Routine(RoutineDefinition r) =>
        $"new RoutineDefinition({L(r.Name)}, RoutineKind.{r.Kind}, {Text(r.Definition)})" + Init(
            r.Schema is null ? null : $"Schema = {L(r.Schema)}",
            r.Signature == "" ? null : $"Signature = {L(r.Signature)}",
            r.Options.Count == 0 ? null : $"Options = {Options(r.Options)}",
            r.Comment is null ? null : $"Comment = {L(r.Comment)}",
            r.DependsOn.Count == 0 ? null : $"DependsOn = {Array(r.DependsOn)}");

    internal static string Trigger(TriggerDefinition t) =>
        $"new TriggerDefinition({L(t.Name)}, {L(t.Table)}, {Text(t.Definition)})" + Init(
            t.Schema is null ? null : $"Schema = {L(t.Schema)}",
            t.Options.Count == 0 ? null : $"Options = {Options(t.Options)}",
            t.Comment is null ? null : $"Comment = {L(t.Comment)}",
            t.DependsOn.Count == 0 ? null : $"DependsOn = {Array(t.DependsOn)}");

    /// <summary>
    /// SQL text as a reader wants it in a revision: several lines become a raw string literal, indented under the
    /// call, so a function body reads as SQL; text a raw literal cannot hold exactly falls back to an escaped literal.
    /// </summary>
    internal static string Text(string sql)
    {
        if (!sql.Contains('\n') || sql.Contains("\"\"\"") || sql.Contains('\r') || sql.Any(ch => ch < ' ' && ch is not '\n' and not '\t')
            || sql.StartsWith('"') || sql.EndsWith('"') || sql.Split('\n').Any(line => line.Length > 0 && line.Trim().Length == 0))
            return L(sql);
        const string pad = Indent + "    ";
        var lines = sql.Split('\n').Select(line => line.Length == 0 ? "" : pad + line);
        return "\"\"\"\n" + string.Join("\n", lines) + "\n" + pad + "\"\"\"";
    }
}
