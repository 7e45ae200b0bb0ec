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

    public MessagingTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(SourceName);
        Published = _meter.CreateCounter<long>("rehab.outbox.published", "{message}", "Outbox rows published to the broker");
        PublishFailures = _meter.CreateCounter<long>("rehab.outbox.publish_failures", "{failure}", "Failed publish attempts (the row is retried)");
        DeadLettered = _meter.CreateCounter<long>("rehab.outbox.unpublishable", "{message}", "Outbox rows that can never be published (kept for ops)");
        RelayDelay = _meter.CreateHistogram<double>("rehab.outbox.relay_delay", "ms", "Time from commit to broker confirm");
        Consumed = _meter.CreateCounter<long>("rehab.inbox.consumed", "{message}", "Messages whose effects were committed");
        Duplicates = _meter.CreateCounter<long>("rehab.inbox.duplicates", "{message}", "Redelivered messages skipped by the inbox");
        ConsumerLag = _meter.CreateHistogram<double>("rehab.consumer.lag", "ms", "Time from send to consume");
        _meter.CreateObservableGauge("rehab.outbox.backlog", () => Interlocked.Read(ref _backlog), "{message}", "Outbox rows waiting to be published");
        _meter.CreateObservableGauge("rehab.outbox.oldest_age", () => Volatile.Read(ref _oldestAgeSeconds), "s", "Age of the oldest unpublished outbox row");
    }

    public Counter<long> Published { get; }
    public Counter<long> PublishFailures { get; }
    public Counter<long> DeadLettered { get; }
    public Histogram<double> RelayDelay { get; }
    public Counter<long> Consumed { get; }
    public Counter<long> Duplicates { get; }
    public Histogram<double> ConsumerLag { get; }

    public void RecordBacklog(int pending, double oldestAgeSeconds)
    {
        Interlocked.Exchange(ref _backlog, pending);
        Volatile.Write(ref _oldestAgeSeconds, oldestAgeSeconds);
    }

    public void Dispose() => _meter.Dispose();
}
