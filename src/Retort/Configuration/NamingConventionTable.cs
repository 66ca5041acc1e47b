using Tomlyn.Model;

namespace Retort.Configuration;

/// <summary>
/// retort.toml's <c>[naming_convention]</c> table: SQLAlchemy's keys (pk, fk, uq, ck, ix) and tokens, e.g.
/// <c>fk = "fk_{table_name}_{column_0_name}_{referred_table_name}"</c>.
/// </summary>
public static class NamingConventionTable
{
    public const string Name = "naming_convention";

    public static NamingConvention Read(object? value, string file)
    {
        if (value is not TomlTable table)
            throw new RetortException($"{Name} in {Path.GetFileName(file)} must be a table: [{Name}] with pk, fk, uq, ck and ix templates.");
        var convention = NamingConvention.Default;
        foreach (var (key, template) in table)
        {
            if (template is not string text)
                throw new RetortException($"{Name}.{key} in {Path.GetFileName(file)} must be a string, e.g. \"fk_{{table_name}}_{{column_0_name}}_{{referred_table_name}}\".");
            try { convention = convention.With(key, text); }
            catch (RetortException e) { throw new RetortException($"{Path.GetFileName(file)}: {e.Message}"); }
        }
        return convention;
    }
}
