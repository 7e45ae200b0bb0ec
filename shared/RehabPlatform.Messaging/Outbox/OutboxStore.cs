using Microsoft.EntityFrameworkCore;

namespace RehabPlatform.Messaging.Outbox;

/// <summary>
/// Row claiming and bookkeeping for the relay. A claim is a lease (lock token plus expiry) taken in one
/// statement, so two relays never hold the same row; on PostgreSQL the candidate rows are selected with
/// FOR UPDATE SKIP LOCKED so concurrent claims do not wait on or steal each other's rows. A relay that dies
/// holding a lease loses it when the lease expires, and the row is published again: at-least-once, which the
/// consumers' inbox turns into exactly one effect.
/// </summary>
internal static class OutboxStore
{
    private const string PostgresProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    public static async Task<List<OutboxMessage>> ClaimBatchAsync(DbContext db, string lockToken, long nowMs, long lockedUntilMs, int batchSize, CancellationToken ct)
    {
        var skipLocked = db.Database.ProviderName == PostgresProvider ? "FOR UPDATE SKIP LOCKED" : "";
        var sql = $$"""
            UPDATE {{MessagingModelBuilderExtensions.OutboxTable}}
            SET lock_token = {0}, locked_until_ms = {1}
            WHERE id IN (
                SELECT id FROM {{MessagingModelBuilderExtensions.OutboxTable}}
                WHERE delivered_at_ms IS NULL AND failed_at_ms IS NULL
                  AND (locked_until_ms IS NULL OR locked_until_ms < {2})
                ORDER BY id
                LIMIT {3}
                {{skipLocked}})
            """;
        var claimed = await GatedAsync(db, () => db.Database.ExecuteSqlRawAsync(sql, [lockToken, lockedUntilMs, nowMs, batchSize], ct), ct);
        if (claimed == 0)
            return [];
        return await db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.LockToken == lockToken && m.DeliveredAtMs == null)
            .OrderBy(m => m.Id)
            .ToListAsync(ct);
    }

    public static Task MarkDeliveredAsync(DbContext db, IReadOnlyList<long> ids, long nowMs, CancellationToken ct) =>
        GatedAsync(db, () => db.Set<OutboxMessage>().Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.DeliveredAtMs, nowMs)
            .SetProperty(m => m.LockToken, (string?)null)
            .SetProperty(m => m.LockedUntilMs, (long?)null), ct), ct);

    public static Task MarkFailedAsync(DbContext db, long id, long nowMs, string error, CancellationToken ct) =>
        GatedAsync(db, () => db.Set<OutboxMessage>().Where(m => m.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.FailedAtMs, nowMs)
            .SetProperty(m => m.LastError, error)
            .SetProperty(m => m.LockToken, (string?)null)
            .SetProperty(m => m.LockedUntilMs, (long?)null), ct), ct);

    /// <summary>Gives the rest of a batch back after a publish failed, so order is kept on the next try.</summary>
    public static async Task ReleaseAsync(DbContext db, string lockToken, long failedId, string error, CancellationToken ct)
    {
        using var writer = await WriteGate.EnterAsync(db, ct);
        await db.Set<OutboxMessage>().Where(m => m.Id == failedId).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.AttemptCount, m => m.AttemptCount + 1)
            .SetProperty(m => m.LastError, error), ct);
        await db.Set<OutboxMessage>().Where(m => m.LockToken == lockToken && m.DeliveredAtMs == null).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.LockToken, (string?)null)
            .SetProperty(m => m.LockedUntilMs, (long?)null), ct);
    }

    public static async Task<(int Pending, long? OldestCreatedAtMs)> BacklogAsync(DbContext db, CancellationToken ct)
    {
        var pending = db.Set<OutboxMessage>().Where(m => m.DeliveredAtMs == null && m.FailedAtMs == null);
        var count = await pending.CountAsync(ct);
        var oldest = count == 0 ? null : await pending.MinAsync(m => (long?)m.CreatedAtMs, ct);
        return (count, oldest);
    }

    public static Task<int> DeleteDeliveredBeforeAsync(DbContext db, long cutoffMs, CancellationToken ct) =>
        GatedAsync(db, () => db.Set<OutboxMessage>().Where(m => m.DeliveredAtMs != null && m.DeliveredAtMs < cutoffMs).ExecuteDeleteAsync(ct), ct);

    public static Task<int> DeleteInboxBeforeAsync(DbContext db, long cutoffMs, CancellationToken ct) =>
        GatedAsync(db, () => db.Set<Inbox.InboxMessage>().Where(m => m.ReceivedAtMs < cutoffMs).ExecuteDeleteAsync(ct), ct);

    /// <summary>Every statement here writes outside a SaveChanges, so each takes the database's write gate itself.</summary>
    private static async Task<T> GatedAsync<T>(DbContext db, Func<Task<T>> write, CancellationToken ct)
    {
        using var writer = await WriteGate.EnterAsync(db, ct);
        return await write();
    }
}
