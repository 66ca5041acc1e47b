using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Retort.Ops;

namespace Retort;

/// <summary>
/// How constraints and indexes are named when a revision or the model does not name them (SQLAlchemy's
/// <c>MetaData(naming_convention=…)</c>): one template per kind, <see cref="Pk"/>, <see cref="Fk"/>, <see cref="Uq"/>,
/// <see cref="Ck"/>, <see cref="Ix"/>, with SQLAlchemy's tokens written <c>{table_name}</c> (or <c>%(table_name)s</c>).
/// A kind without a template keeps Retort's own name for it (<c>pk_&lt;table&gt;</c>, <c>fk_&lt;table&gt;_&lt;cols&gt;_&lt;ref&gt;</c> …).
/// </summary>
public sealed partial record NamingConvention
{
    /// <summary>Retort's own names for every kind.</summary>
    public static NamingConvention Default { get; } = new();

    public string? Pk { get => _pk; init => _pk = Checked("pk", value); }
    public string? Fk { get => _fk; init => _fk = Checked("fk", value); }
    public string? Uq { get => _uq; init => _uq = Checked("uq", value); }
    public string? Ck { get => _ck; init => _ck = Checked("ck", value); }
    public string? Ix { get => _ix; init => _ix = Checked("ix", value); }

    private readonly string? _pk, _fk, _uq, _ck, _ix;

    /// <summary>
    /// The longest name the database takes (PostgreSQL 63, MariaDB/MySQL 64): a longer name made from a template is cut
    /// as SQLAlchemy cuts it, to <c>MaxNameLength - 8</c> characters, <c>_</c> and the last 4 hex digits of its MD5.
    /// </summary>
    public int MaxNameLength { get; init; } = 9999;

    public bool IsDefault => Pk is null && Fk is null && Uq is null && Ck is null && Ix is null;

    /// <summary>The same templates for a database whose names are at most <paramref name="maxNameLength"/> long.</summary>
    public NamingConvention Limited(int maxNameLength) => MaxNameLength == maxNameLength ? this : this with { MaxNameLength = maxNameLength };

    /// <summary>Sets a template by its key (pk, fk, uq, ck, ix), as retort.toml's [naming_convention] table writes it.</summary>
    public NamingConvention With(string key, string template) => key switch
    {
        "pk" => this with { Pk = template },
        "fk" => this with { Fk = template },
        "uq" => this with { Uq = template },
        "ck" => this with { Ck = template },
        "ix" => this with { Ix = template },
        _ => throw new RetortException($"Unknown naming_convention key '{key}': the keys are pk, fk, uq, ck and ix."),
    };

    public string PrimaryKeyName(string table, IReadOnlyList<string> columns, string? declared = null, string? schema = null) =>
        Pk is null ? declared ?? Naming.PrimaryKey(table) : Format("pk", Pk, new(table, schema, columns, declared));

    public string ForeignKeyName(string table, IReadOnlyList<string> columns, string referredTable, IReadOnlyList<string> referredColumns,
        string? declared = null, string? schema = null) =>
        Fk is null ? declared ?? Naming.ForeignKey(table, columns, referredTable)
            : Format("fk", Fk, new(table, schema, columns, declared) { ReferredTable = referredTable, ReferredColumns = referredColumns });

    public string UniqueName(string table, IReadOnlyList<string> columns, string? declared = null, string? schema = null) =>
        Uq is null ? declared ?? Naming.Unique(table, columns) : Format("uq", Uq, new(table, schema, columns, declared));

    public string IndexName(string table, IReadOnlyList<string> columns, string? declared = null, string? schema = null) =>
        Ix is null ? declared ?? Naming.Index(table, columns) : Format("ix", Ix, new(table, schema, columns, declared));

    /// <summary>A check's name; Retort's own names number a table's checks (<paramref name="position"/>, from 1).
    /// Column tokens read the check's column when it is written in a column's definition, else nothing (as
    /// SQLAlchemy, for a check given as text).</summary>
    public string CheckName(string table, int position, string? column = null, string? declared = null, string? schema = null) =>
        Ck is null ? declared ?? Naming.Check(table, position) : Format("ck", Ck, new(table, schema, column is null ? [] : [column], declared));

    /// <summary>Whether a declared name is rewritten through the kind's template (it uses <c>{constraint_name}</c>).</summary>
    public bool Converts(string key) => Template(key) is { } t && t.Contains("constraint_name", StringComparison.Ordinal);

    public string? Template(string key) => key switch { "pk" => Pk, "fk" => Fk, "uq" => Uq, "ck" => Ck, "ix" => Ix, _ => null };

    private sealed record Parts(string Table, string? Schema, IReadOnlyList<string> Columns, string? Declared)
    {
        public string? ReferredTable { get; init; }
        public IReadOnlyList<string> ReferredColumns { get; init; } = [];
    }

    private string Format(string key, string template, Parts parts)
    {
        // A declared name stays as it is unless the template is written around it, as SQLAlchemy does.
        if (parts.Declared is not null && !template.Contains("constraint_name", StringComparison.Ordinal)) return parts.Declared;
        var name = TokenPattern().Replace(template, m => Token(key, m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value, parts));
        return name.Length <= MaxNameLength ? name : name[..(MaxNameLength - 8)] + "_" + Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(name)))[^4..];
    }

    private static string Token(string key, string token, Parts p)
    {
        switch (token)
        {
            case "table_name": return p.Table;
            case "constraint_name":
                return p.Declared ?? throw new RetortException(
                    $"naming_convention {key} = \"{{constraint_name}}…\" needs a name, but a {KindName(key)} on table {p.Table} has none: name it.");
            case "referred_table_name" when key == "fk": return p.ReferredTable ?? "";
        }
        var m = ColumnToken().Match(token);
        if (!m.Success || (m.Groups[1].Success && key != "fk")) throw UnknownToken(key, token);
        var columns = m.Groups[1].Success ? p.ReferredColumns : p.Columns;
        var attribute = m.Groups[4].Value;
        if (m.Groups[1].Success && attribute != "name") throw UnknownToken(key, token);
        string One(string c) => attribute == "label" ? (p.Schema is null ? "" : p.Schema + "_") + p.Table + "_" + c : c;
        if (m.Groups[3].Success) return string.Join(m.Groups[3].Value.StartsWith('_') ? "_" : "", columns.Select(One));
        var index = int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture);
        return index < columns.Count ? One(columns[index]) : "";
    }

    private static string KindName(string key) => key switch
    {
        "pk" => "primary key", "fk" => "foreign key", "uq" => "unique constraint", "ck" => "check constraint", _ => "index",
    };

    private static RetortException UnknownToken(string key, string token) => new(
        $"Unknown token {{{token}}} in naming_convention {key}; known: {{table_name}}, {{constraint_name}}, {{column_0_name}}, {{column_0_N_name}}, {{column_0N_name}}, {{column_0_label}}, {{column_0_key}}"
        + (key == "fk" ? ", {referred_table_name}, {referred_column_0_name}, {referred_column_0_N_name}." : "."));

    private static string? Checked(string key, string? template)
    {
        if (template is null) return null;
        if (template.Length == 0) throw new RetortException($"naming_convention {key} is empty.");
        var parts = new Parts("t", null, ["c"], "n") { ReferredTable = "r", ReferredColumns = ["c"] };
        foreach (Match m in TokenPattern().Matches(template)) Token(key, m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value, parts);
        return template;
    }

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)\}|%\(([A-Za-z0-9_]+)\)s")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^(referred_)?column_(?:(\d+)|0(_?N))_(name|key|label)$")]
    private static partial Regex ColumnToken();
}
