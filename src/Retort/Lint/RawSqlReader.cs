using Retort.Dialects;
using Retort.Ops;

namespace Retort.Lint;

/// <summary>
/// Reads the DDL of raw SQL into the operations the rules judge: CREATE INDEX, CREATE/DROP TABLE, RENAME TABLE,
/// ALTER TABLE … ADD COLUMN / ADD CONSTRAINT (FOREIGN KEY, CHECK, UNIQUE, PRIMARY KEY, NOT VALID, USING INDEX) /
/// ALTER COLUMN TYPE / SET NOT NULL / RENAME / DROP / VALIDATE CONSTRAINT, MySQL's MODIFY and CHANGE, and SET of a
/// lock timeout. Other statements yield no operations.
/// </summary>
public static class RawSqlReader
{
    public static IReadOnlyList<RawStatement> Read(string sql, SqlLexicon lexicon) =>
        SqlTokenizer.Statements(sql, lexicon).Select(Statement).ToList();

    private static RawStatement Statement(IReadOnlyList<SqlToken> tokens)
    {
        var text = TokenCursor.Text(tokens);
        var c = new TokenCursor(tokens);
        // MariaDB: SET STATEMENT lock_wait_timeout = 2 FOR ALTER TABLE …
        if (c.Accept("SET", "STATEMENT"))
        {
            var settings = c.Until(t => t.Is("FOR"));
            c.Accept("FOR");
            var inner = Statement(c.RemainingTokens());
            return inner with { Sql = text, SetsLockTimeout = inner.SetsLockTimeout || settings.Contains("lock_wait_timeout", StringComparison.OrdinalIgnoreCase) };
        }
        if (c.Accept("SET"))
        {
            c.Accept("SESSION");
            c.Accept("LOCAL");
            var name = c.Name();
            return new RawStatement(text, []) { SetsLockTimeout = name is not null && (name.Equals("lock_timeout", StringComparison.OrdinalIgnoreCase) || name.Equals("lock_wait_timeout", StringComparison.OrdinalIgnoreCase)) };
        }
        if (c.Accept("CREATE")) return new RawStatement(text, Create(c));
        if (c.Accept("DROP", "TABLE"))
        {
            c.Accept("IF", "EXISTS");
            var dropped = c.SplitAtCommas().Select(part => part.Name()).OfType<string>();
            return new RawStatement(text, dropped.Select(n => (MigrationOperation)new DropTableOperation(n)).ToList());
        }
        if (c.Accept("RENAME", "TABLE"))
        {
            var renames = new List<MigrationOperation>();
            foreach (var part in c.SplitAtCommas())
                if (part.Name() is { } from && part.Accept("TO") && part.Name() is { } to) renames.Add(new RenameTableOperation(from, to));
            return new RawStatement(text, renames);
        }
        if (c.Accept("ALTER", "TABLE"))
        {
            c.Accept("IF", "EXISTS");
            c.Accept("ONLY");
            var table = c.Name();
            if (table is null) return new RawStatement(text, []);
            var online = false;
            var ops = new List<MigrationOperation>();
            foreach (var action in c.SplitAtCommas())
            {
                if (action.Accept("ALGORITHM") || action.Accept("LOCK"))
                {
                    action.AcceptSymbol('=');
                    online |= action.Accept("INSTANT") || action.Accept("INPLACE") || action.Accept("NONE");
                    continue;
                }
                ops.AddRange(AlterAction(table, action));
            }
            return new RawStatement(text, ops) { StatesOnlineAlgorithm = online };
        }
        return new RawStatement(text, []);
    }

    private static List<MigrationOperation> Create(TokenCursor c)
    {
        c.Accept("OR", "REPLACE");
        _ = c.Accept("TEMPORARY") || c.Accept("TEMP") || c.Accept("UNLOGGED");
        if (c.Accept("TABLE"))
        {
            c.Accept("IF", "NOT", "EXISTS");
            return c.Name() is { } name ? [new CreateTableOperation(name, [])] : [];
        }
        var unique = c.Accept("UNIQUE");
        if (!c.Accept("INDEX")) return [];
        var concurrently = c.Accept("CONCURRENTLY");
        c.Accept("IF", "NOT", "EXISTS");
        var indexName = c.Peek() is { } p && p.Is("ON") ? "" : c.Name() ?? "";
        if (!c.Accept("ON")) return [];
        c.Accept("ONLY");
        var table = c.Name();
        if (table is null) return [];
        if (c.Accept("USING")) c.Name();
        return [new CreateIndexOperation(indexName, table, c.NameList()) { Unique = unique, Concurrently = concurrently }];
    }

    private static IEnumerable<MigrationOperation> AlterAction(string table, TokenCursor a)
    {
        if (a.Accept("ADD"))
        {
            string? constraint = null;
            if (a.Accept("CONSTRAINT")) constraint = a.Name();
            if (a.Peek() is { } k && (k.Is("FOREIGN") || k.Is("CHECK") || k.Is("UNIQUE") || k.Is("PRIMARY") || k.Is("INDEX") || k.Is("KEY") || k.Is("FULLTEXT") || k.Is("SPATIAL")))
                return AddConstraint(table, constraint ?? "", a);
            a.Accept("COLUMN");
            a.Accept("IF", "NOT", "EXISTS");
            return AddColumn(table, a);
        }
        if (a.Accept("ALTER"))
        {
            a.Accept("COLUMN");
            var column = a.Name();
            if (column is null) return [];
            if (a.Accept("SET", "DATA", "TYPE") || a.Accept("TYPE"))
                return [new AlterColumnOperation(table, column) { Type = SqlType.Custom(a.Until(t => t.Is("USING") || t.Is("COLLATE"))) }];
            if (a.Accept("SET", "NOT", "NULL")) return [new AlterColumnOperation(table, column) { Nullable = false }];
            if (a.Accept("DROP", "NOT", "NULL")) return [new AlterColumnOperation(table, column) { Nullable = true }];
            return [];
        }
        if (a.Accept("MODIFY"))
        {
            a.Accept("COLUMN");
            return a.Name() is { } column ? [Restate(table, column, column, a)] : [];
        }
        if (a.Accept("CHANGE"))
        {
            a.Accept("COLUMN");
            return a.Name() is { } from && a.Name() is { } to ? [Restate(table, from, to, a)] : [];
        }
        if (a.Accept("RENAME"))
        {
            if (a.Accept("CONSTRAINT") || a.Accept("INDEX") || a.Accept("KEY")) return [];
            if (a.Accept("TO") || a.Accept("AS")) return a.Name() is { } newName ? [new RenameTableOperation(table, newName)] : [];
            a.Accept("COLUMN");
            return a.Name() is { } column && a.Accept("TO") && a.Name() is { } renamed ? [new AlterColumnOperation(table, column) { NewName = renamed }] : [];
        }
        if (a.Accept("DROP"))
        {
            if (a.Accept("CONSTRAINT"))
            {
                a.Accept("IF", "EXISTS");
                return a.Name() is { } name ? [new DropConstraintOperation(name, table, ConstraintKind.Check)] : [];
            }
            if (a.Peek() is { } k && (k.Is("INDEX") || k.Is("KEY") || k.Is("FOREIGN") || k.Is("PRIMARY") || k.Is("CHECK") || k.Is("DEFAULT"))) return [];
            a.Accept("COLUMN");
            a.Accept("IF", "EXISTS");
            return a.Name() is { } column ? [new DropColumnOperation(table, column)] : [];
        }
        if (a.Accept("VALIDATE", "CONSTRAINT")) return a.Name() is { } name ? [new ValidateConstraintOperation(table, name)] : [];
        return [];
    }

    private static List<MigrationOperation> AddConstraint(string table, string name, TokenCursor a)
    {
        if (a.Accept("FOREIGN", "KEY"))
        {
            var columns = a.NameList();
            a.Accept("REFERENCES");
            var target = a.Name() ?? "";
            var targetColumns = a.NameList();
            var notValid = a.RestContains("NOT", "VALID");
            return [new CreateForeignKeyOperation(name, table, new ForeignKey([.. columns], target, [.. targetColumns]) { Name = name, NotValid = notValid })];
        }
        if (a.Accept("CHECK"))
        {
            var condition = a.NameList();
            return [new CreateCheckConstraintOperation(name, table, string.Join(", ", condition)) { NotValid = a.RestContains("NOT", "VALID") }];
        }
        var primary = a.Accept("PRIMARY", "KEY");
        if (primary || a.Accept("UNIQUE"))
        {
            // MySQL: UNIQUE KEY|INDEX [name] (…)
            if (!primary && (a.Accept("KEY") || a.Accept("INDEX")) && a.Peek() is { } n && !n.IsSymbol('(')) a.Name();
            if (a.Accept("USING", "INDEX")) return [new CreateUniqueConstraintOperation(name, table, []) { Concurrently = true }];
            var columns = a.NameList();
            return primary ? [new CreatePrimaryKeyOperation(name, table, columns)] : [new CreateUniqueConstraintOperation(name, table, columns)];
        }
        // MySQL: ADD [FULLTEXT|SPATIAL] INDEX|KEY [name] (…): an index, built in place.
        a.Accept("FULLTEXT");
        a.Accept("SPATIAL");
        a.Accept("INDEX");
        a.Accept("KEY");
        var indexName = a.Peek() is { } p && p.IsSymbol('(') ? name : a.Name() ?? name;
        return [new CreateIndexOperation(indexName, table, a.NameList())];
    }

    private static readonly string[] ColumnClauseWords =
    [
        "DEFAULT", "NOT", "NULL", "CONSTRAINT", "PRIMARY", "UNIQUE", "REFERENCES", "CHECK", "GENERATED", "COLLATE",
        "AUTO_INCREMENT", "COMMENT", "FIRST", "AFTER", "ON", "AS", "IDENTITY", "CHARACTER", "CHARSET", "INVISIBLE",
    ];

    private static bool IsClauseWord(SqlToken t) => ColumnClauseWords.Any(t.Is);

    private static IEnumerable<MigrationOperation> AddColumn(string table, TokenCursor a)
    {
        var name = a.Name();
        if (name is null) yield break;
        var column = ColumnDefinition(name, a, out var references, out var unique);
        yield return new AddColumnOperation(table, column);
        if (references is not null) yield return new CreateForeignKeyOperation("", table, references);
        if (unique) yield return new CreateUniqueConstraintOperation("", table, [name]);
    }

    /// <summary>MODIFY / CHANGE restate the whole column: a type (maybe the same) and its nullability.</summary>
    private static AlterColumnOperation Restate(string table, string from, string to, TokenCursor a)
    {
        var column = ColumnDefinition(to, a, out _, out _);
        return new AlterColumnOperation(table, from)
        {
            NewName = from == to ? null : to,
            Type = column.Type,
            Nullable = column.Nullable,
        };
    }

    private static Column ColumnDefinition(string name, TokenCursor a, out ForeignKey? references, out bool unique)
    {
        var type = a.Until(IsClauseWord);
        var serial = type.Contains("serial", StringComparison.OrdinalIgnoreCase);
        string? @default = null;
        var notNull = false;
        var identity = serial;
        ComputedColumn? computed = null;
        references = null;
        unique = false;
        while (!a.AtEnd)
        {
            if (a.Accept("DEFAULT")) @default = a.Accept("NULL") ? null : a.Until(IsClauseWord);
            else if (a.Accept("NOT", "NULL")) notNull = true;
            else if (a.Accept("PRIMARY", "KEY")) notNull = true;
            else if (a.Accept("UNIQUE")) unique = true;
            else if (a.Accept("AUTO_INCREMENT")) identity = true;
            else if (a.Accept("GENERATED"))
            {
                var rest = a.Until(t => t.Is("NOT") || t.Is("DEFAULT") || t.Is("CONSTRAINT") || t.Is("REFERENCES"));
                if (rest.Contains("IDENTITY", StringComparison.OrdinalIgnoreCase)) identity = true;
                else computed = new ComputedColumn(rest) { Stored = rest.Contains("STORED", StringComparison.OrdinalIgnoreCase) };
            }
            else if (a.Accept("REFERENCES"))
            {
                var target = a.Name() ?? "";
                references = new ForeignKey([name], target, [.. a.NameList()]);
            }
            else if (a.Accept("CONSTRAINT")) a.Name();
            else
            {
                // NULL, COLLATE x, COMMENT '…', ON UPDATE …, FIRST, AFTER c: nothing the rules read.
                a.Skip();
                a.Until(IsClauseWord);
            }
        }
        return new Column(name, SqlType.Custom(type)) { Nullable = !notNull, ServerDefault = @default, Autoincrement = identity, Computed = computed };
    }
}
