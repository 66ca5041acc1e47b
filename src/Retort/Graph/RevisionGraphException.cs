namespace Retort.Graph;

/// <summary>The revision files do not form a valid graph, or a target does not resolve in it.</summary>
public sealed class RevisionGraphException(string message) : RetortException(message);
