using System.Reflection;
using Retort.Schema;

namespace Retort.Autogenerate;

/// <summary>Turns what the env file sets as <c>context.TargetModel</c> into a schema.</summary>
public static class TargetModel
{
    /// <summary>The model as a schema; <paramref name="naming"/> names the unnamed constraints and indexes of a
    /// MetaData or of entity classes (a DatabaseSchema is taken as it is).</summary>
    public static DatabaseSchema Resolve(object? model, NamingConvention? naming = null) => model switch
    {
        null => throw new RetortException("No target model: set context.TargetModel in env.cs (a MetaData, or the assembly / types of your [Table] entity classes) to use autogenerate or check."),
        DatabaseSchema s => s,
        MetaData m => m.ToSchema(naming),
        Assembly a => EntityModel.FromAssembly(a, naming),
        Type t => EntityModel.FromTypes([t], naming),
        IEnumerable<Type> types => EntityModel.FromTypes(types, naming),
        _ => throw new RetortException($"context.TargetModel is a {model.GetType().Name}; expected MetaData, DatabaseSchema, an Assembly or Type[]."),
    };
}
