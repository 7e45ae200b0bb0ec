namespace RehabPlatform.Messaging.Outbox;

/// <summary>
/// An event waiting to be published, written by the same SaveChanges as the state change it describes.
/// Times are Unix milliseconds so that the relay's claiming SQL is the same on SQLite and PostgreSQL.
/// </summary>
public sealed class OutboxMessage
{
    /// <summary>Insertion order; the relay publishes in this order.</summary>
    public long Id { get; set; }

    public required Guid MessageId { get; set; }

    /// <summary>The event's stable message URN.</summary>
    public required string MessageType { get; set; }

    public required string Body { get; set; }

    /// <summary>W3C traceparent of the activity that wrote the row, so the consumer joins the trace.</summary>
    public string? TraceParent { get; set; }

    public string? TraceState { get; set; }

    public required long CreatedAtMs { get; set; }

    public int AttemptCount { get; set; }

    public string? LockToken { get; set; }

    public long? LockedUntilMs { get; set; }

    public long? DeliveredAtMs { get; set; }

    /// <summary>Set when the row can never be published (unknown type, unreadable body); kept for ops, never dropped.</summary>
    public long? FailedAtMs { get; set; }

    public string? LastError { get; set; }
}
