namespace Retort.Tests.Fidelity;

/// <summary>
/// The SQLite dump judge puts clause and constraint order in one order (the documented exception) and nothing else:
/// a clause, a constraint, a name, a type or a table option lost or added still makes the statements differ.
/// </summary>
public class SqliteDdlCanonicalTests
{
    private const string Original =
        "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, n INT NOT NULL DEFAULT 0, g TEXT UNIQUE NOT NULL, x NULL, "
        + "c AS (n + 1) VIRTUAL, p INTEGER, FOREIGN KEY(p) REFERENCES t(id) ON DELETE CASCADE CHECK(n > 0), PRIMARY KEY(id)) STRICT, WITHOUT ROWID";

    [Fact]
    public void Clause_constraint_and_option_order_and_optional_words_are_not_compared()
    {
        Assert.Equal(SqliteDdl.Canonical(Original), SqliteDdl.Canonical(
            "CREATE TABLE \"t\" (\"id\" INTEGER PRIMARY KEY, \"n\" INT DEFAULT 0 NOT NULL, \"g\" TEXT NOT NULL UNIQUE, \"x\", "
            + "\"c\" GENERATED ALWAYS AS (n + 1), \"p\" INTEGER, PRIMARY KEY (\"id\"), CHECK (n > 0), "
            + "FOREIGN KEY (\"p\") REFERENCES \"t\" (\"id\") ON DELETE CASCADE) WITHOUT ROWID, STRICT"));
    }

    [Fact]
    public void Keywords_compare_in_any_case_names_and_types_do_not()
    {
        const string lower = "create table t (id INTEGER primary key autoincrement, n varchar(5) not null default '', p integer references t (id) on delete cascade)";
        Assert.Equal(SqliteDdl.Canonical(lower.Replace("create table", "CREATE TABLE", StringComparison.Ordinal)),
            SqliteDdl.Canonical("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, n varchar(5) DEFAULT '' NOT NULL, p integer REFERENCES t (id) ON DELETE CASCADE)"));
        Assert.NotEqual(SqliteDdl.Canonical(lower), SqliteDdl.Canonical(lower.Replace("varchar(5)", "VARCHAR(5)", StringComparison.Ordinal)));
        Assert.NotEqual(SqliteDdl.Canonical(lower), SqliteDdl.Canonical(lower.Replace("table t", "table T", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("n INT NOT NULL DEFAULT 0", "n INT NOT NULL DEFAULT 1")]
    [InlineData("n INT NOT NULL DEFAULT 0", "n INT DEFAULT 0")]
    [InlineData("n INT NOT NULL DEFAULT 0", "n INTEGER NOT NULL DEFAULT 0")]
    [InlineData("g TEXT UNIQUE NOT NULL", "g TEXT NOT NULL")]
    [InlineData("id INTEGER PRIMARY KEY,", "id INTEGER CONSTRAINT pk PRIMARY KEY,")]
    [InlineData("ON DELETE CASCADE", "")]
    [InlineData(" CHECK(n > 0)", "")]
    [InlineData("c AS (n + 1) VIRTUAL", "c AS (n + 1) STORED")]
    [InlineData("STRICT, WITHOUT ROWID", "WITHOUT ROWID")]
    [InlineData("n INT NOT NULL DEFAULT 0, g", "g")]
    public void A_change_of_substance_still_shows(string from, string to)
    {
        Assert.Contains(from, Original);
        Assert.NotEqual(SqliteDdl.Canonical(Original), SqliteDdl.Canonical(Original.Replace(from, to, StringComparison.Ordinal)));
    }
}
