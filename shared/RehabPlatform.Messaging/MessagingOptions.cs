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

    /// <summary>Messages a consumer endpoint handles at once.</summary>
    [Range(1, 256)]
    public int PrefetchCount { get; set; } = 16;

    /// <summary>
    /// Hold host start-up until the bus is connected and its queues are bound. Off by default so that a
    /// service starts (and reports not-ready) while the broker is down; tests turn it on so that nothing is
    /// published before the consumers' bindings exist.
    /// </summary>
    public bool WaitUntilStarted { get; set; }

    public OutboxOptions Outbox { get; set; } = new();

    public InboxOptions Inbox { get; set; } = new();
}

public sealed class OutboxOptions
{
    /// <summary>Off only for tests that need rows to stay unrelayed, as after a crash.</summary>
    public bool RelayEnabled { get; set; } = true;

    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>The fallback poll when no commit woke the relay (another instance wrote, or a wake was lost).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claimed row stays reserved for one relay; longer than a publish can take.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MinBackoff { get; set; } = TimeSpan.FromMilliseconds(250);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Delivered rows are kept this long for investigation, then deleted.</summary>
    public TimeSpan DeliveredRetention { get; set; } = TimeSpan.FromDays(1);

    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(10);
}

public sealed class InboxOptions
{
    /// <summary>Must exceed the longest time a broker may redeliver a message.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}
