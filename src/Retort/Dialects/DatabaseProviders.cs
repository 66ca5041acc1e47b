using System.Collections.Concurrent;
using System.Reflection;
using Retort.Dialects.MySql;
using Retort.Dialects.Postgres;
using Retort.Dialects.Sqlite;
using Retort.Dialects.SqlServer;

namespace Retort.Dialects;

/// <summary>
/// The registry of database providers, looked up by name or alias (URL scheme, <c>dialect</c> in retort.toml).
/// The built-in four are registered once; more are added with <see cref="Register"/>, from code (an application,
/// a test) or from an assembly named by <c>providers</c> in retort.toml (<see cref="RegisterFrom"/>).
/// </summary>
public static class DatabaseProviders
{
    private static readonly object Gate = new();
    private static readonly ConcurrentDictionary<string, DatabaseProvider> ByName = new(StringComparer.OrdinalIgnoreCase);
    private static readonly List<DatabaseProvider> Ordered = [];

    static DatabaseProviders()
    {
        Register(new SqliteProvider());
        Register(new PostgresProvider());
        Register(new MySqlProvider());
        Register(new SqlServerProvider());
    }

    /// <summary>The registered providers, built-ins first, in registration order.</summary>
    public static IReadOnlyList<DatabaseProvider> All
    {
        get { lock (Gate) return Ordered.ToList(); }
    }

    /// <summary>
    /// Adds a provider under its name and aliases. Registering a provider whose name is taken by another type
    /// fails; registering the same type again replaces the earlier instance (so a test can register twice).
    /// </summary>
    public static void Register(DatabaseProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        if (string.IsNullOrWhiteSpace(provider.Name)) throw new ArgumentException("A database provider needs a name.", nameof(provider));
        lock (Gate)
        {
            foreach (var key in provider.Aliases.Prepend(provider.Name))
                if (ByName.TryGetValue(key, out var existing) && existing.GetType() != provider.GetType())
                    throw new RetortException($"Cannot register database provider {provider.GetType().FullName}: the name '{key}' belongs to {existing.GetType().FullName}.");
            Ordered.RemoveAll(p => p.GetType() == provider.GetType());
            Ordered.Add(provider);
            foreach (var key in provider.Aliases.Prepend(provider.Name)) ByName[key] = provider;
        }
    }

    /// <summary>Registers every public, concrete <see cref="DatabaseProvider"/> with a parameterless constructor in <paramref name="assembly"/>.</summary>
    public static IReadOnlyList<DatabaseProvider> RegisterFrom(Assembly assembly)
    {
        var found = assembly.GetExportedTypes()
            .Where(t => typeof(DatabaseProvider).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DatabaseProvider)Activator.CreateInstance(t)!)
            .ToList();
        if (found.Count == 0)
            throw new RetortException($"{assembly.GetName().Name} has no public database provider (a class deriving from Retort.Dialects.DatabaseProvider with a parameterless constructor).");
        foreach (var p in found) Register(p);
        return found;
    }

    /// <summary>The provider for a name or alias (case-insensitive), or null.</summary>
    /// <summary>The provider whose driver made <paramref name="connection"/> (a caller's connection), or null.</summary>
    public static DatabaseProvider? ForConnection(System.Data.Common.DbConnection connection)
    {
        var type = connection.GetType();
        foreach (var provider in All)
        {
            // A new connection object costs no I/O: it is only asked its type.
            using var probe = provider.CreateConnection("");
            if (probe.GetType() == type) return provider;
        }
        return null;
    }

    public static DatabaseProvider? Find(string name) => ByName.TryGetValue(name.Trim(), out var p) ? p : null;

    /// <summary>The provider for a name or alias; a clear error naming the known ones when there is none.</summary>
    public static DatabaseProvider Get(string name) => Find(name) ?? throw new RetortException(
        $"Unknown dialect '{name}': expected one of {string.Join(", ", All.Select(p => p.Name))}"
        + $" (aliases: {string.Join(", ", All.SelectMany(p => p.Aliases))}).");
}
