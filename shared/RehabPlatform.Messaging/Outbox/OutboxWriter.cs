using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using RehabPlatform.Contracts;

namespace RehabPlatform.Messaging.Outbox;

public static class OutboxWriter
{
    internal static readonly JsonSerializerOptions SerializerOptions = CreateSerializerOptions();

    /// <summary>
    /// Stages an event in the outbox of <paramref name="db"/>. It is stored by the caller's next SaveChanges,
    /// together with the state change, and published by the relay after commit.
    /// </summary>
    public static OutboxMessage AddEvent<TEvent>(this DbContext db, TEvent integrationEvent)
        where TEvent : class, IIntegrationEvent
    {
        ArgumentNullException.ThrowIfNull(integrationEvent);
        var current = Activity.Current;
        var message = new OutboxMessage
        {
            MessageId = NewId(),
            MessageType = EventTypeRegistry.UrnOf(typeof(TEvent)),
            Body = JsonSerializer.Serialize(integrationEvent, SerializerOptions),
            TraceParent = current?.Id is { } id && current.IdFormat == ActivityIdFormat.W3C ? id : null,
            TraceState = current?.TraceStateString,
            CreatedAtMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
        };
        db.Set<OutboxMessage>().Add(message);
        return message;
    }

    // Time-ordered ids keep the unique index on message_id append-friendly.
    private static Guid NewId() => Guid.CreateVersion7();

    private static JsonSerializerOptions CreateSerializerOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
