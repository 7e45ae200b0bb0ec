using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace RehabPlatform.Messaging;

/// <summary>Traces and meters of the outbox relay and the inbox. Tags hold ids and type names only.</summary>
public sealed class MessagingTelemetry : IDisposable
{
    public const string SourceName = "RehabPlatform.Messaging";

    public static readonly ActivitySource ActivitySource = new(SourceName);

    private readonly Meter _meter;
    private long _backlog;
    private double _oldestAgeSeconds;
    private long _publishFailures;
    private long _unpublishable;
    private long _duplicates;

    public MessagingTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(SourceName);
        Published = _meter.CreateCounter<long>("rehab.outbox.published", "{message}", "Outbox rows published to the broker");
        // The rare events are observable counters: they are exported as 0 from the start, so a dashboard shows
        // "none" rather than "no data" until the first one happens.
        _meter.CreateObservableCounter("rehab.outbox.publish_failures", () => Interlocked.Read(ref _publishFailures), "{failure}", "Failed publish attempts (the row is retried)");
        _meter.CreateObservableCounter("rehab.outbox.unpublishable", () => Interlocked.Read(ref _unpublishable), "{message}", "Outbox rows that can never be published (kept for ops)");
        RelayDelay = _meter.CreateHistogram<double>("rehab.outbox.relay_delay", "ms", "Time from commit to broker confirm");
        Consumed = _meter.CreateCounter<long>("rehab.inbox.consumed", "{message}", "Messages whose effects were committed");
        _meter.CreateObservableCounter("rehab.inbox.duplicates", () => Interlocked.Read(ref _duplicates), "{message}", "Redelivered messages skipped by the inbox");
        ConsumerLag = _meter.CreateHistogram<double>("rehab.consumer.lag", "ms", "Time from send to consume");
        _meter.CreateObservableGauge("rehab.outbox.backlog", () => Interlocked.Read(ref _backlog), "{message}", "Outbox rows waiting to be published");
        _meter.CreateObservableGauge("rehab.outbox.oldest_age", () => Volatile.Read(ref _oldestAgeSeconds), "s", "Age of the oldest unpublished outbox row");
    }

    public Counter<long> Published { get; }
    public Histogram<double> RelayDelay { get; }
    public Counter<long> Consumed { get; }
    public Histogram<double> ConsumerLag { get; }

    public void RecordPublishFailure() => Interlocked.Increment(ref _publishFailures);

    public void RecordUnpublishable() => Interlocked.Increment(ref _unpublishable);

    public void RecordDuplicate() => Interlocked.Increment(ref _duplicates);

    public void RecordBacklog(int pending, double oldestAgeSeconds)
    {
        Interlocked.Exchange(ref _backlog, pending);
        Volatile.Write(ref _oldestAgeSeconds, oldestAgeSeconds);
    }

    public void Dispose() => _meter.Dispose();
}
