namespace Retort;

public enum SqlTypeKind
{
    SmallInt, Integer, BigInt, String, Text, Boolean, Decimal, Float, Double,
    Date, Time, DateTime, DateTimeOffset, Uuid, Binary, Json, Enum,
    /// <summary>A type written as given, optionally different per dialect.</summary>
    Custom,
    /// <summary>A type defined in the database as a schema object (a PostgreSQL enum or domain), by name.</summary>
    UserDefined,
}

/// <summary>A portable column type; each dialect maps it to its own spelling.</summary>
public sealed record SqlType(SqlTypeKind Kind)
{
    public int? Length { get; init; }
    public int? Precision { get; init; }
    public int? Scale { get; init; }
    public IReadOnlyList<string>? EnumValues { get; init; }
    public string? EnumName { get; init; }
    /// <summary>For <see cref="SqlTypeKind.Custom"/>: the type text, keyed by dialect name ("*" for any).</summary>
    public IReadOnlyDictionary<string, string>? CustomByDialect { get; init; }
    /// <summary>An unsigned integer or decimal (MySQL/MariaDB).</summary>
    public bool Unsigned { get; init; }
    /// <summary>For <see cref="SqlTypeKind.UserDefined"/>: the type's name and schema.</summary>
    public string? TypeName { get; init; }
    public string? TypeSchema { get; init; }

    public static SqlType SmallInt() => new(SqlTypeKind.SmallInt);
    public static SqlType Integer() => new(SqlTypeKind.Integer);
    public static SqlType BigInt() => new(SqlTypeKind.BigInt);
    public static SqlType String(int? length = null) => new(SqlTypeKind.String) { Length = length };
    public static SqlType Text() => new(SqlTypeKind.Text);
    public static SqlType Boolean() => new(SqlTypeKind.Boolean);
    public static SqlType Decimal(int precision = 18, int scale = 2) => new(SqlTypeKind.Decimal) { Precision = precision, Scale = scale };
    public static SqlType Float() => new(SqlTypeKind.Float);
    public static SqlType Double() => new(SqlTypeKind.Double);
    public static SqlType Date() => new(SqlTypeKind.Date);
    public static SqlType Time() => new(SqlTypeKind.Time);
    public static SqlType DateTime() => new(SqlTypeKind.DateTime);
    public static SqlType DateTimeOffset() => new(SqlTypeKind.DateTimeOffset);
    public static SqlType Uuid() => new(SqlTypeKind.Uuid);
    public static SqlType Binary(int? length = null) => new(SqlTypeKind.Binary) { Length = length };
    public static SqlType Json() => new(SqlTypeKind.Json);
    public static SqlType Enum(string name, params string[] values) => new(SqlTypeKind.Enum) { EnumName = name, EnumValues = values };

    /// <summary>A type created in the database (<see cref="Retort.Ops.CreateTypeOperation"/>), e.g. an enum or domain: <c>SqlType.Named("mood")</c>.</summary>
    public static SqlType Named(string name, string? schema = null) => new(SqlTypeKind.UserDefined) { TypeName = name, TypeSchema = schema };

    /// <summary>A type spelled the same on every dialect, e.g. <c>SqlType.Custom("CITEXT")</c>.</summary>
    public static SqlType Custom(string typeText) =>
        new(SqlTypeKind.Custom) { CustomByDialect = new Dictionary<string, string> { ["*"] = typeText } };

    /// <summary>A type spelled per dialect, e.g. <c>SqlType.Custom(("postgresql", "JSONB"), ("*", "TEXT"))</c>.</summary>
    public static SqlType Custom(params (string Dialect, string TypeText)[] spellings) =>
        new(SqlTypeKind.Custom) { CustomByDialect = spellings.ToDictionary(s => s.Dialect, s => s.TypeText) };

    /// <summary>Value equality that compares enum values and custom spellings by content.</summary>
    public bool Equals(SqlType? other) =>
        other is not null && Kind == other.Kind && Length == other.Length && Precision == other.Precision && Scale == other.Scale
        && EnumName == other.EnumName && Unsigned == other.Unsigned && TypeName == other.TypeName && TypeSchema == other.TypeSchema
        && (EnumValues ?? []).SequenceEqual(other.EnumValues ?? [])
        && (CustomByDialect ?? new Dictionary<string, string>()).OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .SequenceEqual((other.CustomByDialect ?? new Dictionary<string, string>()).OrderBy(kv => kv.Key, StringComparer.Ordinal));

    public override int GetHashCode() => HashCode.Combine(Kind, Length, Precision, Scale, EnumName, Unsigned, TypeName);
}
