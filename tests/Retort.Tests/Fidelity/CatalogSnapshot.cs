using System.Data.Common;

namespace Retort.Tests.Fidelity;

/// <summary>
/// One thing the database's own catalog says: <c>table film: column rating</c> (subject), <c>column</c> (kind),
/// <c>default</c> (attribute), <c>'G'::mpaa_rating</c> (value). Every subject also has an <c>exists</c> fact, so a
/// whole missing object is one difference rather than one per attribute.
/// </summary>
public sealed record CatalogFact(string Subject, string Kind, string Attribute, string Value)
{
    public const string Exists = "exists";

    public string Key => Subject + ": " + Attribute;
}

/// <summary>
/// The schema of one database as its catalog describes it, read with plain catalog queries (pg_catalog and
/// information_schema, information_schema and SHOW CREATE TABLE, sqlite_master and the pragmas) and never through
/// Retort's own reflection: it is the independent reference the schema-fidelity round trip is judged against.
/// </summary>
public sealed class CatalogSnapshot
{
    private readonly SortedDictionary<string, CatalogFact> _facts = new(StringComparer.Ordinal);

    /// <summary>The version table and its history are Retort's own bookkeeping, not part of the user's schema.</summary>
    public static readonly string[] DefaultIgnoredTables = ["retort_version", "retort_version_history"];

    public IReadOnlyCollection<CatalogFact> Facts => _facts.Values;

    public IEnumerable<string> Subjects(string kind) =>
        _facts.Values.Where(f => f.Kind == kind && f.Attribute == CatalogFact.Exists).Select(f => f.Subject);

    public string? this[string subject, string attribute] =>
        _facts.TryGetValue(subject + ": " + attribute, out var f) ? f.Value : null;

    /// <summary>Records that <paramref name="subject"/> exists; attributes follow with <see cref="Add"/>.</summary>
    public void Object(string subject, string kind) => Add(subject, kind, CatalogFact.Exists, "yes");

    public void Add(string subject, string kind, string attribute, string? value)
    {
        if (value is null) return; // absent and NULL are the same thing to a comparison
        var fact = new CatalogFact(subject, kind, attribute, value);
        if (!_facts.TryAdd(fact.Key, fact))
            throw new InvalidOperationException($"catalog fact read twice: {fact.Key} ({_facts[fact.Key].Value} / {value})");
    }

    /// <summary>Reads the catalog of the database behind <paramref name="connection"/> (open or not).</summary>
    public static async Task<CatalogSnapshot> ReadAsync(string dialect, DbConnection connection, IReadOnlyCollection<string>? ignoredTables = null)
    {
        if (connection.State != System.Data.ConnectionState.Open) await connection.OpenAsync();
        var ignored = new HashSet<string>(ignoredTables ?? DefaultIgnoredTables, StringComparer.Ordinal);
        var snapshot = new CatalogSnapshot();
        switch (dialect)
        {
            case "postgresql": await PostgresCatalog.ReadAsync(connection, snapshot, ignored); break;
            case "mysql": await MariaDbCatalog.ReadAsync(connection, snapshot, ignored); break;
            case "sqlite": await SqliteCatalog.ReadAsync(connection, snapshot, ignored); break;
            default: throw new ArgumentException($"no catalog reader for {dialect}", nameof(dialect));
        }
        return snapshot;
    }

    /// <summary>Every line of the snapshot, sorted: <c>table film: column rating: default = 'G'::mpaa_rating</c>.</summary>
    public override string ToString() => string.Join("\n", _facts.Values.Select(f => $"{f.Key} = {f.Value}"));

    /// <summary>
    /// The differences from <paramref name="a"/> to <paramref name="b"/>, one per line, e.g.
    /// <c>table film: column rating: default 'G'::mpaa_rating vs (absent)</c>. A subject missing on one side is one
    /// line (<c>table film: index idx_title: present vs absent</c>, category <c>index.missing</c>); its attributes are not repeated.
    /// </summary>
    public static List<CatalogDifference> Compare(CatalogSnapshot a, CatalogSnapshot b)
    {
        var differences = new List<CatalogDifference>();
        // First the subjects one side lacks, so that their attributes (sorted before "exists") are skipped below.
        var missing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in a._facts.Values.Concat(b._facts.Values).Where(f => f.Attribute == CatalogFact.Exists))
            if (!a._facts.ContainsKey(f.Key) || !b._facts.ContainsKey(f.Key))
                missing.Add(f.Subject);
        foreach (var key in a._facts.Keys.Union(b._facts.Keys).Order(StringComparer.Ordinal))
        {
            a._facts.TryGetValue(key, out var fa);
            b._facts.TryGetValue(key, out var fb);
            var fact = (fa ?? fb)!;
            if (fact.Attribute == CatalogFact.Exists)
            {
                if (missing.Contains(fact.Subject) && !IsUnderMissing(ParentOf(fact.Subject), missing))
                    differences.Add(new CatalogDifference(fact.Subject, fact.Kind, "missing", fa is null ? "absent" : "present", fb is null ? "absent" : "present"));
                continue;
            }
            if (IsUnderMissing(fact.Subject, missing)) continue;
            if (fa?.Value != fb?.Value)
                differences.Add(new CatalogDifference(fact.Subject, fact.Kind, fact.Attribute, fa?.Value ?? "(absent)", fb?.Value ?? "(absent)"));
        }
        return differences;
    }

    private static string ParentOf(string subject)
    {
        var i = subject.LastIndexOf(": ", StringComparison.Ordinal);
        return i < 0 ? "" : subject[..i];
    }

    // "table film: column x" lies under the missing "table film".
    private static bool IsUnderMissing(string subject, HashSet<string> missing)
    {
        if (missing.Contains(subject)) return true;
        for (var i = subject.IndexOf(": ", StringComparison.Ordinal); i >= 0; i = subject.IndexOf(": ", i + 2, StringComparison.Ordinal))
            if (missing.Contains(subject[..i])) return true;
        return false;
    }
}

/// <summary>One difference between two snapshots; <see cref="Category"/> groups them for the work list.</summary>
public sealed record CatalogDifference(string Subject, string Kind, string Attribute, string A, string B)
{
    /// <summary>e.g. <c>column.default</c>, <c>foreign key.on update</c>, <c>index.missing</c>.</summary>
    public string Category => Kind + "." + Attribute;

    public override string ToString() => Attribute == "missing" ? $"{Subject}: {A} vs {B}" : $"{Subject}: {Attribute} {A} vs {B}";
}
