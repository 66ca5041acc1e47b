using Retort.Configuration;

namespace Retort.Tests.Configuration;

public class DatabaseUrlTests
{
    [Theory]
    [InlineData("sqlite:///app.db", "Data Source=/base/app.db;Foreign Keys=False")]
    [InlineData("sqlite:////var/data/app.db", "Data Source=/var/data/app.db;Foreign Keys=False")]
    [InlineData("sqlite://", "Data Source=:memory:")]
    [InlineData("sqlite:///:memory:", "Data Source=:memory:")]
    [InlineData("sqlite:///sub/app.db?Mode=ReadOnly", "Data Source=/base/sub/app.db;Mode=ReadOnly;Foreign Keys=False")]
    public void Sqlite_urls_become_connection_strings(string url, string expected)
    {
        var parsed = DatabaseUrl.Parse(url, null, "/base");
        Assert.Equal("sqlite", parsed.Dialect.Name);
        Assert.Equal(expected, parsed.ConnectionString);
    }

    [Theory]
    [InlineData("postgresql://bob:s3cret@db.local:5433/app", "postgresql", "Host=db.local;Port=5433;Username=bob;Password=s3cret;Database=app")]
    [InlineData("postgresql+psycopg2://bob@localhost/app", "postgresql", "Host=localhost;Username=bob;Database=app")]
    [InlineData("mysql://root:p%40ss@127.0.0.1:3306/shop", "mysql", "Server=127.0.0.1;Port=3306;User ID=root;Password=p@ss;Database=shop")]
    [InlineData("mariadb://u:p@h/d", "mysql", "Server=h;User ID=u;Password=p;Database=d")]
    [InlineData("mssql://sa:Pw;1@sql:1433/app", "mssql", "Server=sql,1433;User ID=sa;Password=\"Pw;1\";Database=app;TrustServerCertificate=True")]
    public void Server_urls_become_driver_connection_strings(string url, string dialect, string expected)
    {
        var parsed = DatabaseUrl.Parse(url, null, "/base");
        Assert.Equal(dialect, parsed.Dialect.Name);
        Assert.Equal(expected, parsed.ConnectionString);
        Assert.DoesNotContain("s3cret", parsed.Display);
    }

    [Fact]
    public void A_connection_string_needs_a_dialect()
    {
        var parsed = DatabaseUrl.Parse("Host=h;Username=u;Password=topsecret", "postgresql", "/base");
        Assert.Equal("Host=h;Username=u;Password=topsecret", parsed.ConnectionString);
        Assert.Equal("Host=h;Username=u;Password=***", parsed.Display);
        var e = Assert.Throws<RetortException>(() => DatabaseUrl.Parse("Host=h;Password=topsecret", null, "/base"));
        Assert.DoesNotContain("topsecret", e.Message);
        Assert.StartsWith("Bad database URL", e.Message);
    }

    [Fact]
    public void Unknown_dialect_is_named()
    {
        var e = Assert.Throws<RetortException>(() => DatabaseUrl.Parse("oracle://u:pw@h/d", null, "/"));
        // Other tests in this process may have registered more providers; they are listed after the built-ins.
        Assert.StartsWith("Unknown dialect 'oracle': expected one of sqlite, postgresql, mysql, mssql", e.Message);
        Assert.Contains("(aliases: postgres, pg, mariadb, sqlserver", e.Message);
    }

    [Theory]
    [InlineData("postgresql://bob:hunter2@h/db", "postgresql://bob:***@h/db")]
    [InlineData("Server=x;Password=hunter2;Database=d", "Server=x;Password=***;Database=d")]
    [InlineData("Server=x;pwd='hunter2';", "Server=x;pwd=***;")]
    [InlineData("password = \"a;b\" ; x=1", "password=*** ; x=1")]
    public void Passwords_are_masked(string text, string expected) => Assert.Equal(expected, DatabaseUrl.Mask(text));
}
