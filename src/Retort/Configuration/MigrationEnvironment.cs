using Retort.Configuration;

namespace Retort;

/// <summary>
/// The env file's class (Alembic's env.py): runs before any command that touches the database and may adjust the
/// configuration — the URL, the transaction mode, the target model for autogenerate — e.g. from <c>-x</c> values.
/// </summary>
public abstract class MigrationEnvironment
{
    public abstract void Configure(EnvironmentContext context);
}

/// <summary>What the env file may read and change.</summary>
public sealed class EnvironmentContext(RetortConfig config, bool offline)
{
    public RetortConfig Config { get; } = config;

    /// <summary>True for <c>--sql</c> runs: no connection is made.</summary>
    public bool IsOffline { get; } = offline;

    /// <summary>The <c>-x key=value</c> arguments.</summary>
    public IDictionary<string, string> XArgs => Config.XArgs;

    /// <summary>The <c>--tag</c> given to upgrade, downgrade or stamp (Alembic's get_tag_argument()); null without one.</summary>
    public string? Tag => Config.Tag;

    public string? Url
    {
        get => Config.Url;
        set => Config.Url = value;
    }

    public bool TransactionPerMigration
    {
        get => Config.TransactionPerMigration;
        set => Config.TransactionPerMigration = value;
    }

    /// <summary>The schemas autogenerate, check, baseline and scaffold read besides the default one (retort.toml <c>schemas</c>).</summary>
    public IReadOnlyList<string> Schemas
    {
        get => Config.Schemas;
        set => Config.Schemas = value;
    }

    /// <summary>
    /// How unnamed constraints and indexes are named (retort.toml [naming_convention]); a target MetaData with a
    /// convention of its own overrides it.
    /// </summary>
    public NamingConvention NamingConvention
    {
        get => Config.NamingConvention;
        set => Config.NamingConvention = value;
    }

    /// <summary>
    /// The target model for autogenerate and check: a <see cref="Retort.Schema.MetaData"/>, an assembly or types
    /// with [Table] entity classes, or a <see cref="Retort.Schema.DatabaseSchema"/>.
    /// </summary>
    public object? TargetModel { get; set; }

    /// <summary>Filters what autogenerate looks at: (name, kind) with kind table, column, index, unique, foreign_key, check.
    /// Tables are filtered before the database is read.</summary>
    public Func<string, string, bool>? IncludeName { get; set; }

    /// <summary>Filters what autogenerate and check compare, seeing each object, from which side it comes and what it
    /// is compared with (Alembic's include_object); asked after <see cref="IncludeName"/>.</summary>
    public IncludeObjectFilter? IncludeObject { get; set; }

    /// <summary>Sees each new revision before its file is written: may change its operations, message or id, or drop it
    /// (Alembic's process_revision_directives). Runs for autogenerate, and for plain revisions with
    /// <c>revision_environment = true</c>.</summary>
    public ProcessRevisionDirectivesHook? ProcessRevisionDirectives { get; set; }

    /// <summary>Extra variables for script.cs.liquid (Alembic's template_args), e.g. <c>context.TemplateArgs["ticket"] = "SHOP-12"</c>
    /// read in the template as <c>{{ ticket }}</c>. Used when env.cs runs for <c>retort revision</c>: autogenerate, or
    /// <c>revision_environment = true</c>.</summary>
    public IDictionary<string, object?> TemplateArgs { get; } = new Dictionary<string, object?>(StringComparer.Ordinal);
}
