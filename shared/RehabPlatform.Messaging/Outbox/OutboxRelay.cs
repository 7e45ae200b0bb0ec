using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace RehabPlatform.Messaging.Outbox;

/// <summary>
/// Publishes committed outbox rows to the broker, a batch at a time (started in insertion order, confirms awaited
/// together), right after the commit that wrote them (or at the fallback poll). Never drops a row: a broker failure releases the batch and backs off; a row that
/// can never be published is marked failed and kept.
/// </summary>
public sealed partial class OutboxRelay<TContext>(
    IServiceScopeFactory scopeFactory,
    IBus bus,
    OutboxSignal signal,
    EventTypeRegistry registry,
    MessagingTelemetry telemetry,
    IOptions<MessagingOptions> options,
    TimeProvider clock,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    private static readonly TimeSpan BacklogRefreshInterval = TimeSpan.FromSeconds(5);
    private readonly OutboxOptions _options = options.Value.Outbox;
    private long _lastCleanupMs;
    private long _lastBacklogMs;

    private enum BatchResult { Drained, MoreWaiting, BrokerFailed }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.RelayEnabled)
        {
            LogRelayDisabled(logger);
            return;
        }

        var backoff = _options.MinBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            BatchResult result;
            try
            {
                result = await RelayBatchAsync(stoppingToken);
                await HousekeepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A database outage: keep the rows, try again later.
                LogRelayFailed(logger, ex);
                result = BatchResult.BrokerFailed;
            }

            switch (result)
            {
                case BatchResult.MoreWaiting:
                    backoff = _options.MinBackoff;
                    continue;
                case BatchResult.BrokerFailed:
                    await DelayAsync(backoff, stoppingToken);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
                    continue;
                default:
                    backoff = _options.MinBackoff;
                    try { await signal.WaitAsync(_options.PollInterval, stoppingToken); }
                    catch (OperationCanceledException) { return; }
                    break;
            }
        }
    }

    private async Task<BatchResult> RelayBatchAsync(CancellationToken ct)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        var lockToken = Guid.NewGuid().ToString("N");
        var batch = await OutboxStore.ClaimBatchAsync(db, lockToken, now, now + (long)_options.LeaseDuration.TotalMilliseconds, _options.BatchSize, ct);

        var readable = new List<(OutboxMessage Row, object Message, Type MessageType)>(batch.Count);
        foreach (var row in batch)
        {
            if (TryRead(row, out var message, out var messageType, out var error))
            {
                readable.Add((row, message, messageType));
                continue;
            }
            LogUnpublishable(logger, row.Id, row.MessageType, error);
            telemetry.RecordUnpublishable();
            await OutboxStore.MarkFailedAsync(db, row.Id, clock.GetUtcNow().ToUnixTimeMilliseconds(), error, ct);
        }

        // The whole batch is published with its confirms outstanding together (started in insertion order), and the
        // rows the broker confirmed are marked delivered in one statement: one round trip per batch, not per row.
        var publishes = readable.Select(r => PublishAsync(r.Row, r.Message, r.MessageType, ct)).ToList();
        var confirmed = new List<OutboxMessage>(readable.Count);
        (OutboxMessage Row, Exception Error)? firstFailure = null;
        for (var i = 0; i < publishes.Count; i++)
        {
            try
            {
                await publishes[i];
                confirmed.Add(readable[i].Row);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                telemetry.RecordPublishFailure();
                LogPublishFailed(logger, readable[i].Row.Id, readable[i].Row.MessageType, ex.GetType().Name);
                firstFailure ??= (readable[i].Row, ex);
            }
        }

        if (confirmed.Count > 0)
        {
            var deliveredAt = clock.GetUtcNow().ToUnixTimeMilliseconds();
            await OutboxStore.MarkDeliveredAsync(db, confirmed.Select(r => r.Id).ToList(), deliveredAt, CancellationToken.None);
            telemetry.Published.Add(confirmed.Count);
            foreach (var row in confirmed)
                telemetry.RelayDelay.Record(deliveredAt - row.CreatedAtMs);
        }
        if (firstFailure is { } failure)
        {
            // What the broker did not confirm goes back for the next attempt; a confirmed row published again later
            // would only be a duplicate, which the consumers' inbox absorbs.
            await OutboxStore.ReleaseAsync(db, lockToken, failure.Row.Id, failure.Error.GetType().Name, CancellationToken.None);
            return BatchResult.BrokerFailed;
        }

        return batch.Count >= _options.BatchSize ? BatchResult.MoreWaiting : BatchResult.Drained;
    }

    private async Task PublishAsync(OutboxMessage row, object message, Type messageType, CancellationToken ct)
    {
        // The relay runs outside the request that wrote the row; parent its span on the stored context so the
        // publish and the consumer join the producer's trace.
        ActivityContext.TryParse(row.TraceParent, row.TraceState, isRemote: true, out var parent);
        using var activity = MessagingTelemetry.ActivitySource.StartActivity("outbox publish", ActivityKind.Internal, parent)
            ?? StartUnsampledActivity(row);
        activity?.SetTag("messaging.message.id", row.MessageId.ToString());
        activity?.SetTag("rehab.outbox.id", row.Id);
        activity?.SetTag("rehab.message.type", row.MessageType);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(_options.PublishTimeout);
        await bus.Publish(message, messageType, Pipe.Execute<PublishContext>(context =>
        {
            context.MessageId = row.MessageId;
            context.Durable = true;
        }), timeout.Token);
    }

    // Without a listener on our source there is no activity; a plain one still carries the trace id to MassTransit.
    private static Activity? StartUnsampledActivity(OutboxMessage row)
    {
        if (row.TraceParent is null)
            return null;
        var activity = new Activity("outbox publish");
        activity.SetParentId(row.TraceParent);
        activity.TraceStateString = row.TraceState;
        return activity.Start();
    }

    private bool TryRead(OutboxMessage row, out object message, out Type messageType, out string error)
    {
        message = null!;
        error = "";
        if (!registry.TryResolve(row.MessageType, out messageType))
        {
            error = "unknown message type";
            return false;
        }
        try
        {
            message = JsonSerializer.Deserialize(row.Body, messageType, OutboxWriter.SerializerOptions)
                ?? throw new JsonException("null body");
            return true;
        }
        catch (JsonException ex)
        {
            error = "unreadable body: " + ex.GetType().Name;
            return false;
        }
    }

    private async Task HousekeepAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (now - _lastBacklogMs < BacklogRefreshInterval.TotalMilliseconds && now - _lastCleanupMs < _options.CleanupInterval.TotalMilliseconds)
            return;

        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        if (now - _lastBacklogMs >= BacklogRefreshInterval.TotalMilliseconds)
        {
            _lastBacklogMs = now;
            var (pending, oldest) = await OutboxStore.BacklogAsync(db, ct);
            telemetry.RecordBacklog(pending, oldest is null ? 0 : (now - oldest.Value) / 1000.0);
        }
        if (now - _lastCleanupMs >= _options.CleanupInterval.TotalMilliseconds)
        {
            _lastCleanupMs = now;
            var deleted = await OutboxStore.DeleteDeliveredBeforeAsync(db, now - (long)_options.DeliveredRetention.TotalMilliseconds, ct);
            var inboxDeleted = await OutboxStore.DeleteInboxBeforeAsync(db, now - (long)options.Value.Inbox.Retention.TotalMilliseconds, ct);
            if (deleted + inboxDeleted > 0)
                LogCleanedUp(logger, deleted, inboxDeleted);
        }
    }

    private static async Task DelayAsync(TimeSpan delay, CancellationToken ct)
    {
        try { await Task.Delay(delay, ct); }
        catch (OperationCanceledException) { }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay is disabled by configuration; rows stay unpublished")]
    private static partial void LogRelayDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox relay cycle failed; retrying with backoff")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing outbox row {OutboxId} ({MessageType}) failed with {ErrorType}; the batch is released and retried")]
    private static partial void LogPublishFailed(ILogger logger, long outboxId, string messageType, string errorType);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox row {OutboxId} ({MessageType}) can never be published: {Reason}; kept as failed")]
    private static partial void LogUnpublishable(ILogger logger, long outboxId, string messageType, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox cleanup removed {OutboxRows} delivered rows and {InboxRows} inbox rows past retention")]
    private static partial void LogCleanedUp(ILogger logger, int outboxRows, int inboxRows);
}
