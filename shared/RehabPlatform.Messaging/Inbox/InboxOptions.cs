using System.ComponentModel.DataAnnotations;

namespace RehabPlatform.Messaging;

public sealed class InboxOptions
{
    /// <summary>Must exceed the longest time a broker may redeliver a message.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}
