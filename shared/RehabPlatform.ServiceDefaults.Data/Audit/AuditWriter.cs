using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace RehabPlatform.ServiceDefaults.Audit;

/// <summary>
/// Commits audit entries that are a request's whole unit of work (reads, refusals, invalid attempts) together:
/// whatever queues while one batch commits goes in the next, one transaction for all of them. Each caller still
/// returns only after its own entry is committed, so an access is never answered before it is on record; what
/// changes is that a thousand reads a second are a handful of commits, not a thousand (each an SQLite write
/// through the database's one writer). A batch that fails is written again entry by entry, so one bad entry fails
/// only its own request.
/// </summary>
public sealed partial class AuditWriter(IServiceScopeFactory scopes, ILogger<AuditWriter> logger)
{
    private const int MaxBatch = 500;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private int _writing;

    private sealed record Pending(AuditEntry Entry, TaskCompletionSource Committed);

    /// <summary>Completes when <paramref name="entry"/> is committed; throws what its commit threw.</summary>
    public Task AppendAsync(AuditEntry entry, CancellationToken ct)
    {
        var pending = new Pending(entry, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _queue.Writer.TryWrite(pending);
        StartWriterIfIdle();
        // A caller that gives up (the client went away) stops waiting; the entry is still committed: the attempt happened.
        return pending.Committed.Task.WaitAsync(ct);
    }

    private void StartWriterIfIdle()
    {
        if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
            _ = Task.Run(WriteQueuedAsync);
    }

    private async Task WriteQueuedAsync()
    {
        while (true)
        {
            var batch = new List<Pending>();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var next))
                batch.Add(next);
            if (batch.Count > 0)
            {
                await CommitAsync(batch);
                continue;
            }
            Volatile.Write(ref _writing, 0);
            // An entry queued after the last read but before the flag was cleared found the writer busy: take it now.
            if (!_queue.Reader.TryPeek(out _) || Interlocked.CompareExchange(ref _writing, 1, 0) != 0)
                return;
        }
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        try
        {
            await SaveAsync(batch.Select(p => p.Entry));
            foreach (var pending in batch)
                pending.Committed.TrySetResult();
        }
        catch (Exception) when (batch.Count > 1)
        {
            LogBatchFailed(logger, batch.Count);
            foreach (var pending in batch)
                await CommitAsync([pending]);
        }
        catch (Exception ex)
        {
            batch[0].Committed.TrySetException(ex);
        }
    }

    private async Task SaveAsync(IEnumerable<AuditEntry> entries)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DbContext>();
        foreach (var entry in entries)
        {
            // A retried entry is inserted anew, without whatever key the failed attempt gave it.
            entry.Id = default;
            db.Set<AuditEntry>().Add(entry);
        }
        await db.SaveChangesAsync(CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} audit entries failed to commit; committing them one by one")]
    private static partial void LogBatchFailed(ILogger logger, int count);
}
