namespace Retort;

public enum SqlTypeKind
{
    SmallInt, Integer, BigInt, String, Text, Boolean, Decimal, Float, Double,
    Date, Time, DateTime, DateTimeOffset, Uuid, Binary, Json, Enum,
    /// <summary>A type written as given, optionally different per dialect.</summary>
    Custom,
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

    /// <summary>A type spelled the same on every dialect, e.g. <c>SqlType.Custom("CITEXT")</c>.</summary>
    public static SqlType Custom(string typeText) =>
        new(SqlTypeKind.Custom) { CustomByDialect = new Dictionary<string, string> { ["*"] = typeText } };

    /// <summary>A type spelled per dialect, e.g. <c>SqlType.Custom(("postgresql", "JSONB"), ("*", "TEXT"))</c>.</summary>
    public static SqlType Custom(params (string Dialect, string TypeText)[] spellings) =>
        new(SqlTypeKind.Custom) { CustomByDialect = spellings.ToDictionary(s => s.Dialect, s => s.TypeText) };
}
