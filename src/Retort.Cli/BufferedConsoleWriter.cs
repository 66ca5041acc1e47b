using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Retort.Cli;

/// <summary>
/// Redirected stdout or stderr: buffered, flushed by a timer (see <see cref="RetortCli"/>) and at exit. Each write
/// takes a <see cref="Lock"/>, which stays cheap when the timer thread has contended for it once; the console's
/// synchronized wrapper (a monitor per call, on the slow path after any contention) was a tenth of
/// `upgrade head --sql` of 5000 revisions, which makes some 40,000 writes.
/// </summary>
internal sealed class BufferedConsoleWriter(Stream stream, int bufferSize) : TextWriter
{
    private readonly Lock _gate = new();
    private readonly StreamWriter _inner = new(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize) { AutoFlush = false };

    public override Encoding Encoding => _inner.Encoding;

    [AllowNull]
    public override string NewLine
    {
        get => _inner.NewLine;
        set
        {
            lock (_gate) _inner.NewLine = value;
        }
    }

    public override void Write(char value)
    {
        lock (_gate) _inner.Write(value);
    }

    public override void Write(string? value)
    {
        lock (_gate) _inner.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_gate) _inner.Write(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        lock (_gate) _inner.Write(buffer);
    }

    public override void WriteLine()
    {
        lock (_gate) _inner.WriteLine();
    }

    public override void WriteLine(string? value)
    {
        lock (_gate) _inner.WriteLine(value);
    }

    public override void WriteLine(ReadOnlySpan<char> buffer)
    {
        lock (_gate) _inner.WriteLine(buffer);
    }

    public override void Flush()
    {
        lock (_gate) _inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Flush();
        base.Dispose(disposing);
    }
}
