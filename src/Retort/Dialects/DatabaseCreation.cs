namespace Retort.Dialects;

/// <summary>
/// How a server database creates a database that a URL names but that does not exist yet
/// (<c>retort upgrade --create-database</c>), and how its driver says "no such database".
/// </summary>
public abstract class DatabaseCreation
{
    /// <summary>The database the failed connection attempt says does not exist; null for any other error.</summary>
    public abstract string? MissingDatabase(Exception error, string connectionString);

    /// <summary>A connection string for the same server and user that does not need the missing database.</summary>
    public abstract string MaintenanceConnectionString(string connectionString);

    /// <summary>The statement that creates the database, as a user would also type it.</summary>
    public abstract string CreateSql(string name);
}
