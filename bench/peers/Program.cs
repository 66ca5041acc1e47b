// The peers benchmark driver: `Peers <tool> <mode> <work dir>`; prints one line `inproc_ms=<ms>` with the time of
// the migration call alone (the process around it is timed by bench/peers/run.sh: the "CLI" form).
//   tool: ef | fm | dbup | retort
//   mode: default (each tool's default) | run-tx (one transaction for the run) | per-tx (one per migration)
//         | noop (migrate again at head) | list (read applied migrations)
// PEERS_N: the number of migrations; PEERS_ON_CONNECT (retort only): statements for RetortConfig.OnConnect, ';'-separated.
using System.Diagnostics;
using DbUp;
using FluentMigrator.Runner;
using FluentMigrator.Runner.Initialization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

if (args.Length < 3) { Console.Error.WriteLine("usage: Peers <ef|fm|dbup|retort> <default|run-tx|per-tx|noop|list> <work dir>"); return 2; }
var (tool, mode, work) = (args[0], args[1], Path.GetFullPath(args[2]));
var db = Path.Combine(work, tool + ".db");
var cs = $"Data Source={db};Pooling=False";
var n = int.Parse(Environment.GetEnvironmentVariable("PEERS_N") ?? "1000");
var watch = Stopwatch.StartNew();
int count;
switch (tool)
{
    case "ef":
    {
        using var context = new Peers.Ef.BenchContext(cs);
        if (mode == "list") count = context.Database.GetAppliedMigrations().Count();
        else if (mode == "run-tx")
        {
            // EF Core 10's Migrate() commits each migration on its own; one transaction for the run is the caller's.
            using var transaction = context.Database.BeginTransaction();
            context.Database.Migrate();
            transaction.Commit();
            count = n;
        }
        else
        {
            context.Database.Migrate(); // default, per-tx and noop: a transaction per migration
            count = n;
        }
        break;
    }
    case "fm":
    {
        using var sp = new ServiceCollection()
            .AddFluentMigratorCore()
            .ConfigureRunner(rb => rb.AddSQLite().WithGlobalConnectionString(cs).ScanIn(typeof(Peers.Fm.F1).Assembly).For.Migrations())
            .Configure<RunnerOptions>(o => o.TransactionPerSession = mode == "run-tx")
            .BuildServiceProvider(false);
        var runner = sp.GetRequiredService<IMigrationRunner>();
        if (mode == "list") { runner.ListMigrations(); count = 0; }
        else { runner.MigrateUp(); count = n; }
        break;
    }
    case "dbup":
    {
        var scripts = Enumerable.Range(1, n).Select(i =>
            new DbUp.Engine.SqlScript($"{i:D6}_t{i}.sql", $"CREATE TABLE t{i} (id INTEGER PRIMARY KEY, v TEXT);"));
        var builder = DeployChanges.To.SqliteDatabase(cs).WithScripts(scripts).LogToNowhere();
        builder = mode switch
        {
            "run-tx" => builder.WithTransaction(),
            "per-tx" => builder.WithTransactionPerScript(),
            _ => builder, // DbUp's default: no transaction
        };
        var engine = builder.Build();
        if (mode == "list") count = engine.GetExecutedScripts().Count;
        else
        {
            var result = engine.PerformUpgrade();
            if (!result.Successful) throw result.Error;
            count = n;
        }
        break;
    }
    case "retort":
    {
        var project = Path.Combine(work, "retort");
        Directory.SetCurrentDirectory(project);
        var config = Retort.Configuration.ConfigLoader.Load(Path.Combine(project, "retort.toml"));
        if (mode == "per-tx") config.TransactionPerMigration = true;
        if (Environment.GetEnvironmentVariable("PEERS_ON_CONNECT") is { Length: > 0 } onConnect) config.OnConnect = onConnect.Split(';');
        var commands = new Retort.Commands.RetortCommands(config, TextWriter.Null);
        if (mode == "list") count = (await commands.CurrentAsync()).Count;
        else { await commands.UpgradeAsync("head"); count = n; }
        break;
    }
    default:
        Console.Error.WriteLine("unknown tool " + tool);
        return 2;
}
watch.Stop();
Console.WriteLine($"inproc_ms={watch.Elapsed.TotalMilliseconds:F1} count={count}");
SqliteConnection.ClearAllPools();
return 0;

namespace Peers.Ef
{
    public sealed class BenchContext(string cs) : DbContext
    {
        protected override void OnConfiguring(DbContextOptionsBuilder options) =>
            // No model snapshot for 1000 tables: the pending-model check would refuse to migrate.
            // The run-tx form opens the transaction itself, which EF warns about (no migration lock inside it).
            options.UseSqlite(cs).ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning, RelationalEventId.MigrationsUserTransactionWarning));
    }
}
