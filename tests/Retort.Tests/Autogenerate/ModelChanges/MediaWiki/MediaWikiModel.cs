using System.Text.Json;
using Retort.Schema;

namespace Retort.Tests.Autogenerate.ModelChanges.MediaWiki;

/// <summary>
/// Builds the Retort model of a MediaWiki abstract table for one database, column by column as MediaWiki's Doctrine
/// platforms declare it (Doctrine DBAL's MySQL, PostgreSQL and SQLite platforms with MediaWiki's overrides in
/// includes/libs/rdbms/dbal: mwtimestamp, mwtinyint, mwenum, binary/blob as TEXT on PostgreSQL). A portable
/// <see cref="SqlType"/> is used where Retort spells it exactly as MediaWiki does, the declared text otherwise, so
/// that the table Retort creates is the table MediaWiki's installer creates.
/// </summary>
public static class MediaWikiModel
{
    public static void AddTo(MetaData model, MediaWikiTable table, string provider)
    {
        var elements = new List<ITableElement>();
        var soleAutoincrementKey = table.PrimaryKey.Count == 1 && table.Columns.Single(c => c.Name == table.PrimaryKey[0]).Flag("autoincrement");
        // Doctrine makes every key column NOT NULL, whatever its notnull option says.
        elements.AddRange(table.Columns.Select(c => Column(c, provider, soleAutoincrementKey && c.Name == table.PrimaryKey[0]) is var column && table.PrimaryKey.Contains(c.Name)
            ? column with { Nullable = false }
            : column));
        // SQLite's AUTOINCREMENT is written inline in the key column (Doctrine does the same), so no table key then.
        if (table.PrimaryKey.Count > 0 && !(provider == "sqlite" && soleAutoincrementKey))
            elements.Add(new PrimaryKey([.. table.PrimaryKey]) { Name = PrimaryKeyName(table.Name, provider) });
        elements.AddRange(table.Indexes.Select(i => Index(i, provider)));
        model.Table(table.Name, [.. elements]);
    }

    // PostgreSQL names an unnamed key <table>_pkey, and MediaWiki's PostgreSQL patches drop it by that name; SQLite's
    // Doctrine keys are unnamed; MariaDB's key is always PRIMARY whatever it is called.
    private static string? PrimaryKeyName(string table, string provider) => provider switch
    {
        "postgresql" => table + "_pkey",
        "sqlite" => "",
        _ => null,
    };

    private static TableIndex Index(MediaWikiIndex index, string provider) =>
        provider == "mysql" && index.Lengths.Any(l => l is not null)
            ? new TableIndex(index.Name, [.. index.Columns])
            {
                Unique = index.Unique,
                Elements = index.Columns.Select((c, i) => new IndexElement(c) { PrefixLength = i < index.Lengths.Count ? index.Lengths[i] : null }).ToList(),
            }
            : new TableIndex(index.Name, [.. index.Columns]) { Unique = index.Unique };

    private static Column Column(MediaWikiColumn c, string provider, bool autoincrementKey)
    {
        var autoincrement = c.Flag("autoincrement");
        var column = new Column(c.Name, Type(c, provider, autoincrementKey)) { Nullable = !c.Flag("notnull"), ServerDefault = Default(c, provider) };
        if (!autoincrement) return column;
        return provider switch
        {
            // Doctrine declares a PostgreSQL autoincrement column SERIAL/BIGSERIAL.
            "postgresql" => column with { Autoincrement = true, Identity = new IdentityOptions { Kind = IdentityKind.Serial } },
            "sqlite" => column with { PrimaryKey = true, Autoincrement = true },
            _ => column with { Autoincrement = true },
        };
    }

    /// <summary>The column type as MediaWiki declares it on the provider.</summary>
    public static SqlType Type(MediaWikiColumn c, string provider, bool autoincrementKey = false) => provider switch
    {
        "mysql" => MySqlType(c),
        "postgresql" => PostgresType(c),
        _ => SqliteType(c, autoincrementKey),
    };

    private static SqlType MySqlType(MediaWikiColumn c)
    {
        var unsigned = c.Flag("unsigned");
        var length = c.Length;
        return c.Type switch
        {
            "integer" => SqlType.Integer() with { Unsigned = unsigned },
            "bigint" => SqlType.BigInt() with { Unsigned = unsigned },
            "smallint" => SqlType.SmallInt() with { Unsigned = unsigned },
            "mwtinyint" => SqlType.Custom((length is { } n ? $"TINYINT({n})" : "TINYINT") + (unsigned ? " UNSIGNED" : "")),
            "boolean" => SqlType.Custom("TINYINT(1)"),
            "string" => c.Flag("fixed") ? SqlType.Custom($"CHAR({length ?? 255})") : SqlType.String(length ?? 255),
            "binary" => c.Flag("fixed") ? SqlType.Custom($"BINARY({length ?? 255})") : SqlType.Binary(length ?? 255),
            "mwtimestamp" => c.AllowInfinite ? SqlType.Binary(14) : SqlType.Custom("BINARY(14)"),
            "blob" => BySize(length, "TINYBLOB", "BLOB", "MEDIUMBLOB", "LONGBLOB") is var b && b == "BLOB" ? SqlType.Binary() : SqlType.Custom(b),
            "text" => BySize(length, "TINYTEXT", "TEXT", "MEDIUMTEXT", "LONGTEXT") is var t && t == "TEXT" ? SqlType.Text() : SqlType.Custom(t),
            "float" => SqlType.Custom(c.Flag("doublePrecision") ? "DOUBLE PRECISION" : "FLOAT"),
            "mwenum" => SqlType.Enum(c.Name, [.. c.EnumValues]),
            // Doctrine declares a "version" datetime TIMESTAMP on MySQL, any other DATETIME.
            "datetimetz" or "datetime" => c.Flag("version") ? SqlType.Custom("TIMESTAMP") : SqlType.DateTime(),
            _ => throw new NotSupportedException($"MediaWiki type {c.Type} ({c.Name})"),
        };
    }

    // Doctrine's MySQL platform picks the blob/text flavour by the declared length; no length is the largest.
    private static string BySize(int? length, string tiny, string normal, string medium, string large) => length switch
    {
        <= 255 => tiny,
        <= 65535 => normal,
        <= 16777215 => medium,
        _ => large,
    };

    private static SqlType PostgresType(MediaWikiColumn c) => c.Type switch
    {
        "integer" => SqlType.Integer(),
        "bigint" => SqlType.BigInt(),
        "smallint" or "mwtinyint" => SqlType.SmallInt(),
        "boolean" => SqlType.Boolean(),
        "string" => c.Flag("fixed") ? SqlType.Custom($"CHAR({c.Length ?? 255})") : SqlType.String(c.Length ?? 255),
        // MediaWiki declares binary and blob columns TEXT on PostgreSQL (MWPostgreSqlPlatform, T257755).
        "binary" or "blob" or "text" => SqlType.Text(),
        "mwtimestamp" or "datetimetz" => SqlType.DateTimeOffset(),
        "datetime" => SqlType.DateTime(),
        "float" => SqlType.Double(),
        "mwenum" when !c.Flag("fixed") => SqlType.Text(),
        _ => throw new NotSupportedException($"MediaWiki type {c.Type} ({c.Name})"),
    };

    private static SqlType SqliteType(MediaWikiColumn c, bool autoincrementKey)
    {
        var unsigned = c.Flag("unsigned") && !autoincrementKey ? " UNSIGNED" : "";
        return c.Type switch
        {
            // Doctrine's SQLite platform writes an autoincrement key INTEGER PRIMARY KEY AUTOINCREMENT, whatever its size.
            "integer" or "bigint" or "smallint" when autoincrementKey => SqlType.Integer(),
            "integer" => Declared("INTEGER" + unsigned, SqlType.Integer()),
            "bigint" => Declared("BIGINT" + unsigned, SqlType.BigInt()),
            "smallint" or "mwtinyint" => Declared("SMALLINT" + unsigned, SqlType.SmallInt()),
            "boolean" => SqlType.Boolean(),
            "string" => c.Flag("fixed") ? SqlType.Custom($"CHAR({c.Length ?? 255})") : SqlType.String(c.Length ?? 255),
            "binary" or "blob" or "mwtimestamp" => SqlType.Binary(),
            "text" => SqlType.Custom("CLOB"),
            "datetimetz" or "datetime" => SqlType.DateTime(),
            "float" => SqlType.Custom("DOUBLE PRECISION"),
            "mwenum" => SqlType.Text(),
            _ => throw new NotSupportedException($"MediaWiki type {c.Type} ({c.Name})"),
        };
    }

    private static SqlType Declared(string text, SqlType portable) => text.Contains(' ') ? SqlType.Custom(text) : portable;

    private static string? Default(MediaWikiColumn c, string provider)
    {
        if (c.Default is not { } d) return null;
        // Doctrine's MySQL platform writes no default for BLOB and TEXT columns (MySQL before 8.0.13 refused one).
        if (provider == "mysql" && c.Type is "blob" or "text") return null;
        return d.ValueKind switch
        {
            JsonValueKind.Number => d.GetRawText(),
            JsonValueKind.String => "'" + d.GetString()!.Replace("'", "''") + "'",
            JsonValueKind.True => provider == "postgresql" ? "true" : "1",
            JsonValueKind.False => provider == "postgresql" ? "false" : "0",
            _ => throw new NotSupportedException($"default of {c.Name}: {d}"),
        };
    }
}
