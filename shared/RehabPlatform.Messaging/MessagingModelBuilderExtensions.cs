using Microsoft.EntityFrameworkCore;
using RehabPlatform.Messaging.Inbox;
using RehabPlatform.Messaging.Outbox;

namespace RehabPlatform.Messaging;

public static class MessagingModelBuilderExtensions
{
    public const string OutboxTable = "outbox_messages";
    public const string InboxTable = "inbox_messages";

    /// <summary>Adds the outbox and inbox tables to a service's model. Names are fixed: the relay's SQL uses them.</summary>
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<OutboxMessage>(b =>
        {
            b.ToTable(OutboxTable);
            b.HasKey(m => m.Id);
            b.Property(m => m.Id).HasColumnName("id").ValueGeneratedOnAdd();
            b.Property(m => m.MessageId).HasColumnName("message_id");
            b.Property(m => m.MessageType).HasColumnName("message_type").HasMaxLength(200);
            b.Property(m => m.Body).HasColumnName("body");
            b.Property(m => m.TraceParent).HasColumnName("trace_parent").HasMaxLength(128);
            b.Property(m => m.TraceState).HasColumnName("trace_state").HasMaxLength(512);
            b.Property(m => m.CreatedAtMs).HasColumnName("created_at_ms");
            b.Property(m => m.AttemptCount).HasColumnName("attempt_count");
            b.Property(m => m.LockToken).HasColumnName("lock_token").HasMaxLength(64);
            b.Property(m => m.LockedUntilMs).HasColumnName("locked_until_ms");
            b.Property(m => m.DeliveredAtMs).HasColumnName("delivered_at_ms");
            b.Property(m => m.FailedAtMs).HasColumnName("failed_at_ms");
            b.Property(m => m.LastError).HasColumnName("last_error").HasMaxLength(2000);
            b.HasIndex(m => m.MessageId).IsUnique();
            b.HasIndex(m => new { m.DeliveredAtMs, m.Id }).HasDatabaseName("ix_outbox_pending");
            b.HasIndex(m => m.LockToken);
        });

        modelBuilder.Entity<InboxMessage>(b =>
        {
            b.ToTable(InboxTable);
            b.HasKey(m => new { m.MessageId, m.Consumer });
            b.Property(m => m.MessageId).HasColumnName("message_id");
            b.Property(m => m.Consumer).HasColumnName("consumer").HasMaxLength(200);
            b.Property(m => m.ReceivedAtMs).HasColumnName("received_at_ms");
            b.HasIndex(m => m.ReceivedAtMs);
        });

        return modelBuilder;
    }
}
