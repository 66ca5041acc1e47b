using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Retort.Hosting;

public static class RetortHostingExtensions
{
    /// <summary>
    /// Migrates the database at start-up with the revisions compiled into <paramref name="revisions"/>, options bound
    /// from <paramref name="section"/>: <c>services.AddRetortMigrations(config.GetSection("Retort"), typeof(Program).Assembly)</c>.
    /// </summary>
    public static IServiceCollection AddRetortMigrations(this IServiceCollection services, IConfiguration section, Assembly revisions)
    {
        services.Configure<RetortMigrationOptions>(section);
        return services.AddCore(revisions, runAtStartup: true);
    }

    public static IServiceCollection AddRetortMigrations(this IServiceCollection services, Assembly revisions, Action<RetortMigrationOptions> configure)
    {
        services.Configure(configure);
        return services.AddCore(revisions, runAtStartup: true);
    }

    /// <summary>Registers the migrator only; call <see cref="MigrateDatabaseAsync"/> yourself before running the host.</summary>
    public static IServiceCollection AddRetortMigrator(this IServiceCollection services, IConfiguration section, Assembly revisions)
    {
        services.Configure<RetortMigrationOptions>(section);
        return services.AddCore(revisions, runAtStartup: false);
    }

    /// <summary><c>await app.MigrateDatabaseAsync();</c> before <c>app.Run()</c>.</summary>
    public static Task MigrateDatabaseAsync(this IHost host, CancellationToken ct = default) =>
        host.Services.GetRequiredService<RetortMigrator>().MigrateAsync(ct);

    private static IServiceCollection AddCore(this IServiceCollection services, Assembly revisions, bool runAtStartup)
    {
        services.AddSingleton(new RevisionAssembly(revisions));
        services.AddSingleton<RetortMigrator>();
        // Registered first, so it runs before the web server starts listening.
        if (runAtStartup) services.Insert(0, ServiceDescriptor.Singleton<IHostedService, MigrationHostedService>());
        return services;
    }
}
