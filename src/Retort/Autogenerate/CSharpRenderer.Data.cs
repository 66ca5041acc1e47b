using System.Globalization;
using Retort.Ops;

namespace Retort.Autogenerate;

/// <summary>Seed rows as a revision writes them: each value as a C# literal of its own type.</summary>
public static partial class CSharpRenderer
{
    private static string RenderData(MigrationOperation op) => op switch
    {
        InsertDataOperation o => $"op.InsertData({L(o.Table)}, {Array(o.Columns)}, {Rows(o.Rows)}"
                                 + (o.KeyColumns.Count == 0 ? "" : $", keyColumns: {Array(o.KeyColumns)}") + $"{Schema(o.Schema)});",
        DeleteDataOperation o => $"op.DeleteData({L(o.Table)}, {Array(o.KeyColumns)}, {Rows(o.KeyValues)}{Schema(o.Schema)});",
        UpdateDataOperation o => $"op.UpdateData({L(o.Table)}, {Array(o.KeyColumns)}, {Values(o.KeyValues)}, {Array(o.Columns)}, {Values(o.Values)}{Schema(o.Schema)});",
        _ => throw new NotSupportedException(op.GetType().Name),
    };

    private static string Rows(IEnumerable<IReadOnlyList<object?>> rows) => "[" + string.Join(", ", rows.Select(Values)) + "]";

    private static string Values(IReadOnlyList<object?> values) => "[" + string.Join(", ", values.Select(Value)) + "]";

    /// <summary>A value so that the compiled revision binds the same CLR type the model gave (an int stays an int).</summary>
    internal static string Value(object? value) => value switch
    {
        null or DBNull => "null",
        string s => L(s),
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        long n => n.ToString(CultureInfo.InvariantCulture) + "L",
        short n => $"(short){n.ToString(CultureInfo.InvariantCulture)}",
        byte n => $"(byte){n.ToString(CultureInfo.InvariantCulture)}",
        decimal d => d.ToString(CultureInfo.InvariantCulture) + "m",
        double d => d.ToString("R", CultureInfo.InvariantCulture) + "d",
        float f => f.ToString("R", CultureInfo.InvariantCulture) + "f",
        DateTime d => $"new System.DateTime({d.Ticks}L, System.DateTimeKind.{d.Kind})",
        DateTimeOffset d => $"new System.DateTimeOffset({d.Ticks}L, System.TimeSpan.FromTicks({d.Offset.Ticks}L))",
        Guid g => $"System.Guid.Parse({L(g.ToString("D"))})",
        byte[] bytes => $"System.Convert.FromHexString({L(Convert.ToHexString(bytes))})",
        TimeSpan t => $"System.TimeSpan.FromTicks({t.Ticks}L)",
        _ => throw new NotSupportedException($"A seed value of type {value.GetType().Name} ({value}) has no C# literal in Retort's revisions yet."),
    };
}
