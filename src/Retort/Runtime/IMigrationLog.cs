namespace Retort.Runtime;

/// <summary>Where progress lines go: the CLI writes them to stderr as Alembic does, an app to its ILogger.</summary>
public interface IMigrationLog
{
    void Info(string message);

    void Warning(string message);

    /// <summary>Called before each step of a run; terminals show it as a progress line.</summary>
    void Progress(int done, int total, string revision, TimeSpan elapsed) { }

    /// <summary>Called once a run ends, successfully or not.</summary>
    void ProgressDone() { }
}

/// <summary>Alembic-style log lines: <c>INFO  [retort.runtime.migration] Running upgrade …</c>.</summary>
public sealed class TextWriterLog(TextWriter writer, bool quiet = false) : IMigrationLog
{
    public void Info(string message)
    {
        if (!quiet) writer.WriteLine($"INFO  [retort.runtime.migration] {message}");
    }

    public void Warning(string message) => writer.WriteLine($"WARNING [retort.runtime.migration] {message}");
}

public sealed class NullLog : IMigrationLog
{
    public static readonly NullLog Instance = new();

    public void Info(string message) { }

    public void Warning(string message) { }
}
