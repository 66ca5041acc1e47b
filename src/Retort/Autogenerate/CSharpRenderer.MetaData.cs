using Retort.Ops;

namespace Retort.Autogenerate;

/// <summary>Schema objects as calls on a scaffolded <c>MetaData</c>, in the same C# a revision uses for them.</summary>
public static partial class CSharpRenderer
{
    internal static string MetaDataCall(SchemaObject o) => o switch
    {
        ViewDefinition v => $".View({View(v)})",
        RoutineDefinition r => $".Routine({Routine(r)})",
        TriggerDefinition t => $".Trigger({Trigger(t)})",
        ExtensionDefinition e => $".Extension(new ExtensionDefinition({L(e.Name)})"
                                 + Init(e.Schema is null ? null : $"Schema = {L(e.Schema)}", e.Version is null ? null : $"Version = {L(e.Version)}") + ")",
        VirtualTableDefinition v => $".VirtualTable(new VirtualTableDefinition({L(v.Name)}, {Text(v.Definition)})" + Init(v.Schema is null ? null : $"Schema = {L(v.Schema)}") + ")",
        _ => throw new NotSupportedException($"No C# rendering for {o.GetType().Name}."),
    };
}
