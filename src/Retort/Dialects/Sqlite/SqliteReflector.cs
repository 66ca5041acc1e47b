using System.Data.Common;
using Retort.Ops;
using Retort.Schema;
using static Retort.Dialects.Sqlite.SqliteDefinition;

namespace Retort.Dialects.Sqlite;

/// <summary>
/// SQLite: sqlite_master (whose CREATE text holds names, placement and expressions, read by
/// <see cref="SqliteDefinition"/>; views and triggers as written, <see cref="SqliteObjects"/>) and the pragma
/// table-valued functions, four queries in all. What is written is
/// kept as written: declared types, unnamed constraints unnamed, column constraints on their column, explicit
/// referential actions, defaults with their parentheses, WITHOUT ROWID and STRICT.
/// </summary>
public sealed class SqliteReflector(TypeMapping types) : SchemaReflector(types)
{
    /// <summary>A hand-written trigger or virtual table as sqlite_master would store it (a view's query is kept as written already).</summary>
    public override Task<DatabaseSchema> ServerFormAsync(DatabaseSchema model, DbConnection connection, CancellationToken ct = default) =>
        Task.FromResult(model with
        {
            Triggers = model.Triggers.Select(t => t with { Definition = SqliteObjects.Stored(t.Definition) }).ToList(),
            VirtualTables = model.VirtualTables.Select(v => v with { Definition = SqliteObjects.StoredVirtual(v.Definition) }).ToList(),
        });

    public override async Task<DatabaseSchema> ReflectAsync(DbConnection connection, ReflectOptions options, CancellationToken ct = default)
    {
        // A virtual table (FTS5, R*Tree …) is its CREATE statement; the shadow tables its module keeps are the module's
        // business and in no list. Neither is read column by column (a module not loaded here would make the pragmas fail).
        var tableRows = (await QueryAsync(connection,
                "SELECT m.name, m.sql, (SELECT l.type FROM pragma_table_list l WHERE l.schema = 'main' AND l.name = m.name) "
                + "FROM sqlite_master m WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name", ct))
            .Where(r => options.IncludeTable(S(r[0]))).ToList();
        bool Virtual(object?[] r) => S(r[2]) == "virtual" || S(r[1]).StartsWith("CREATE VIRTUAL", StringComparison.OrdinalIgnoreCase);
        var tableSql = tableRows.Where(r => !Virtual(r) && S(r[2]) != "shadow").ToDictionary(r => S(r[0]), r => S(r[1]));
        const string Ordinary = "m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.sql NOT LIKE 'CREATE VIRTUAL%'";
        // table_xinfo (not table_info) also lists generated columns.
        var columns = await QueryAsync(connection,
            "SELECT m.name, p.name, p.type, p.\"notnull\", p.pk, p.hidden FROM sqlite_master m JOIN pragma_table_xinfo(m.name) p "
            + $"WHERE {Ordinary} ORDER BY m.name, p.cid", ct);
        var indexes = await QueryAsync(connection,
            "SELECT m.name, il.name, il.\"unique\", ii.name, ii.\"desc\", ii.cid, s.sql "
            + "FROM sqlite_master m JOIN pragma_index_list(m.name) il JOIN pragma_index_xinfo(il.name) ii "
            + "JOIN sqlite_master s ON s.type = 'index' AND s.name = il.name "
            + $"WHERE {Ordinary} AND il.origin = 'c' AND ii.key = 1 ORDER BY m.name, il.name, ii.seqno", ct);
        // In creation order (rowid): a view after what it reads, triggers on one table in the order they fire.
        var others = await QueryAsync(connection, "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('view', 'trigger') ORDER BY rowid", ct);

        var tables = new List<TableSchema>();
        foreach (var (table, sql) in tableSql)
        {
            var definition = ParseTable(sql);
            var cols = columns.Where(c => S(c[0]) == table).ToList();
            tables.Add(Table(table, definition, cols, indexes.Where(i => S(i[0]) == table).ToList()));
        }
        var viewRows = others.Where(r => S(r[0]) == "view").ToList();
        var viewNames = viewRows.Select(r => S(r[1])).ToList();
        return new DatabaseSchema(tables)
        {
            VirtualTables = tableRows.Where(Virtual).Select(r => new VirtualTableDefinition(S(r[0]), S(r[1]))).ToList(),
            Views = viewRows.Select(r => SqliteObjects.ParseView(S(r[1]), S(r[3])) with
            {
                DependsOn = SqliteObjects.Reads(S(r[3]), viewNames.Where(n => n != S(r[1]))),
            }).ToList(),
            Triggers = others.Where(r => S(r[0]) == "trigger" && options.IncludeTable(S(r[2])))
                .Select(r => new TriggerDefinition(S(r[1]), S(r[2]), S(r[3]))).ToList(),
        };
    }

    private TableSchema Table(string table, SqliteDefinition.Table definition, List<object?[]> cols, List<object?[]> indexRows)
    {
        var defs = definition.Columns.ToDictionary(d => d.Name, StringComparer.OrdinalIgnoreCase);
        var columnConstraints = definition.Columns.SelectMany(d => d.Constraints.Select(c => (Column: d.Name, Constraint: c))).ToList();
        var pk = columnConstraints.Where(c => c.Constraint.Kind == "PRIMARY KEY").Select(c => c.Constraint).Concat(definition.Constraints.Where(c => c.Kind == "PRIMARY KEY")).FirstOrDefault();
        var pkColumnLevel = columnConstraints.Any(c => c.Constraint.Kind == "PRIMARY KEY");
        var pkColumns = pk?.Columns ?? [];

        var columnList = new List<Column>();
        var rawTypes = new Dictionary<string, string>();
        foreach (var c in cols)
        {
            var name = S(c[1]);
            defs.TryGetValue(name, out var d);
            var raw = d?.Type ?? S(c[2]);
            var notNull = d?.NotNull ?? Convert.ToInt64(c[3]) == 1;
            var inPk = pkColumns.Contains(name, StringComparer.OrdinalIgnoreCase);
            rawTypes[name] = raw;
            columnList.Add(new Column(name, Types.FromDatabase(raw))
            {
                // NOT NULL as written: SQLite adds none to a primary key (a WITHOUT ROWID table's key is NOT NULL
                // without saying so), so a key column is flagged only when its NOT NULL is written.
                Nullable = !notNull,
                PrimaryKey = inPk && notNull,
                Autoincrement = inPk && pk!.Autoincrement,
                ServerDefault = d?.Default,
                Collation = d?.Collation,
                Computed = d?.Generated is { } g ? new ComputedColumn(g) { Stored = d.Stored } : null,
                NotNullOnConflict = d?.NotNullOnConflict,
            });
        }

        var providerOptions = new Dictionary<string, string>();
        if (definition.WithoutRowId) providerOptions["sqlite.without_rowid"] = "true";
        if (definition.Strict) providerOptions["sqlite.strict"] = "true";

        var constraints = columnConstraints.Select(c => (Level: (string?)c.Column, c.Constraint))
            .Concat(definition.Constraints.Select(c => (Level: (string?)null, Constraint: c))).ToList();
        return new TableSchema(table)
        {
            Columns = columnList,
            RawTypes = rawTypes,
            ProviderOptions = providerOptions,
            PrimaryKey = pk is null ? null : new PrimaryKey([.. pkColumns]) { Name = pk.Name ?? "", ColumnLevel = pkColumnLevel, Descending = [.. pk.Descending], OnConflict = pk.OnConflict },
            UniqueConstraints = constraints.Where(c => c.Constraint.Kind == "UNIQUE")
                .Select(c => new UniqueConstraint([.. c.Constraint.Columns]) { Name = c.Constraint.Name ?? "", ColumnLevel = c.Level is not null, OnConflict = c.Constraint.OnConflict }).ToList(),
            CheckConstraints = constraints.Where(c => c.Constraint.Kind == "CHECK")
                .Select(c => new CheckConstraint(c.Constraint.Check!) { Name = c.Constraint.Name ?? "", Column = c.Level }).ToList(),
            ForeignKeys = constraints.Where(c => c.Constraint.Kind == "FOREIGN KEY")
                .Select(c => new ForeignKey([.. c.Constraint.Columns], c.Constraint.ReferencedTable!, [.. c.Constraint.ReferencedColumns])
                {
                    Name = c.Constraint.Name ?? "",
                    ColumnLevel = c.Level is not null,
                    OnDelete = Action(c.Constraint.OnDelete),
                    OnUpdate = Action(c.Constraint.OnUpdate),
                    Deferrable = c.Constraint.Deferrable,
                    InitiallyDeferred = c.Constraint.InitiallyDeferred,
                    InitiallyImmediate = c.Constraint.InitiallyImmediate,
                    Match = c.Constraint.Match,
                }).ToList(),
            Indexes = indexRows.GroupBy(i => S(i[1])).Select(g => Index(g.Key, g.ToList())).ToList(),
        };
    }

    /// <summary>Key parts from pragma_index_xinfo (order, column) and the CREATE INDEX text (expressions, collations, WHERE).</summary>
    private static IndexSchema Index(string name, List<object?[]> rows)
    {
        var parsed = ParseIndex(S(rows[0][6]));
        var elements = rows.Select((r, n) =>
        {
            var item = n < parsed.Items.Count ? parsed.Items[n] : (S(r[3]), true, null);
            var isExpression = Convert.ToInt64(r[5]) == -2;
            return new IndexElement(isExpression ? item.Text : S(r[3]))
            {
                IsExpression = isExpression,
                Descending = B(r[4]),
                Collation = item.Collation,
            };
        }).ToList();
        var plain = elements.All(e => !e.IsExpression && !e.Descending && e.Collation is null);
        return new IndexSchema(name, elements.Where(e => !e.IsExpression).Select(e => e.Text).ToList())
        {
            Unique = B(rows[0][2]),
            Where = parsed.Where,
            Elements = plain ? null : elements,
        };
    }

    /// <summary>An action as written; NO ACTION stays explicit (null when none is written).</summary>
    private static new ReferentialAction? Action(string? rule) =>
        rule == "NO ACTION" ? ReferentialAction.NoAction : SchemaReflector.Action(rule);
}
