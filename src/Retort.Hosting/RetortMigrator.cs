using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Retort.Commands;
using Retort.Configuration;
using Retort.Runtime;

namespace Retort.Hosting;

/// <summary>Upgrades the application's database; the migration lock keeps several instances from colliding.</summary>
public sealed class RetortMigrator(IOptions<RetortMigrationOptions> options, ILogger<RetortMigrator> logger, IHostEnvironment environment, RevisionAssembly revisions)
{
    public async Task MigrateAsync(CancellationToken ct = default)
    {
        var o = options.Value;
        var config = o.ConfigFile is not null
            ? ConfigLoader.Load(Path.Combine(environment.ContentRootPath, o.ConfigFile))
            : new RetortConfig { RevisionAssembly = revisions.Assembly, BaseDirectory = environment.ContentRootPath };
        if (o.Url is not null) config.Url = o.Url;
        if (o.Dialect is not null) config.Dialect = o.Dialect;
        // Only what the options set overrides the file: an unset option must not reset retort.toml to a default.
        if (o.VersionTable is not null) config.VersionTable = o.VersionTable;
        if (o.TransactionPerMigration is { } perMigration) config.TransactionPerMigration = perMigration;
        if (o.LockTimeoutSeconds is { } seconds) config.LockTimeout = TimeSpan.FromSeconds(seconds);
        try
        {
            logger.LogInformation("Migrating {Database} to {Target}", DatabaseUrl.Mask(config.Url ?? "(no url)"), o.Target);
            await new RetortCommands(config, TextWriter.Null, new LoggerMigrationLog(logger)).UpgradeAsync(o.Target, ct: ct);
        }
        catch (RetortException e)
        {
            logger.LogCritical("Database migration failed: {Message}", DatabaseUrl.Mask(e.Message));
            throw;
        }
    }
}

/// <summary>The assembly whose Migration classes are the application's revisions.</summary>
public sealed record RevisionAssembly(Assembly Assembly);

/// <summary>Retort's progress lines as log entries.</summary>
internal sealed class LoggerMigrationLog(ILogger logger) : IMigrationLog
{
    public void Info(string message) => logger.LogInformation("{Message}", message);

    public void Warning(string message) => logger.LogWarning("{Message}", message);
}

/// <summary>Runs the upgrade before the application starts serving; a failure stops the host.</summary>
internal sealed class MigrationHostedService(RetortMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
