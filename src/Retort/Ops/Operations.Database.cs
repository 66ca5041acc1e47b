namespace Retort;

public partial class Operations
{
    /// <summary>The database being migrated: "default", or a name from [databases] in a multi-database setup.</summary>
    public string Database { get; init; } = "default";
}
