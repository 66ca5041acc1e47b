using System.Text.RegularExpressions;

namespace Retort.Dialects.MySql;

public partial class MySqlDialect
{
    /// <summary>
    /// MariaDB prints <c>CURRENT_TIMESTAMP</c> (and its synonyms) as <c>current_timestamp()</c>, with an optional
    /// precision; backticks, string quotes and decimal padding (<c>1.50</c>) are the common normal form's.
    /// </summary>
    public override string NormalizeExpression(string sql) =>
        CurrentTimestamp().Replace(base.NormalizeExpression(sql), m => "current_timestamp" + (m.Groups[1].Success ? " ( " + m.Groups[1].Value + " )" : ""));

    [GeneratedRegex(@"\b(?:current_timestamp|now|localtimestamp|localtime)(?: \( (?:(\d+) )?\))?")]
    private static partial Regex CurrentTimestamp();
}
