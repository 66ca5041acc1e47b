using System.Text.Json;
using System.Text.Json.Nodes;
using Retort.Graph;

namespace Retort.Commands;

/// <summary>The <c>--json</c> form of read commands: revisions as objects with snake_case keys.</summary>
internal static class JsonOutput
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static JsonObject Revision(RevisionMap map, Revision rev, IReadOnlySet<string>? current = null)
    {
        var o = new JsonObject
        {
            ["id"] = rev.Id,
            ["down_revisions"] = Array(rev.DownRevisions),
            ["branch_labels"] = Array(rev.BranchLabels),
            ["depends_on"] = Array(rev.DependsOn),
            ["message"] = rev.Message,
            ["path"] = rev.Path,
            ["create_date"] = rev.CreateDate,
            ["is_head"] = map.IsHead(rev.Id),
            ["is_branch_point"] = map.IsBranchPoint(rev.Id),
            ["is_merge_point"] = rev.IsMergePoint,
        };
        if (current is not null) o["is_current"] = current.Contains(rev.Id);
        return o;
    }

    public static JsonArray Array(IEnumerable<string> items) => new(items.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray());

    public static void Write(TextWriter output, JsonNode node) => output.WriteLine(node.ToJsonString(Options));
}
