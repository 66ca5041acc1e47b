using System.Collections.Concurrent;
using Retort.Ops;

namespace Retort.Dialects;

/// <summary>
/// SQL for operations Retort does not define: a revision can record its own operation (a record deriving from
/// <see cref="MigrationOperation"/>, added with <c>op.Add(…)</c>) once a generator is registered for it here, for
/// one provider or for all. Used online and offline alike.
/// <code>
/// SqlGenerators.Register&lt;RefreshView&gt;((o, d) => [$"REFRESH MATERIALIZED VIEW {d.QuoteIdentifier(o.Name)}"], "postgresql");
/// </code>
/// </summary>
public static class SqlGenerators
{
    /// <summary>The provider key that applies to every provider without a generator of its own.</summary>
    public const string AnyProvider = "*";

    private static readonly ConcurrentDictionary<(string Provider, Type Operation), Func<MigrationOperation, SqlDialect, IReadOnlyList<SqlStatement>>> Generators = new();

    /// <summary>
    /// Registers the SQL for <typeparamref name="TOperation"/> on <paramref name="provider"/> (a provider name, or
    /// null for every provider). A later registration for the same pair replaces the earlier one.
    /// </summary>
    public static void Register<TOperation>(Func<TOperation, SqlDialect, IEnumerable<SqlStatement>> generate, string? provider = null)
        where TOperation : MigrationOperation
    {
        ArgumentNullException.ThrowIfNull(generate);
        var key = provider is null ? AnyProvider : (DatabaseProviders.Find(provider)?.Name ?? provider.ToLowerInvariant());
        Generators[(key, typeof(TOperation))] = (op, dialect) => generate((TOperation)op, dialect).ToList();
    }

    /// <summary>The registered generator for the operation's type (or a base type) on this provider, then for any provider.</summary>
    public static Func<MigrationOperation, SqlDialect, IReadOnlyList<SqlStatement>>? Find(string provider, Type operation)
    {
        for (var t = operation; t is not null && t != typeof(MigrationOperation); t = t.BaseType)
        {
            if (Generators.TryGetValue((provider, t), out var own)) return own;
            if (Generators.TryGetValue((AnyProvider, t), out var any)) return any;
        }
        return null;
    }
}
