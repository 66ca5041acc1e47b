using Retort.Configuration;
using Retort.Tests.Infrastructure;

namespace Retort.Tests.Cli;

/// <summary>
/// Passwords with raw '@' and ':' (user-info split at the last '@', as urllib does) and masking by the parsed value:
/// URL parsing, then real wrong-password connections to the real servers through the real CLI.
/// </summary>
public class SecretMaskingTests
{
    [Fact]
    public void A_raw_at_and_colon_stay_in_the_password()
    {
        var parsed = DatabaseUrl.Parse("postgresql://app:p@ss:w0rd@host/db", null, "/");
        Assert.Equal("Host=host;Username=app;Password=p@ss:w0rd;Database=db", parsed.ConnectionString);
        Assert.Equal("postgresql://app:***@host/db", parsed.Display);
        Assert.Equal("Server=h;Port=3307;User ID=me;Password=a:b@c/d;Database=shop",
            DatabaseUrl.Parse("mysql://me:a:b@c/d@h:3307/shop", null, "/").ConnectionString);
        Assert.Equal("Host=h;Username=u;Password=p@ss;Database=db;sslmode=require",
            DatabaseUrl.Parse("postgresql://u:p%40ss@h/db?sslmode=require", null, "/").ConnectionString);
    }

    [Fact]
    public void A_bad_url_shows_no_part_of_the_password()
    {
        var e = Assert.Throws<RetortException>(() => DatabaseUrl.Parse("postgresql://app:p@ss:w0rd@host:port/db", null, "/"));
        Assert.Equal("Bad database URL 'postgresql://app:***@host:port/db': expected postgresql://user:password@host[:port]/database.", e.Message);
    }

    [Theory]
    [InlineData("FAILED: Bad database URL 'postgresql://app:p@ss:w0rd@host/db'", "FAILED: Bad database URL 'postgresql://app:***@host/db'")]
    [InlineData("at mysql://u:x:y@z@h:1/d and Password=x:y@z;", "at mysql://u:***@h:1/d and Password=***;")]
    public void Text_is_masked_up_to_the_last_at(string text, string expected) => Assert.Equal(expected, DatabaseUrl.Mask(text));

    [Fact]
    public void A_parsed_password_is_masked_by_value_wherever_it_appears()
    {
        DatabaseUrl.Parse("postgresql://app:Zq7%23long-secret@host/db", null, "/");
        Assert.Equal("server said: bad password *** for app (***)", DatabaseUrl.Mask("server said: bad password Zq7#long-secret for app (Zq7%23long-secret)"));
        DatabaseUrl.Parse("postgresql://app:pg@host/db", null, "/");
        // Short passwords only where they stand alone: "postgresql" keeps its letters.
        Assert.Equal("postgresql: password '***' rejected", DatabaseUrl.Mask("postgresql: password 'pg' rejected"));
    }

    [Fact]
    public void A_password_option_is_masked_by_where_it_is_and_a_short_one_hides_nothing_else()
    {
        var parsed = DatabaseUrl.Parse("postgresql://chaos@host/chaos_db?sslmode=disable&password=chaos", null, "/");
        Assert.Equal("Host=host;Username=chaos;Database=chaos_db;sslmode=disable;password=chaos", parsed.ConnectionString);
        Assert.Equal("postgresql://chaos@host/chaos_db?sslmode=disable&password=***", parsed.Display);
        // The reason after a masked URL stays; the value is hidden where it stands alone, not inside other names.
        Assert.Equal("Cannot connect to postgresql://u@h/chaos_db?password=***: 28P01: bad (password was ***) on chaos.example and chaos-db",
            DatabaseUrl.Mask("Cannot connect to postgresql://u@h/chaos_db?password=chaos: 28P01: bad (password was chaos) on chaos.example and chaos-db"));
        Assert.Equal("Host=h;Password=***;Database=d: timeout", DatabaseUrl.Mask("Host=h;Password=chaos;Database=d: timeout"));
    }

    public static TheoryData<string, string, string> WrongPasswords() => new()
    {
        { "RETORT_TEST_PG", "postgresql", "28P01: password authentication failed for user \"retort\"" },
        { "RETORT_TEST_MYSQL", "mysql", "Access denied for user 'retort'@'127.0.0.1' (using password: YES)" },
    };

    [Theory]
    [MemberData(nameof(WrongPasswords))]
    public async Task A_real_wrong_password_connection_prints_none_of_it(string variable, string scheme, string serverSays)
    {
        // retort:retort-secret@127.0.0.1:port/db -> retort:p@ss:w0rd@127.0.0.1:port/db
        var server = TestDatabase.ServerUrl(variable);
        var hostPart = server[(server.LastIndexOf('@') + 1)..];
        var url = $"{scheme}://retort:p@ss:w0rd@{hostPart}";
        using var p = await TutorialProject.CreateAsync();
        var toml = Path.Combine(p.Path, "retort.toml");
        File.WriteAllLines(toml, File.ReadAllLines(toml).Select(l => l.StartsWith("url = ") ? $"url = \"{url}\"" : l));
        foreach (var args in new[] { new[] { "upgrade", "head" }, ["--verbose", "current"] })
        {
            var r = await p.Retort(args);
            Assert.Equal(1, r.ExitCode);
            var failed = r.Stderr.Split('\n').Single(l => l.StartsWith("FAILED: "));
            Assert.Equal($"FAILED: Cannot connect to {scheme}://retort:***@{hostPart}: {serverSays}", failed);
            Assert.DoesNotContain("w0rd", r.All);
            Assert.DoesNotContain("p@ss", r.All);
        }
    }

    [Theory]
    [MemberData(nameof(WrongPasswords))]
    public async Task A_password_option_in_the_url_is_masked_and_the_reason_kept(string variable, string scheme, string serverSays)
    {
        var server = TestDatabase.ServerUrl(variable);
        var hostPart = server[(server.LastIndexOf('@') + 1)..server.LastIndexOf('/')];
        using var p = await TutorialProject.CreateAsync();
        var toml = Path.Combine(p.Path, "retort.toml");
        var url = $"{scheme}://retort@{hostPart}/chaos_db?password=chaos";
        File.WriteAllLines(toml, File.ReadAllLines(toml).Select(l => l.StartsWith("url = ") ? $"url = \"{url}\"" : l));
        foreach (var args in new[] { new[] { "upgrade", "head" }, ["--verbose", "current"], ["current", "--json"] })
        {
            var r = await p.Retort(args);
            Assert.Equal(1, r.ExitCode);
            var failed = r.Stderr.Split('\n').Single(l => l.StartsWith("FAILED: "));
            Assert.Equal($"FAILED: Cannot connect to {scheme}://retort@{hostPart}/chaos_db?password=***: {serverSays}", failed);
        }

        // With the right password in the option, -v current and --json name the database without it.
        await using var db = await TestDatabase.CreateAsync(scheme == "postgresql" ? "postgresql" : "mysql");
        var rightPassword = Uri.UnescapeDataString(new Uri(server).UserInfo.Split(':')[1]);
        var user = Uri.UnescapeDataString(new Uri(server).UserInfo.Split(':')[0]);
        var name = db.Url[(db.Url.LastIndexOf('/') + 1)..];
        url = $"{scheme}://{user}@{hostPart}/{name}?password={Uri.EscapeDataString(rightPassword)}";
        File.WriteAllLines(toml, File.ReadAllLines(toml).Select(l => l.StartsWith("url = ") ? $"url = \"{url}\"" : l));
        var verbose = await p.Retort("-v", "current");
        Assert.True(verbose.ExitCode == 0, verbose.ToString());
        Assert.Contains($"Current revision(s) for {scheme}://{user}@{hostPart}/{name}?password=***:", verbose.Stdout);
        var json = await p.Retort("current", "--json");
        Assert.True(json.ExitCode == 0, json.ToString());
        Assert.Contains($"\"{scheme}://{user}@{hostPart}/{name}?password=***\"", json.Stdout);
        Assert.DoesNotContain(rightPassword, verbose.All + json.All);
    }
}
