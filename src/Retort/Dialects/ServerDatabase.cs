namespace Retort.Dialects;

/// <summary>
/// How a provider creates a missing database (<c>--create-database</c>) and recognises that the database a URL
/// names does not exist. Server databases supply one (<see cref="DatabaseProvider.ServerDatabase"/>); file
/// databases that create themselves on connect need none.
/// </summary>
public abstract class ServerDatabase
{
    /// <summary>The database the connection string names.</summary>
    public abstract string DatabaseName(string connectionString);

    /// <summary>True when <paramref name="error"/> (from opening a connection) says the named database does not exist.</summary>
    public abstract bool IsMissingDatabase(Exception error);

    /// <summary>True when <paramref name="error"/> says the database already exists (another process won the race).</summary>
    public virtual bool IsDuplicateDatabase(Exception error) => false;

    /// <summary>The statement that creates the database, as the hint shows it and <c>--create-database</c> runs it.</summary>
    public abstract string CreateDatabaseSql(SqlDialect dialect, string name);

    /// <summary>A connection string to the server without the missing database (its maintenance database).</summary>
    public abstract string MaintenanceConnectionString(string connectionString);
}
