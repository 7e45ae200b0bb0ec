using MassTransit;
using Microsoft.EntityFrameworkCore;

namespace RehabPlatform.Messaging.Inbox;

/// <summary>
/// Base for every consumer: its effects, its inbox row (message id + consumer) and the events it stages with
/// <c>AddEvent</c> commit in one transaction, so a redelivered message has exactly one effect. Any exception
/// rolls everything back and is rethrown, so MassTransit retries and finally moves the message to _error.
/// </summary>
public abstract partial class IdempotentConsumer<TMessage, TContext>(TContext db, MessagingTelemetry telemetry, ILogger logger) : IConsumer<TMessage>
    where TMessage : class
    where TContext : DbContext
{
    protected TContext Db { get; } = db;

    /// <summary>The queue and the stable key of this consumer's inbox rows, as its <see cref="ConsumerEndpointAttribute"/> declares them.</summary>
    private ConsumerEndpointAttribute Endpoint => _endpoint ??= ConsumerEndpointAttribute.Of(GetType());

    private ConsumerEndpointAttribute? _endpoint;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException("A message without MessageId cannot be de-duplicated.");
        var ct = context.CancellationToken;
        var inbox = Endpoint.InboxKey;
        if (context.SentTime is { } sent)
            telemetry.ConsumerLag.Record((DateTime.UtcNow - sent).TotalMilliseconds);

        // A retry runs in the same scope: forget whatever the failed attempt left tracked.
        Db.ChangeTracker.Clear();
        using var writer = await WriteGate.EnterAsync(Db, ct);
        await using var transaction = await Db.Database.BeginTransactionAsync(ct);
        var alreadyHandled = await Db.Set<InboxMessage>().AnyAsync(m => m.MessageId == messageId && m.Consumer == inbox, ct);
        if (alreadyHandled)
        {
            telemetry.RecordDuplicate();
            LogDuplicate(logger, messageId, inbox);
            return;
        }

        Db.Set<InboxMessage>().Add(new InboxMessage
        {
            MessageId = messageId,
            Consumer = inbox,
            ReceivedAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        });
        await HandleAsync(context.Message, context);
        await Db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        // By queue (a handful per service), so that a stage's throughput can be told from the others'.
        telemetry.Consumed.Add(1, new KeyValuePair<string, object?>("queue", Endpoint.Queue));
    }

    /// <summary>Apply the message's effects to <see cref="Db"/> (and stage events); do not call SaveChanges.</summary>
    protected abstract Task HandleAsync(TMessage message, ConsumeContext<TMessage> context);

    [LoggerMessage(Level = LogLevel.Information, Message = "Message {MessageId} was already handled by {Consumer}; skipped")]
    private static partial void LogDuplicate(ILogger logger, Guid messageId, string consumer);
}
