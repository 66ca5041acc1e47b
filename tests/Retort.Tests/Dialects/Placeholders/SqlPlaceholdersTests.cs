using Retort.Dialects;

namespace Retort.Tests.Dialects;

/// <summary>The placeholder scanner: which '?' are placeholders, per database's lexical rules.</summary>
public class SqlPlaceholdersTests
{
    private static string Mark(string sql, SqlLexicon lexicon) =>
        SqlPlaceholders.Replace(sql, lexicon, SqlPlaceholders.Find(sql, lexicon).Count, i => $"<{i}>");

    public static TheoryData<string, string> Everywhere() => new()
    {
        // The issue's cases: a '?' in a comment or a string is not a placeholder.
        { "-- who?\nINSERT INTO p3 (a, b) VALUES (?, ?)", "-- who?\nINSERT INTO p3 (a, b) VALUES (<0>, <1>)" },
        { "/* who? */ INSERT INTO p3 (a, b) VALUES (?, ?)", "/* who? */ INSERT INTO p3 (a, b) VALUES (<0>, <1>)" },
        { "INSERT INTO t (a, b) VALUES ('what?', ?)", "INSERT INTO t (a, b) VALUES ('what?', <0>)" },
        { "SELECT 'it''s ?', ?", "SELECT 'it''s ?', <0>" },
        { "SELECT ?-- x?\n, ?", "SELECT <0>-- x?\n, <1>" },
        { "SELECT ? /* a ? */ + ? /**/ + ?", "SELECT <0> /* a ? */ + <1> /**/ + <2>" },
        { "SELECT ?", "SELECT <0>" },
        { "SELECT 1", "SELECT 1" },
        { "SELECT '?", "SELECT '?" },          // unterminated: the database reports it, not a placeholder
        { "SELECT ? /* ?", "SELECT <0> /* ?" },
    };

    [Theory]
    [MemberData(nameof(Everywhere))]
    public void The_same_on_every_database(string sql, string expected)
    {
        foreach (var lexicon in new[] { SqlLexicon.Sqlite, SqlLexicon.Postgres, SqlLexicon.MySql, SqlLexicon.SqlServer })
            Assert.Equal(expected, Mark(sql, lexicon));
    }

    [Theory]
    [InlineData(@"SELECT 'a\'?', ?", @"SELECT 'a\'?', <0>")]                 // backslash escapes a quote
    [InlineData(@"SELECT 'a\\', ?, '?'", @"SELECT 'a\\', <0>, '?'")]         // an escaped backslash ends nothing
    [InlineData("SELECT \"what?\", ?", "SELECT \"what?\", <0>")]             // "…" is a string
    [InlineData("SELECT \"a\\\"?\", ?", "SELECT \"a\\\"?\", <0>")]
    [InlineData("SELECT `col?` FROM t WHERE a = ?", "SELECT `col?` FROM t WHERE a = <0>")]
    [InlineData("SELECT `a``?` , ?", "SELECT `a``?` , <0>")]
    [InlineData("SELECT ? # who?\n, ?", "SELECT <0> # who?\n, <1>")]
    [InlineData("SELECT 1--?\n, ?", "SELECT 1--<0>\n, <1>")]                 // '--' without a space is minus minus
    [InlineData("SELECT 1 --\t?\n, ?", "SELECT 1 --\t?\n, <0>")]
    [InlineData("SELECT /*!50000 ? */ + ?", "SELECT /*!50000 <0> */ + <1>")] // executable comment: code
    [InlineData("SELECT /* /* ? */ ?", "SELECT /* /* ? */ <0>")]             // no nesting
    public void MySql_and_MariaDB(string sql, string expected) => Assert.Equal(expected, Mark(sql, SqlLexicon.MySql));

    [Theory]
    [InlineData(@"SELECT 'a\', ?", @"SELECT 'a\', <0>")]                     // standard strings: backslash is a character
    [InlineData(@"SELECT E'a\'?', ?", @"SELECT E'a\'?', <0>")]               // E'' strings take escapes
    [InlineData(@"SELECT e'\\', ?", @"SELECT e'\\', <0>")]
    [InlineData(@"SELECT name'a\', ?", @"SELECT name'a\', <0>")]             // not an E prefix
    [InlineData("SELECT \"col?\" FROM t WHERE a = ?", "SELECT \"col?\" FROM t WHERE a = <0>")]
    [InlineData("SELECT /* a /* b */ ? */ ?", "SELECT /* a /* b */ ? */ <0>")] // nested comments
    [InlineData("SELECT $$ ? $$, ?", "SELECT $$ ? $$, <0>")]
    [InlineData("SELECT $fn$ it's ? $x$ $fn$, ?", "SELECT $fn$ it's ? $x$ $fn$, <0>")]
    [InlineData("SELECT $1, ?", "SELECT $1, <0>")]
    [InlineData("SELECT a$b$ FROM t WHERE x = ?", "SELECT a$b$ FROM t WHERE x = <0>")]
    [InlineData("SELECT 1 # ?", "SELECT 1 # <0>")]                           // '#' is an operator here
    [InlineData("SELECT `?`", "SELECT `<0>`")]
    public void PostgreSQL(string sql, string expected) => Assert.Equal(expected, Mark(sql, SqlLexicon.Postgres));

    [Theory]
    [InlineData("SELECT [col?] FROM t WHERE a = ?", "SELECT [col?] FROM t WHERE a = <0>")]
    [InlineData("SELECT [a]]?] , ?", "SELECT [a]]?] , <0>")]
    [InlineData("SELECT /* a /* b */ ? */ ?", "SELECT /* a /* b */ ? */ <0>")]
    [InlineData(@"SELECT 'a\', ?", @"SELECT 'a\', <0>")]
    public void SqlServer(string sql, string expected) => Assert.Equal(expected, Mark(sql, SqlLexicon.SqlServer));

    [Theory]
    [InlineData("SELECT `c?`, [d?], \"e?\", ?", "SELECT `c?`, [d?], \"e?\", <0>")]
    [InlineData("SELECT /* /* ? */ ?", "SELECT /* /* ? */ <0>")]
    [InlineData("SELECT $$?$$", "SELECT $$<0>$$")]
    public void Sqlite(string sql, string expected) => Assert.Equal(expected, Mark(sql, SqlLexicon.Sqlite));

    [Theory]
    [InlineData("INSERT INTO t VALUES (?, ?)", 1, "the statement has 2 placeholders (?) outside strings and comments but 1 argument was given")]
    [InlineData("INSERT INTO t VALUES (?)", 3, "the statement has 1 placeholder (?) outside strings and comments but 3 arguments were given")]
    [InlineData("INSERT INTO t VALUES ('?')", 1, "the statement has 0 placeholders (?) outside strings and comments but 1 argument was given")]
    public void A_count_mismatch_is_an_error(string sql, int arguments, string message)
    {
        var e = Assert.Throws<PlaceholderCountException>(() => SqlPlaceholders.Replace(sql, SqlLexicon.MySql, arguments, i => "x"));
        Assert.Equal(message, e.Message);
    }

    [Theory]
    [InlineData("SELECT 1 -- done", true)]
    [InlineData("SELECT 1 -- done\n", false)]
    [InlineData("SELECT '--'", false)]
    [InlineData("SELECT 1 /* -- */", false)]
    [InlineData("SELECT 1 # x", true)]
    public void A_statement_that_ends_in_a_line_comment_is_recognised(string sql, bool expected) =>
        Assert.Equal(expected, SqlPlaceholders.EndsInLineComment(sql, SqlLexicon.MySql));
}

public class SqlStatementKindTests
{
    [Theory]
    [InlineData("INSERT INTO t VALUES (1)", true)]
    [InlineData("  -- note\n/* a */ update t set a = 1", true)]
    [InlineData("# x\nREPLACE INTO t VALUES (1)", true)]
    [InlineData("DO SLEEP(1)", true)]
    [InlineData("(SELECT 1)", true)]
    [InlineData("WITH x AS (SELECT 1) DELETE FROM t", true)]
    [InlineData("CREATE TABLE t (a INT)", false)]
    [InlineData("ALTER TABLE t ADD b INT", false)]
    [InlineData("/* INSERT */ DROP TABLE t", false)]
    [InlineData("SET autocommit = 1", false)]
    [InlineData("CALL p()", false)]
    [InlineData("-- only a comment", false)]
    public void Row_statements_are_told_from_the_rest(string sql, bool expected) =>
        Assert.Equal(expected, SqlStatementKind.IsRowStatement(sql, SqlLexicon.MySql));
}
