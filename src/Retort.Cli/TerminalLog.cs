using System.Diagnostics;
using Retort.Runtime;

namespace Retort.Cli;

/// <summary>
/// Log lines as Alembic prints them; on a terminal, long runs also get a progress line (n of N, revision,
/// elapsed) redrawn in place. Redirected output and --quiet get plain lines only.
/// </summary>
internal sealed class TerminalLog(TextWriter writer, bool quiet, bool interactive) : IMigrationLog
{
    private readonly TextWriterLog _lines = new(writer, quiet);
    private readonly Stopwatch _sinceDraw = Stopwatch.StartNew();
    private bool _drawn;

    public void Info(string message)
    {
        Clear();
        _lines.Info(Retort.Configuration.DatabaseUrl.Mask(message));
    }

    public void Warning(string message)
    {
        Clear();
        _lines.Warning(Retort.Configuration.DatabaseUrl.Mask(message));
    }

    /// <summary>-v: a statement about to run, masked; shown even with --quiet, which only silences progress.</summary>
    public void Statement(string sql)
    {
        Clear();
        lock (writer) writer.WriteLine("INFO  [retort.sql] " + Retort.Configuration.DatabaseUrl.Mask(sql));
    }

    public void Progress(int done, int total, string revision, TimeSpan elapsed)
    {
        // Short runs finish before a progress line could help; redraw at most 10 times a second.
        if (quiet || !interactive || total < 20 || _sinceDraw.ElapsedMilliseconds < 100) return;
        _sinceDraw.Restart();
        var width = total.ToString().Length;
        writer.Write($"\r[{done.ToString().PadLeft(width)}/{total}] {revision}  {elapsed.TotalSeconds:0.0}s ");
        _drawn = true;
    }

    public void ProgressDone() => Clear();

    private void Clear()
    {
        if (!_drawn) return;
        writer.Write("\r" + new string(' ', 60) + "\r");
        _drawn = false;
    }
}
