using System.Text.Json;
using System.Text.Json.Nodes;

namespace Retort.Lint;

/// <summary>
/// <c>--format json</c>: an object with the server judged for, the number of revisions, <c>findings</c> and
/// <c>allowed</c>, each item <c>{revision, file, line, rule, severity, message, safe_alternative}</c> (allowed ones
/// add <c>reason</c>); docs/lint-findings.schema.json describes it.
/// </summary>
internal static class LintJsonFormat
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(LintResult result, TextWriter output, LintPaths paths)
    {
        var root = new JsonObject
        {
            ["server"] = new JsonObject
            {
                ["provider"] = result.Target.Provider,
                ["version"] = result.Target.ServerVersion?.ToString(3),
            },
            ["revisions"] = result.Revisions,
            ["errors"] = result.Errors,
            ["warnings"] = result.Warnings,
            ["findings"] = new JsonArray(result.Reported.Select(f => (JsonNode)Item(f, paths)).ToArray()),
            ["allowed"] = new JsonArray(result.Findings.Where(f => f.IsAllowed).Select(f =>
            {
                var item = Item(f, paths);
                item["reason"] = f.AllowedBecause;
                return (JsonNode)item;
            }).ToArray()),
        };
        output.WriteLine(root.ToJsonString(Indented));
    }

    private static JsonObject Item(LintFinding f, LintPaths paths) => new()
    {
        ["revision"] = f.Revision,
        ["file"] = paths.Relative(f.File),
        ["line"] = f.Line,
        ["rule"] = f.Rule.Id,
        ["severity"] = f.Rule.SeverityName,
        ["message"] = f.Message,
        ["safe_alternative"] = f.Rule.SafeAlternative,
    };
}
