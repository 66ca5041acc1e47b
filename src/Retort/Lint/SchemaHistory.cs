namespace Retort.Lint;

/// <summary>
/// What lint knows of the tables from the revisions before the one being judged, in upgrade order: column types
/// and nullability (to tell a real type change from a restatement) and check constraints with whether they are
/// validated (SET NOT NULL on PostgreSQL 12+ uses a valid <c>CHECK (col IS NOT NULL)</c> instead of scanning).
/// </summary>
public sealed class SchemaHistory
{
    public sealed record ColumnFacts(ColumnTypeText? Type, bool? Nullable);

    public sealed record CheckFacts(string Name, string Sql, bool Validated);

    private readonly Dictionary<string, Dictionary<string, ColumnFacts>> _columns = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<CheckFacts>> _checks = new(StringComparer.OrdinalIgnoreCase);

    public ColumnFacts? Column(string table, string column) =>
        _columns.TryGetValue(table, out var cols) && cols.TryGetValue(column, out var facts) ? facts : null;

    public void SetColumn(string table, string column, ColumnFacts facts)
    {
        if (!_columns.TryGetValue(table, out var cols)) _columns[table] = cols = new(StringComparer.OrdinalIgnoreCase);
        cols[column] = facts;
    }

    public void RenameColumn(string table, string from, string to)
    {
        if (_columns.TryGetValue(table, out var cols) && cols.Remove(from, out var facts)) cols[to] = facts;
    }

    public void DropColumn(string table, string column)
    {
        if (_columns.TryGetValue(table, out var cols)) cols.Remove(column);
    }

    public void DropTable(string table)
    {
        _columns.Remove(table);
        _checks.Remove(table);
    }

    public void RenameTable(string from, string to)
    {
        if (_columns.Remove(from, out var cols)) _columns[to] = cols;
        if (_checks.Remove(from, out var checks)) _checks[to] = checks;
    }

    public void AddCheck(string table, CheckFacts check)
    {
        if (!_checks.TryGetValue(table, out var list)) _checks[table] = list = [];
        list.RemoveAll(c => c.Name == check.Name);
        list.Add(check);
    }

    public void ValidateCheck(string table, string name)
    {
        if (_checks.TryGetValue(table, out var list))
            for (var i = 0; i < list.Count; i++)
                if (list[i].Name == name) list[i] = list[i] with { Validated = true };
    }

    public void DropConstraint(string table, string name)
    {
        if (_checks.TryGetValue(table, out var list)) list.RemoveAll(c => c.Name == name);
    }

    public bool HasCheck(string table, string name) => _checks.TryGetValue(table, out var list) && list.Any(c => c.Name == name);

    /// <summary>Whether a validated CHECK says exactly that <paramref name="column"/> IS NOT NULL.</summary>
    public bool HasValidNotNullCheck(string table, string column) =>
        _checks.TryGetValue(table, out var list) && list.Any(c => c.Validated && IsNotNullCheck(c.Sql, column));

    private static bool IsNotNullCheck(string sql, string column)
    {
        var bare = new string(sql.Where(ch => !char.IsWhiteSpace(ch) && ch is not ('(' or ')' or '"' or '`' or '[' or ']')).ToArray());
        return bare.Equals(column.Replace(" ", "") + "ISNOTNULL", StringComparison.OrdinalIgnoreCase);
    }
}
