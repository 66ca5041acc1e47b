namespace Retort;

/// <summary>
/// A failure the user can act on: the CLI prints its message as one <c>FAILED: …</c> line, with no stack trace.
/// </summary>
public class RetortException : Exception
{
    public RetortException(string message) : base(message) { }

    public RetortException(string message, Exception inner) : base(message, inner) { }
}
