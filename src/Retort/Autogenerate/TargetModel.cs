using System.Reflection;
using Retort.Schema;

namespace Retort.Autogenerate;

/// <summary>Turns what the env file sets as <c>context.TargetModel</c> into a schema.</summary>
public static class TargetModel
{
    public static DatabaseSchema Resolve(object? model) => model switch
    {
        null => throw new RetortException("No target model: set context.TargetModel in env.cs (a MetaData, or the assembly / types of your [Table] entity classes) to use autogenerate or check."),
        DatabaseSchema s => s,
        MetaData m => m.ToSchema(),
        Assembly a => EntityModel.FromAssembly(a),
        Type t => EntityModel.FromTypes([t]),
        IEnumerable<Type> types => EntityModel.FromTypes(types),
        _ => throw new RetortException($"context.TargetModel is a {model.GetType().Name}; expected MetaData, DatabaseSchema, an Assembly or Type[]."),
    };
}
