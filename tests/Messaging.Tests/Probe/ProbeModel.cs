using MassTransit;
using Microsoft.EntityFrameworkCore;
using RehabPlatform.Contracts;

namespace RehabPlatform.Messaging.Tests.Probe;

/// <summary>The probe's integration event: a stand-in for any service's event.</summary>
[MessageUrn("rehab:test:note-created:v1")]
public sealed record NoteCreated : IIntegrationEvent
{
    public required Guid NoteId { get; init; }
    public required string Label { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

public sealed class Note
{
    public required Guid Id { get; set; }
    public required string Label { get; set; }
}

/// <summary>One row per handled message; no unique key, so a duplicate effect would show as a second row.</summary>
public sealed class NoteEffect
{
    public long Id { get; set; }
    public required Guid NoteId { get; set; }
    public required Guid MessageId { get; set; }
    public string? TraceId { get; set; }
}

public class ProbeDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Note> Notes => Set<Note>();
    public DbSet<NoteEffect> Effects => Set<NoteEffect>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Note>().HasKey(n => n.Id);
        modelBuilder.Entity<NoteEffect>().HasKey(e => e.Id);
        modelBuilder.AddOutboxAndInbox();
    }
}

public sealed class ProbeSqliteDbContext(DbContextOptions<ProbeSqliteDbContext> options) : ProbeDbContext(options);

public sealed class ProbePostgresDbContext(DbContextOptions<ProbePostgresDbContext> options) : ProbeDbContext(options);
