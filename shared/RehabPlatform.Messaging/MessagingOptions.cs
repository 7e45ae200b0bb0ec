using System.ComponentModel.DataAnnotations;

namespace RehabPlatform.Messaging;

/// <summary>Bound from the "Messaging" configuration section.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>amqp://user:password@host:port/vhost. The embedded default is a local node on loopback.</summary>
    [Required]
    public string BrokerUrl { get; set; } = "amqp://guest:guest@127.0.0.1:5672/";

    /// <summary>Retries of a failed consume, in milliseconds; zeros are immediate retries. Then the message goes to _error.</summary>
    public int[] RetryIntervalsMs { get; set; } = [0, 0, 200, 1000, 3000];

    /// <summary>Messages a consumer endpoint takes from the broker ahead of handling them.</summary>
    [Range(1, 256)]
    public int PrefetchCount { get; set; } = 16;

    /// <summary>
    /// Messages a consumer endpoint handles at once; unset, as many as it prefetches. On SQLite (one writer at a
    /// time) 4 cut the latency at half load about fourfold but let the queues grow at saturation (tests/Benchmarks/RESULTS.md).
    /// </summary>
    [Range(1, 256)]
    public int? ConcurrentMessageLimit { get; set; }

    /// <summary>
    /// Hold host start-up until the bus is connected and its queues are bound. Off by default so that a
    /// service starts (and reports not-ready) while the broker is down; tests turn it on so that nothing is
    /// published before the consumers' bindings exist.
    /// </summary>
    public bool WaitUntilStarted { get; set; }

    public OutboxOptions Outbox { get; set; } = new();

    public InboxOptions Inbox { get; set; } = new();
}
