using System.Data.Common;

namespace Retort.Dialects;

/// <summary>
/// A cross-process lock held around every command that writes (upgrade, downgrade, stamp), so that many app
/// instances starting at once apply each revision exactly once. Offline scripts take none. A provider supplies its
/// own (<see cref="DatabaseProvider.MigrationLock"/>).
/// </summary>
public interface IMigrationLock
{
    /// <summary>
    /// Waits up to <paramref name="timeout"/>; calls <paramref name="waiting"/> once with a message when it has to
    /// wait; throws (<see cref="MigrationLocks.Timeout"/>) when it times out. Disposing the result releases the lock.
    /// </summary>
    Task<IAsyncDisposable> AcquireAsync(DbConnection connection, string name, TimeSpan timeout, Action<string> waiting, CancellationToken ct);
}

/// <summary>Helpers for <see cref="IMigrationLock"/> implementations.</summary>
public static class MigrationLocks
{
    /// <summary>The error a lock throws when another process held it for longer than the timeout.</summary>
    public static RetortException Timeout(string name, TimeSpan timeout) =>
        new($"Timed out after {timeout.TotalSeconds:0.#} s waiting for the migration lock '{name}' held by another process (lock_timeout in retort.toml).");

    /// <summary>A lock handle that runs <paramref name="release"/> once when disposed.</summary>
    public static IAsyncDisposable Release(Func<Task> release) => new Handle(release);

    /// <summary>
    /// A session lock's handle: runs <paramref name="release"/> once when disposed, unless the connection has died
    /// (the server ends a session lock with its session). Releasing on a dead connection would throw "connection is
    /// not open" over the real error that is on its way out.
    /// </summary>
    public static IAsyncDisposable Release(DbConnection connection, Func<Task> release) =>
        new Handle(() => connection.State == System.Data.ConnectionState.Open ? release() : Task.CompletedTask);

    /// <summary>A handle for databases that need no lock.</summary>
    public static IAsyncDisposable None() => new Handle(() => Task.CompletedTask);

    private sealed class Handle(Func<Task> release) : IAsyncDisposable
    {
        private Func<Task>? _release = release;

        public async ValueTask DisposeAsync()
        {
            var r = Interlocked.Exchange(ref _release, null);
            if (r is not null) await r();
        }
    }
}
