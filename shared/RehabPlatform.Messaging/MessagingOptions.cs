using System.ComponentModel.DataAnnotations;

namespace RehabPlatform.Messaging;

/// <summary>Bound from the "Messaging" configuration section.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    /// <summary>amqp://user:password@host:port/vhost. The embedded default is a local node on loopback.</summary>
    [Required]
    public string BrokerUrl { get; set; } = "amqp://guest:guest@127.0.0.1:5672/";

    /// <summary>
    /// Further nodes of a RabbitMQ cluster ("host" or "host:port"), tried in turn when the node in
    /// <see cref="BrokerUrl"/> cannot be reached; credentials and virtual host come from <see cref="BrokerUrl"/>.
    /// </summary>
    public string[] ClusterNodes { get; set; } = [];

    /// <summary>
    /// The type of the queues the consumers declare (their _error and _skipped queues follow). Classic durable
    /// queues suit one node; on a cluster, quorum queues are replicated (Raft) to a majority of nodes before a
    /// publish is confirmed, so losing a node loses no message. An existing queue keeps its type: switching needs
    /// the queues drained and deleted first (README, "RabbitMQ cluster").
    /// </summary>
    public BrokerQueueType QueueType { get; set; } = BrokerQueueType.Classic;

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

public enum BrokerQueueType { Classic, Quorum }
