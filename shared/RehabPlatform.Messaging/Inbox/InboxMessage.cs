namespace RehabPlatform.Messaging.Inbox;

/// <summary>Proof that one consumer handled one message; committed with the consumer's effects.</summary>
public sealed class InboxMessage
{
    public required Guid MessageId { get; set; }

    public required string Consumer { get; set; }

    public required long ReceivedAtMs { get; set; }
}
