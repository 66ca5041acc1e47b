using System.Data.Common;
using Retort.Ops;
using Retort.Schema;

namespace Retort.Dialects.MySql;

/// <summary>
/// A model's views, routines, triggers and partitions in the form MariaDB prints them: created in a scratch database
/// on the same server (the model's tables, then the live tables the model does not have, as <c>CREATE TABLE … LIKE</c>),
/// read back with the same queries as reflection, and the scratch database dropped. A hand-written
/// <c>select id from t</c> thus compares equal to the live view printed as <c>select `t`.`id` AS `id` from `t`</c>.
/// DDL commits on its own here, so a scratch database rather than a rolled-back transaction; an object that cannot be
/// created there stays as written, and so does the whole model where the user may not create a database.
/// </summary>
public partial class MySqlReflector
{
    public override async Task<DatabaseSchema> ServerFormAsync(DatabaseSchema model, DbConnection connection, CancellationToken ct = default)
    {
        var partitioned = model.Tables.Where(t => t.Partitions.Count > 0).ToList();
        if (dialect is null || (model.Views.Count == 0 && model.Routines.Count == 0 && model.Triggers.Count == 0 && partitioned.Count == 0)) return model;
        var live = S((await QueryAsync(connection, "SELECT DATABASE()", ct))[0][0]);
        if (live.Length == 0) return model;
        var scratch = "retort_form_" + Guid.NewGuid().ToString("N")[..16];
        if (!await TryAsync(connection, [$"CREATE DATABASE {Quote(scratch)}"], ct)) return model;
        try
        {
            await ExecuteAsync(connection, $"USE {Quote(scratch)}", ct);
            var made = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var t in model.Tables.Where(t => t.Schema is null))
                if (await TryAsync(connection, Sql(new CreateTableOperation(t.Name, t.Columns)
                    {
                        PrimaryKey = t.PrimaryKey, UniqueConstraints = t.UniqueConstraints, CheckConstraints = t.CheckConstraints,
                        Indexes = t.Indexes.Select(i => i.ToTableIndex()).ToList(), ProviderOptions = t.ProviderOptions,
                        PartitionBy = t.PartitionBy, Partitions = t.Partitions,
                    }), ct))
                    made.Add(t.Name);
            var others = (await QueryAsync(connection,
                    "SELECT table_name FROM information_schema.tables WHERE table_schema = @live AND table_type = 'BASE TABLE'", ct, ("@live", live)))
                .Select(r => S(r[0])).Where(n => !made.Contains(n)).ToList();
            foreach (var name in others)
                await TryAsync(connection, [$"CREATE TABLE {Quote(name)} LIKE {Quote(live)}.{Quote(name)}"], ct);
            foreach (var r in ObjectOrder.ByDependency(model.Routines.Where(r => r.Schema is null).ToList()))
                await TryAsync(connection, Sql(new CreateRoutineOperation(r)), ct);
            foreach (var v in ObjectOrder.ByDependency(model.Views.Where(v => v.Schema is null).ToList()))
                await TryAsync(connection, Sql(new CreateViewOperation(v)), ct);
            foreach (var t in model.Triggers.Where(t => t.Schema is null))
                await TryAsync(connection, Sql(new CreateTriggerOperation(t)), ct);

            var views = (await ReadViewsAsync(connection, ct)).ToDictionary(v => v.Name, StringComparer.OrdinalIgnoreCase);
            var routines = (await ReadRoutinesAsync(connection, ct) ?? []).Concat(await ReadEventsAsync(connection, ct))
                .GroupBy(r => (r.Name.ToLowerInvariant(), r.Kind)).ToDictionary(g => g.Key, g => g.First());
            var triggers = (await ReadTriggersAsync(connection, _ => true, ct)).ToDictionary(t => (t.Table.ToLowerInvariant(), t.Name.ToLowerInvariant()));
            var partitions = await ReadPartitionsAsync(connection, n => partitioned.Any(t => string.Equals(t.Name, n, StringComparison.OrdinalIgnoreCase)), ct);
            return model with
            {
                Tables = model.Tables.Select(t => t.Partitions.Count > 0 && partitions.TryGetValue(t.Name, out var p) && p is { } printed
                    ? t with { PartitionBy = printed.By, Partitions = printed.Partitions } : t).ToList(),
                Views = model.Views.Select(v => v.Schema is null && views.TryGetValue(v.Name, out var p) ? v with { Query = p.Query } : v).ToList(),
                Routines = model.Routines.Select(r => r.Schema is null && routines.TryGetValue((r.Name.ToLowerInvariant(), r.Kind), out var p)
                    ? r with { Definition = p.Definition } : r).ToList(),
                Triggers = model.Triggers.Select(t => t.Schema is null && triggers.TryGetValue((t.Table.ToLowerInvariant(), t.Name.ToLowerInvariant()), out var p)
                    ? t with { Definition = p.Definition } : t).ToList(),
            };
        }
        finally
        {
            await ExecuteAsync(connection, $"USE {Quote(live)}", ct);
            await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS {Quote(scratch)}", ct);
        }
    }

    private List<string> Sql(MigrationOperation operation) => dialect!.Generate(operation).Select(s => s.Sql).ToList();

    /// <summary>Runs the statements; false when the server refuses one (the object then stays as the model wrote it).</summary>
    private static async Task<bool> TryAsync(DbConnection connection, IEnumerable<string> statements, CancellationToken ct)
    {
        try
        {
            foreach (var sql in statements) await ExecuteAsync(connection, sql, ct);
            return true;
        }
        catch (DbException)
        {
            return false;
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
