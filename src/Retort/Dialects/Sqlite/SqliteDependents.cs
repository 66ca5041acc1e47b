using System.Data.Common;

namespace Retort.Dialects.Sqlite;

/// <summary>
/// The views and triggers a table rebuild must take down and put back: DROP TABLE drops the table's triggers, and
/// renaming the new table into place fails while any view (or trigger) names a table that is, for that moment,
/// missing ("error in view v: no such table"). These are the triggers on the table, the views that read it (and the
/// views that read those), and the triggers that name any of them or sit on those views; their CREATE text is put
/// back exactly as sqlite_master had it, views in creation order, then the triggers.
/// </summary>
internal sealed record SqliteDependents(IReadOnlyList<(string Name, string Sql)> Views, IReadOnlyList<(string Name, string Sql)> Triggers)
{
    public static async Task<SqliteDependents> ReadAsync(DbConnection connection, DbTransaction? transaction, string table, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = transaction;
        cmd.CommandText = "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('view', 'trigger') AND sql IS NOT NULL ORDER BY rowid";
        var views = new List<(string Name, string Sql)>();
        var triggers = new List<(string Name, string Table, string Sql)>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
            {
                if (reader.GetString(0) == "view") views.Add((reader.GetString(1), reader.GetString(3)));
                else triggers.Add((reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { table };
        var affected = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        // A view may name a view created after it: repeat until nothing more is reached.
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var v in views.Where(v => !affected.Contains(v.Name) && SqliteObjects.Reads(v.Sql, names).Count > 0))
            {
                affected.Add(v.Name);
                names.Add(v.Name);
                grew = true;
            }
        }
        return new SqliteDependents(
            views.Where(v => affected.Contains(v.Name)).ToList(),
            triggers.Where(t => names.Contains(t.Table) || SqliteObjects.Reads(t.Sql, names).Count > 0).Select(t => (t.Name, t.Sql)).ToList());
    }

    /// <summary>The rebuild with the dependents dropped before it and created again after it.</summary>
    public IReadOnlyList<SqlStatement> Around(SqliteDialect d, IReadOnlyList<SqlStatement> rebuild)
    {
        if (Views.Count == 0 && Triggers.Count == 0) return rebuild;
        var statements = new List<SqlStatement>();
        statements.AddRange(Triggers.Select(t => (SqlStatement)$"DROP TRIGGER IF EXISTS {d.QuoteIdentifier(t.Name)}"));
        statements.AddRange(Views.Reverse().Select(v => (SqlStatement)$"DROP VIEW IF EXISTS {d.QuoteIdentifier(v.Name)}"));
        statements.AddRange(rebuild);
        statements.AddRange(Views.Select(v => new SqlStatement(v.Sql)));
        statements.AddRange(Triggers.Select(t => new SqlStatement(t.Sql)));
        return statements;
    }
}
