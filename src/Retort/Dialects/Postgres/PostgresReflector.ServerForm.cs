using System.Data.Common;
using Retort.Ops;
using Retort.Schema;

namespace Retort.Dialects.Postgres;

/// <summary>
/// A model's views, routines and triggers in the form PostgreSQL prints them: created in a transaction that is
/// rolled back (replacing the live objects of the same names there), then read with the same catalog functions as
/// reflection. A hand-written <c>SELECT a FROM t</c> thus compares equal to the live view PostgreSQL printed as
/// <c> SELECT t.a\n   FROM t</c>. An object that cannot be created there (e.g. its table does not exist yet) stays as
/// written.
/// </summary>
public partial class PostgresReflector
{
    public override async Task<DatabaseSchema> ServerFormAsync(DatabaseSchema model, DbConnection connection, CancellationToken ct = default)
    {
        if (dialect is null || (model.Views.Count == 0 && model.Routines.Count == 0 && model.Triggers.Count == 0)) return model;
        var current = S((await QueryAsync(connection, "SELECT current_schema()", ct))[0][0]);
        await using var tx = await connection.BeginTransactionAsync(ct);
        try
        {
            await ExecuteAsync(connection, tx, "SET LOCAL check_function_bodies = off", ct);
            foreach (var r in ObjectOrder.ByDependency(model.Routines))
            {
                var drop = $"DROP {(r.Kind == RoutineKind.Function ? "FUNCTION" : r.Kind == RoutineKind.Procedure ? "PROCEDURE" : r.Kind == RoutineKind.Aggregate ? "AGGREGATE" : "OPERATOR")} IF EXISTS "
                           + (r.Kind == RoutineKind.Operator ? "" : dialect.Qualify(r.Name, r.Schema)) + (r.Signature == "" || r.Kind == RoutineKind.Operator ? "" : $"({r.Signature})") + " CASCADE";
                if (!await TryAsync(connection, tx, [r.Definition], ct) && r.Kind != RoutineKind.Operator)
                    await TryAsync(connection, tx, [drop, r.Definition], ct);
            }
            foreach (var v in ObjectOrder.ByDependency(model.Views))
                await TryAsync(connection, tx, [$"DROP {(v.Materialized ? "MATERIALIZED " : "")}VIEW IF EXISTS {dialect.Qualify(v.Name, v.Schema)} CASCADE",
                    .. dialect.Generate(new CreateViewOperation(v with { Indexes = [], Comment = null })).Select(s => s.Sql)], ct);
            foreach (var t in model.Triggers)
                await TryAsync(connection, tx, [$"DROP TRIGGER IF EXISTS {dialect.QuoteIdentifier(t.Name)} ON {dialect.Qualify(t.Table, t.Schema)}", t.Definition], ct);

            var schemas = model.Objects.Select(o => o.Schema ?? current).Append(current).Distinct().ToArray();
            var printed = await ReadObjectsAsync(connection, ("@schemas", schemas), current, new ReflectOptions(), ct);
            string? Schema(SchemaObject o) => o.Schema == current ? null : o.Schema;
            var views = printed.Views.ToDictionary(v => (Schema(v), v.Name));
            var triggers = printed.Triggers.ToDictionary(t => (Schema(t), t.Table, t.Name));
            return model with
            {
                Views = model.Views.Select(v => views.TryGetValue((v.Schema, v.Name), out var p) ? v with { Query = p.Query } : v).ToList(),
                Routines = model.Routines.Select(r => PrintedRoutine(r, printed.Routines.Where(p => Schema(p) == r.Schema && p.Name == r.Name && p.Kind == r.Kind).ToList())).ToList(),
                Triggers = model.Triggers.Select(t => triggers.TryGetValue((t.Schema, t.Table, t.Name), out var p) ? t with { Definition = p.Definition } : t).ToList(),
            };
        }
        finally
        {
            await tx.RollbackAsync(ct);
        }
    }

    /// <summary>The printed routine of the same signature (a model that gave none: the only one of its name).</summary>
    private static RoutineDefinition PrintedRoutine(RoutineDefinition r, List<RoutineDefinition> candidates)
    {
        static string Squeeze(string s) => string.Concat(s.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant();
        var match = r.Signature == "" && candidates.Count == 1 ? candidates[0] : candidates.FirstOrDefault(p => Squeeze(p.Signature) == Squeeze(r.Signature));
        return match is null ? r : r with { Definition = match.Definition, Signature = match.Signature };
    }

    /// <summary>Runs the statements under a savepoint; a statement the server refuses undoes them and returns false.</summary>
    private static async Task<bool> TryAsync(DbConnection connection, DbTransaction tx, IEnumerable<string> statements, CancellationToken ct)
    {
        await ExecuteAsync(connection, tx, "SAVEPOINT retort_server_form", ct);
        try
        {
            foreach (var sql in statements) await ExecuteAsync(connection, tx, sql, ct);
            await ExecuteAsync(connection, tx, "RELEASE SAVEPOINT retort_server_form", ct);
            return true;
        }
        catch (DbException)
        {
            await ExecuteAsync(connection, tx, "ROLLBACK TO SAVEPOINT retort_server_form", ct);
            return false;
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
