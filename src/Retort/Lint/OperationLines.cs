using System.Text.RegularExpressions;
using Retort.Ops;

namespace Retort.Lint;

/// <summary>
/// The line of a revision file where each recorded operation was written: the calls on the Upgrade method's
/// <c>Operations</c> parameter, matched in order to the recorded operations by name (CreateIndexOperation ←
/// op.CreateIndex, ExecuteSqlOperation ← op.Execute…, anything ← op.Add). An operation recorded by a helper or a
/// loop gets the line of the nearest matching call, or of Upgrade itself.
/// </summary>
public static partial class OperationLines
{
    public static IReadOnlyList<int> Find(string? file, IReadOnlyList<MigrationOperation> operations)
    {
        var lines = new int[operations.Count];
        if (file is null || !File.Exists(file)) return lines;
        var source = File.ReadAllText(file);
        var upgrade = UpgradeMethod().Match(source);
        if (!upgrade.Success) return lines;
        var upgradeLine = LineOf(source, upgrade.Index);
        var downgrade = source.IndexOf("Downgrade(", upgrade.Index, StringComparison.Ordinal);
        var end = downgrade < 0 ? source.Length : downgrade;
        var calls = new Regex(@"\b" + Regex.Escape(upgrade.Groups[1].Value) + @"\s*\.\s*([A-Za-z]+)\s*\(")
            .Matches(source[..end], upgrade.Index).Select(m => (Name: m.Groups[1].Value, Line: LineOf(source, m.Index))).ToList();
        var next = 0;
        for (var i = 0; i < operations.Count; i++)
        {
            var name = operations[i].GetType().Name.Replace("Operation", "");
            var found = calls.FindIndex(next, c => Matches(c.Name, name));
            if (found < 0) { lines[i] = upgradeLine; continue; }
            lines[i] = calls[found].Line;
            next = found + 1;
        }
        return lines;
    }

    private static bool Matches(string call, string operation) =>
        call == "Add" || call.StartsWith(operation, StringComparison.Ordinal) || operation.StartsWith(call, StringComparison.Ordinal)
        || (call.StartsWith("Execute", StringComparison.Ordinal) && operation == "ExecuteSql");

    private static int LineOf(string source, int index)
    {
        var line = 1;
        for (var i = 0; i < index; i++) if (source[i] == '\n') line++;
        return line;
    }

    [GeneratedRegex(@"void\s+Upgrade\s*\(\s*Operations\s+(\w+)\s*\)")]
    private static partial Regex UpgradeMethod();
}
