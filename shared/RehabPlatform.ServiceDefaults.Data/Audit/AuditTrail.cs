using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using RehabPlatform.ServiceDefaults.Auth;

namespace RehabPlatform.ServiceDefaults.Audit;

/// <summary>Records accesses to patient data in the service's own database, as the calling user.</summary>
public sealed class AuditTrail(DbContext db, CallerContext caller, TimeProvider clock, AuditWriter writer)
{
    /// <summary>Stages an entry that commits with the caller's next SaveChanges (successful reads and writes).</summary>
    public void Stage(string resourceType, string? resourceId, Guid? clinicId, Guid? patientId, AuditAction action, AuditOutcome outcome = AuditOutcome.Success, string? purpose = null) =>
        db.Set<AuditEntry>().Add(Entry(resourceType, resourceId, clinicId, patientId, action, outcome, purpose));

    /// <summary>
    /// Records a successful read, committed (with other requests' reads) before this returns. A read that has changed
    /// nothing else is its own unit of work; if the context does hold changes, the entry commits with them as before.
    /// </summary>
    public async Task RecordReadAsync(string resourceType, string? resourceId, Guid? clinicId, Guid? patientId, string? purpose = null, CancellationToken ct = default)
    {
        if (db.ChangeTracker.HasChanges())
        {
            Stage(resourceType, resourceId, clinicId, patientId, AuditAction.Read, AuditOutcome.Success, purpose);
            await db.SaveChangesAsync(ct);
            return;
        }
        await writer.AppendAsync(Entry(resourceType, resourceId, clinicId, patientId, AuditAction.Read, AuditOutcome.Success, purpose), ct);
    }

    private AuditEntry Entry(string resourceType, string? resourceId, Guid? clinicId, Guid? patientId, AuditAction action, AuditOutcome outcome, string? purpose) =>
        new()
        {
            At = clock.GetUtcNow(),
            UserId = caller.UserId,
            Role = caller.Role,
            ClinicId = clinicId,
            PatientId = patientId,
            ResourceType = resourceType,
            ResourceId = resourceId,
            Action = action,
            Outcome = outcome,
            Purpose = purpose,
        };

    /// <summary>
    /// Whether the caller may reach a patient known to be at <paramref name="clinicId"/> (null: unknown here).
    /// A refusal is audited as what it really was (not found, or denied) while the caller sees a 404 either way.
    /// </summary>
    public async Task<bool> CanReachPatientAsync(Guid? clinicId, Guid patientId, string resourceType, AuditAction action, CancellationToken ct = default)
    {
        if (clinicId is { } clinic && caller.CanReachPatient(patientId, clinic))
            return true;
        // Runs before the request stages anything, so the refusal is its whole unit of work.
        await writer.AppendAsync(Entry(resourceType, null, clinicId, patientId, action, clinicId is null ? AuditOutcome.NotFound : AuditOutcome.Denied, null), ct);
        return false;
    }

    /// <summary>Records an entry on its own, for attempts that store nothing else (denied, not found, invalid, reads).</summary>
    public async Task RecordAsync(string resourceType, string? resourceId, Guid? clinicId, Guid? patientId, AuditAction action, AuditOutcome outcome, CancellationToken ct = default) =>
        await RecordAsync(resourceType, resourceId, clinicId, patientId, action, outcome, purpose: null, ct);

    /// <inheritdoc cref="RecordAsync(string, string?, Guid?, Guid?, AuditAction, AuditOutcome, CancellationToken)"/>
    public async Task RecordAsync(string resourceType, string? resourceId, Guid? clinicId, Guid? patientId, AuditAction action, AuditOutcome outcome, string? purpose, CancellationToken ct = default)
    {
        // Whatever the failed request staged must not be committed, then or by a later save of this context.
        db.ChangeTracker.Clear();
        await writer.AppendAsync(Entry(resourceType, resourceId, clinicId, patientId, action, outcome, purpose), ct);
    }
}

public static class AuditModelBuilderExtensions
{
    public static ModelBuilder AddAuditLog(this ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AuditEntry>(b =>
        {
            b.ToTable("audit_log");
            b.HasKey(e => e.Id);
            b.Property(e => e.UserId).HasMaxLength(200);
            b.Property(e => e.Role).HasMaxLength(50);
            b.Property(e => e.ResourceType).HasMaxLength(100);
            b.Property(e => e.ResourceId).HasMaxLength(100);
            b.Property(e => e.Purpose).HasMaxLength(100);
            b.Property(e => e.Action).HasConversion<string>().HasMaxLength(20);
            b.Property(e => e.Outcome).HasConversion<string>().HasMaxLength(20);
            b.HasIndex(e => e.PatientId);
            b.HasIndex(e => e.UserId);
        });
        return modelBuilder;
    }
}

/// <summary>Keeps the audit log append-only: a SaveChanges that modifies or deletes an entry fails.</summary>
public sealed class AppendOnlyAuditInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Guard(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Guard(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Guard(DbContext? context)
    {
        if (context?.ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted) == true)
            throw new InvalidOperationException("The audit log is append-only.");
    }
}
