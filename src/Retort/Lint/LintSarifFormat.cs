using System.Text.Json;
using System.Text.Json.Nodes;

namespace Retort.Lint;

/// <summary>
/// <c>--format sarif</c>: SARIF 2.1.0 (code scanning in GitHub and other CI): one run, the rules with their
/// problem and safe alternative, a result per finding at its revision file's line; allowed findings carry an
/// in-source suppression with the reason.
/// </summary>
internal static class LintSarifFormat
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(LintResult result, TextWriter output, LintPaths paths)
    {
        var rules = LintRules.All.ToList();
        var results = new JsonArray();
        foreach (var f in result.Findings)
        {
            var location = new JsonObject { ["artifactLocation"] = new JsonObject { ["uri"] = paths.Relative(f.File) ?? f.Revision } };
            if (f.Line > 0) location["region"] = new JsonObject { ["startLine"] = f.Line };
            var item = new JsonObject
            {
                ["ruleId"] = f.Rule.Id,
                ["ruleIndex"] = rules.IndexOf(f.Rule),
                ["level"] = Level(f.Rule),
                ["message"] = new JsonObject { ["text"] = $"Revision {f.Revision}: {LintReport.WithAlternative(f)}" },
                ["locations"] = new JsonArray(new JsonObject { ["physicalLocation"] = location }),
            };
            if (f.IsAllowed)
                item["suppressions"] = new JsonArray(new JsonObject { ["kind"] = "inSource", ["justification"] = f.AllowedBecause });
            results.Add(item);
        }
        var sarif = new JsonObject
        {
            ["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json",
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = "retort lint",
                        ["version"] = typeof(LintSarifFormat).Assembly.GetName().Version?.ToString(3),
                        ["rules"] = new JsonArray(rules.Select(r => (JsonNode)new JsonObject
                        {
                            ["id"] = r.Id,
                            ["shortDescription"] = new JsonObject { ["text"] = r.Problem },
                            ["help"] = new JsonObject { ["text"] = "Instead: " + r.SafeAlternative },
                            ["defaultConfiguration"] = new JsonObject { ["level"] = Level(r) },
                        }).ToArray()),
                    },
                },
                ["results"] = results,
            }),
        };
        output.WriteLine(sarif.ToJsonString(Indented));
    }

    private static string Level(LintRule rule) => rule.Severity == LintSeverity.Error ? "error" : "warning";
}
