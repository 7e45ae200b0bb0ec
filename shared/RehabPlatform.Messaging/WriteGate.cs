using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace RehabPlatform.Messaging;

/// <summary>
/// One write transaction at a time per SQLite database within a process, queued asynchronously. SQLite admits one
/// writer per database; without the gate the API's requests, the consumers and the outbox relay each waited for the
/// lock in SQLite's busy handler, which sleeps the thread (45 % of its sleeps were 100 ms) and wakes it late, while
/// the thread pool starved. Here a writer waits on a semaphore instead, and is let in the moment the previous one
/// commits. On PostgreSQL (row locks, many writers) it does nothing.
/// Hold it around a whole explicit transaction (<see cref="Inbox.IdempotentConsumer{TMessage, TContext}"/>) or a
/// statement outside one; a <c>SaveChanges</c> of a service's context enters it by itself when no transaction is open.
/// Never enter it twice in one flow: it is not re-entrant.
/// </summary>
public static class WriteGate
{
    private const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new();

    /// <summary>The lease to dispose when the write is committed; null (nothing to hold) on PostgreSQL.</summary>
    public static async ValueTask<IDisposable?> EnterAsync(DbContext db, CancellationToken ct)
    {
        if (GateOf(db) is not { } gate)
            return null;
        await gate.WaitAsync(ct);
        return new Lease(gate);
    }

    /// <summary>The synchronous form, for the synchronous <c>SaveChanges</c>.</summary>
    public static IDisposable? Enter(DbContext db)
    {
        if (GateOf(db) is not { } gate)
            return null;
        gate.Wait();
        return new Lease(gate);
    }

    private static SemaphoreSlim? GateOf(DbContext db) =>
        db.Database.ProviderName == SqliteProvider
            ? Gates.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1))
            : null;

    private sealed class Lease(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                gate.Release();
        }
    }
}
