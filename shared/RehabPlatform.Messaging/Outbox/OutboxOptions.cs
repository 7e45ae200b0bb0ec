using System.ComponentModel.DataAnnotations;

namespace RehabPlatform.Messaging;

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
