using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Retort.Cli;

/// <summary>
/// Redirected stdout or stderr: buffered, flushed by a background thread (see <see cref="RetortCli"/>) and at exit.
/// Every write and flush takes <see cref="Gate"/>, which must be the object the console itself locks (Console.Out:
/// the console locks it when it first writes to a stream): with a lock of its own, the flush thread holding it
/// while the console initialized waited for Console.Out, which a writer held while waiting for this lock.
/// </summary>
internal sealed class BufferedConsoleWriter(Stream stream, int bufferSize) : TextWriter
{
    private readonly StreamWriter _inner = new(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize) { AutoFlush = false };

    /// <summary>The one lock of console output; set to Console.Out once the console writers are replaced.</summary>
    public object Gate { get; set; } = new();

    public override Encoding Encoding => _inner.Encoding;

    [AllowNull]
    public override string NewLine
    {
        get => _inner.NewLine;
        set
        {
            lock (Gate) _inner.NewLine = value;
        }
    }

    public override void Write(char value)
    {
        lock (Gate) _inner.Write(value);
    }

    public override void Write(string? value)
    {
        lock (Gate) _inner.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (Gate) _inner.Write(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        lock (Gate) _inner.Write(buffer);
    }

    public override void WriteLine()
    {
        lock (Gate) _inner.WriteLine();
    }

    public override void WriteLine(string? value)
    {
        lock (Gate) _inner.WriteLine(value);
    }

    public override void WriteLine(ReadOnlySpan<char> buffer)
    {
        lock (Gate) _inner.WriteLine(buffer);
    }

    public override void Flush()
    {
        lock (Gate) _inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) Flush();
        base.Dispose(disposing);
    }
}
