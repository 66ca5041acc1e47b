using Retort.Schema;

namespace Retort.Tests.Autogenerate.ModelChanges;

/// <summary>
/// One edit a developer makes to a hand-written model: the table(s) before (<see cref="A"/>) and after
/// (<see cref="B"/>), the lines <c>retort check</c> must print for it (each the start of exactly one line), and the
/// databases it applies to. A case without <see cref="Expected"/> lines is a "no change" control. Every case owns its
/// tables (and types), so that all cases of a database run as one model, one revision per step.
/// </summary>
public sealed record ModelChange(string Name, Action<MetaData> A, Action<MetaData> B, string[] Expected, string Databases = ModelChange.All)
{
    public const string All = "sqlite postgresql mysql";

    /// <summary>A control: the same model before and after; check must stay clean.</summary>
    public static ModelChange Same(string name, Action<MetaData> model, string databases = All) => new(name, model, model, [], databases);

    public bool RunsOn(string database) => Databases.Split(' ').Contains(database);

    public override string ToString() => Name;
}
