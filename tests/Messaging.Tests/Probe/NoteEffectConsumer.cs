using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using Microsoft.Extensions.Logging;
using RehabPlatform.Messaging.Inbox;

namespace RehabPlatform.Messaging.Tests.Probe;

/// <summary>A defect that a test can "fix", as a deployment would.</summary>
public sealed class FixableDefect
{
    public volatile bool Fixed;
}

/// <summary>
/// Records one effect per message; a note labelled "poison" always fails, one labelled "defect" fails until the
/// defect is fixed.
/// </summary>
[ConsumerEndpoint("note-effect", "RehabPlatform.Messaging.Tests.Probe.NoteEffectConsumer")]
public sealed class NoteEffectConsumer(ProbeDbContext db, MessagingTelemetry telemetry, ILogger<NoteEffectConsumer> logger, FixableDefect defect)
    : IdempotentConsumer<NoteCreated, ProbeDbContext>(db, telemetry, logger)
{
    public const string PoisonLabel = "poison";
    public const string DefectLabel = "defect";

    protected override Task HandleAsync(NoteCreated message, ConsumeContext<NoteCreated> context)
    {
        if (message.Label == PoisonLabel)
            throw new InvalidOperationException("This note can never be handled.");
        if (message.Label == DefectLabel && !defect.Fixed)
            throw new InvalidOperationException("A defect stops this note until it is fixed.");
        Db.Effects.Add(new NoteEffect
        {
            NoteId = message.NoteId,
            MessageId = context.MessageId!.Value,
            TraceId = Activity.Current?.TraceId.ToString(),
        });
        return Task.CompletedTask;
    }
}

/// <summary>Counts raw deliveries per message id, before any de-duplication: shows what the relays published.</summary>
public sealed class DeliveryCounter
{
    public ConcurrentDictionary<Guid, int> ByMessageId { get; } = new();
}

[ConsumerEndpoint("counting", "RehabPlatform.Messaging.Tests.Probe.CountingConsumer")]
public sealed class CountingConsumer(DeliveryCounter counter) : IConsumer<NoteCreated>
{
    public Task Consume(ConsumeContext<NoteCreated> context)
    {
        counter.ByMessageId.AddOrUpdate(context.MessageId!.Value, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}
