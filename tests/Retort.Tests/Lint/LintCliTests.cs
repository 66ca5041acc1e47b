using System.Text.Json;
using NJsonSchema;
using Retort.Tests.Cli;

namespace Retort.Tests.Lint;

/// <summary>
/// <c>retort lint</c> as a user runs it: the real CLI process on revision files, its exact lines, exit codes and
/// formats; JSON checked against docs/lint-findings.schema.json and SARIF against the OASIS SARIF 2.1.0 schema
/// (tests/data/sarif).
/// </summary>
public class LintCliTests
{
    private static async Task<LintProject> TwoRevisionsAsync()
    {
        var p = await LintProject.CreateAsync();
        p.Revision("aaaa00000001", null, "",
            "op.CreateTable(\"users\", new Column(\"id\", SqlType.Integer()) { PrimaryKey = true }, new Column(\"email\", SqlType.String(50)));",
            "op.CreateIndex(\"ix_users_new\", \"users\", [\"email\"]);");
        p.Revision("bbbb00000002", "aaaa00000001", "[AllowLint(\"drop-column\", Reason = \"the app stopped reading it in v42\")]",
            "op.Execute(\"SET lock_timeout = '2s'\");",
            "op.CreateIndex(\"ix_users_email\", \"users\", [\"email\"]);",
            "op.DropColumn(\"users\", \"email\");");
        return p;
    }

    private static string RepoRoot([System.Runtime.CompilerServices.CallerFilePath] string file = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, "..", "..", ".."));

    [Fact]
    public async Task Text_lists_each_finding_on_its_line_and_exits_1_on_an_error()
    {
        using var p = await TwoRevisionsAsync();
        var r = await p.Retort("lint");
        Assert.Equal(1, r.ExitCode);
        var lines = r.Stdout.TrimEnd().Split('\n');
        // The index on the table created in the same revision (aaaa) is not reported; the allowed drop is not either.
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("bbbb00000002 create-index-not-concurrently error index ix_users_email on users: CREATE INDEX without CONCURRENTLY blocks writes", lines[0]);
        Assert.EndsWith("(migrations/versions/bbbb00000002_rev.cs:16)", lines[0]);
        Assert.Contains("Instead: op.CreateIndex(..., concurrently: true)", lines[0]);
        Assert.Equal("2 revisions linted for postgresql (oldest version): 1 error, 0 warnings, 1 allowed (-v lists them).", lines[1]);

        var verbose = await p.Retort("lint", "-v");
        Assert.Contains("bbbb00000002 drop-column allowed: the app stopped reading it in v42 (migrations/versions/bbbb00000002_rev.cs:17)", verbose.Stdout);
    }

    [Fact]
    public async Task A_clean_range_exits_0_and_the_safe_form_is_clean()
    {
        using var p = await TwoRevisionsAsync();
        p.Revision("cccc00000003", "bbbb00000002", "",
            "op.Execute(\"SET lock_timeout = '2s'\");",
            "op.CreateIndex(\"ix_users_id\", \"users\", [\"id\"], concurrently: true);");
        var r = await p.Retort("lint", "bbbb00000002:head");
        Assert.True(r.ExitCode == 0, r.ToString());
        Assert.Equal("1 revision linted for postgresql (oldest version): 0 errors, 0 warnings.", r.Stdout.Trim());
    }

    [Fact]
    public async Task Json_output_matches_its_schema()
    {
        using var p = await TwoRevisionsAsync();
        var r = await p.Retort("lint", "--format", "json", "--server-version", "16");
        Assert.Equal(1, r.ExitCode);
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RepoRoot(), "docs", "lint-findings.schema.json"));
        Assert.Empty(schema.Validate(r.Stdout));
        using var doc = JsonDocument.Parse(r.Stdout);
        var finding = doc.RootElement.GetProperty("findings")[0];
        Assert.Equal("create-index-not-concurrently", finding.GetProperty("rule").GetString());
        Assert.Equal(16, finding.GetProperty("line").GetInt32());
        Assert.Equal("16.0.0", doc.RootElement.GetProperty("server").GetProperty("version").GetString());
        Assert.Equal("the app stopped reading it in v42", doc.RootElement.GetProperty("allowed")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Sarif_output_matches_the_sarif_2_1_0_schema()
    {
        using var p = await TwoRevisionsAsync();
        var r = await p.Retort("lint", "--format", "sarif");
        Assert.Equal(1, r.ExitCode);
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RepoRoot(), "tests", "data", "sarif", "sarif-schema-2.1.0.json"));
        Assert.Empty(schema.Validate(r.Stdout));
        using var doc = JsonDocument.Parse(r.Stdout);
        var results = doc.RootElement.GetProperty("runs")[0].GetProperty("results");
        Assert.Equal(2, results.GetArrayLength());
        Assert.Equal("migrations/versions/bbbb00000002_rev.cs", results[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("artifactLocation").GetProperty("uri").GetString());
        Assert.Equal("inSource", results[1].GetProperty("suppressions")[0].GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Sarif_schema_rejects_a_broken_log()
    {
        // The validation above can fail: the same schema refuses a result without its message.
        var schema = await JsonSchema.FromFileAsync(Path.Combine(RepoRoot(), "tests", "data", "sarif", "sarif-schema-2.1.0.json"));
        Assert.NotEmpty(schema.Validate("""{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}},"results":[{"ruleId":"r"}]}]}"""));
    }

    [Fact]
    public async Task Github_format_writes_one_annotation_per_finding()
    {
        using var p = await TwoRevisionsAsync();
        var r = await p.Retort("lint", "--format", "github");
        Assert.Equal(1, r.ExitCode);
        var line = Assert.Single(r.Stdout.TrimEnd().Split('\n'));
        Assert.StartsWith("::error file=migrations/versions/bbbb00000002_rev.cs,line=16,title=retort lint create-index-not-concurrently::bbbb00000002: index ix_users_email", line);
    }

    [Fact]
    public async Task An_allow_naming_no_rule_fails_with_one_line()
    {
        using var p = await LintProject.CreateAsync();
        p.Revision("aaaa00000001", null, "[AllowLint(\"drop-colum\")]", "op.DropColumn(\"users\", \"email\");");
        var r = await p.Retort("lint");
        Assert.Equal(1, r.ExitCode);
        Assert.Equal("FAILED: Revision aaaa00000001: [AllowLint(\"drop-colum\")] names no lint rule; the rules are create-index-not-concurrently, "
                     + "add-foreign-key-validates, add-check-validates, add-unique-constraint-locks, set-not-null-scans, change-column-type, "
                     + "add-column-volatile-default, add-not-null-column-without-default, rename-column, rename-table, drop-column, drop-table, "
                     + "missing-ddl-lock-timeout, mysql-alter-not-instant.", r.Stderr.Trim());
    }
}
