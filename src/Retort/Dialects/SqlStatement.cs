namespace Retort.Dialects;

/// <summary>One statement to run. Parameters are positional; offline rendering inlines them as literals.</summary>
public sealed record SqlStatement(string Sql)
{
    public IReadOnlyList<object?> Parameters { get; init; } = [];
    public bool OutsideTransaction { get; init; }

    public static implicit operator SqlStatement(string sql) => new(sql);
}
