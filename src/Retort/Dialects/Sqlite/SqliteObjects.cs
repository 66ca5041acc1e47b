using System.Text;
using Retort.Ops;

namespace Retort.Dialects.Sqlite;

/// <summary>
/// SQLite's views and triggers as sqlite_master keeps them: the CREATE text as written, normalised only as SQLite
/// normalises it (the first two keywords upper case, TEMP and leading blanks removed). A view's query is the text
/// after its AS, kept verbatim; a trigger is its whole statement.
/// </summary>
internal static class SqliteObjects
{
    /// <summary>A view from its CREATE VIEW text: name, the column list if written, the query after AS.</summary>
    public static ViewDefinition ParseView(string name, string sql)
    {
        var t = SqliteDefinition.Tokenize(sql);
        // CREATE [TEMP] VIEW [IF NOT EXISTS] [schema.]name [(columns)] AS query
        var i = 0;
        while (i < t.Count && !t[i].Is("VIEW")) i++;
        i++;
        if (i + 2 < t.Count && t[i].Is("IF") && t[i + 1].Is("NOT") && t[i + 2].Is("EXISTS")) i += 3;
        i++; // the name (a dotted schema.name is one token, or name . name)
        while (i < t.Count && (t[i].Text == "." || (i > 0 && t[i - 1].Text == "."))) i++;
        var columns = new List<string>();
        if (i < t.Count && !t[i].Quoted && t[i].Text == "(")
        {
            for (i++; i < t.Count && !(t[i].Text == ")" && !t[i].Quoted); i++)
                if (t[i].Text != ",") columns.Add(t[i].Name);
            i++;
        }
        if (i >= t.Count || !t[i].Is("AS")) throw new RetortException($"Cannot read the definition of SQLite view {name}: {sql}");
        return new ViewDefinition(name, sql[t[i].End..].Trim()) { Columns = columns };
    }

    /// <summary>The views and tables a view's or trigger's text names, among <paramref name="names"/>.</summary>
    public static List<string> Reads(string sql, IEnumerable<string> names)
    {
        var words = SqliteDefinition.Tokenize(sql).Where(x => x.Quoted || !x.Text.StartsWith('\'')).Select(x => x.Name)
            .SelectMany(n => n.Split('.')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return names.Where(words.Contains).ToList();
    }

    /// <summary>
    /// A CREATE VIRTUAL TABLE as sqlite_master stores it: <c>CREATE VIRTUAL TABLE </c> and the text from the name on
    /// (case, blanks and IF NOT EXISTS before the name are not kept).
    /// </summary>
    public static string StoredVirtual(string sql)
    {
        var t = SqliteDefinition.Tokenize(sql);
        var i = 0;
        while (i < t.Count && !t[i].Is("TABLE")) i++;
        i++;
        if (i + 2 < t.Count && t[i].Is("IF") && t[i + 1].Is("NOT") && t[i + 2].Is("EXISTS")) i += 3;
        if (i >= t.Count) return sql.Trim().TrimEnd(';').TrimEnd();
        return "CREATE VIRTUAL TABLE " + sql[t[i].Start..].TrimEnd().TrimEnd(';').TrimEnd();
    }

    /// <summary>
    /// A CREATE statement as sqlite_master stores it: leading blanks removed, the first two keywords upper case with
    /// one space after each, TEMP/TEMPORARY removed (https://sqlite.org/schematab.html, "interpretation").
    /// </summary>
    public static string Stored(string sql)
    {
        var s = sql.TrimStart();
        var t = SqliteDefinition.Tokenize(s);
        if (t.Count < 3 || !t[0].Is("CREATE")) return s.TrimEnd().TrimEnd(';').TrimEnd();
        var k = 1;
        if (t[k].Is("TEMP") || t[k].Is("TEMPORARY")) k++;
        var sb = new StringBuilder("CREATE ").Append(t[k].Text.ToUpperInvariant()).Append(' ');
        return sb.Append(s[t[k + 1].Start..].TrimEnd().TrimEnd(';').TrimEnd()).ToString();
    }
}
