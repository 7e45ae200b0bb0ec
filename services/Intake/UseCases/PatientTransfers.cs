using RehabPlatform.Contracts.Intake;

namespace RehabPlatform.Intake.UseCases;

/// <summary>Moving a patient between clinics: at once where the caller may, otherwise as a request the receiving clinic decides.</summary>
public sealed class PatientTransfers(IntakeDbContext db, CallerContext caller, AuditTrail audit, TimeProvider clock)
{
    public abstract record Outcome
    {
        public sealed record Moved(Patient Patient) : Outcome;
        public sealed record Requested(TransferRequest Request) : Outcome;
        public sealed record AlreadyRequested(Guid RequestId) : Outcome;
        public sealed record UnknownClinic : Outcome;
        public sealed record SameClinic : Outcome;
    }

    /// <summary>For a patient the caller can reach (checked by the route).</summary>
    public async Task<Outcome> TransferOrRequestAsync(Patient patient, Guid to, CancellationToken ct)
    {
        if (to == patient.ClinicId)
            return new Outcome.SameClinic();
        if (!await db.Clinics.AnyAsync(c => c.Id == to, ct))
            return new Outcome.UnknownClinic();
        if (TransferPolicy.MayTransferDirectly(caller.Role, caller.CanAccessClinic, patient.ClinicId, to))
        {
            await MoveAsync(patient, to, ct);
            return new Outcome.Moved(patient);
        }

        var pending = await db.TransferRequests.Where(r => r.PatientId == patient.Id && r.Status == TransferStatus.Pending).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(ct);
        if (pending is { } existing)
            return new Outcome.AlreadyRequested(existing);
        var request = new TransferRequest
        {
            Id = Guid.CreateVersion7(), PatientId = patient.Id, FromClinicId = patient.ClinicId, ToClinicId = to,
            RequestedBy = caller.UserId, RequestedAt = clock.GetUtcNow(),
        };
        db.TransferRequests.Add(request);
        audit.Stage(PatientAccess.ResourceType, patient.Id.ToString(), patient.ClinicId, patient.Id, AuditAction.Transfer, purpose: "requested to " + to);
        await db.SaveChangesAsync(ct);
        return new Outcome.Requested(request);
    }

    public abstract record Decision
    {
        public sealed record Done(TransferRequest Request) : Decision;
        public sealed record NotFound : Decision;
        public sealed record NotAllowed : Decision;
        public sealed record AlreadyDecided : Decision;
        public sealed record Stale : Decision;
    }

    public async Task<Decision> DecideAsync(Guid requestId, bool accept, CancellationToken ct)
    {
        var request = await db.TransferRequests.SingleOrDefaultAsync(r => r.Id == requestId, ct);
        // A request is visible to the clinics it names; to anyone else it does not exist.
        if (request is null || !caller.CanAccessClinic(request.ToClinicId) && !caller.CanAccessClinic(request.FromClinicId))
            return new Decision.NotFound();
        if (!TransferPolicy.MayDecide(caller.Role, caller.CanAccessClinic, request.ToClinicId))
        {
            await audit.RecordAsync(PatientAccess.ResourceType, request.PatientId.ToString(), request.ToClinicId, request.PatientId, AuditAction.Transfer, AuditOutcome.Denied, ct);
            return new Decision.NotAllowed();
        }
        if (request.Status != TransferStatus.Pending)
            return new Decision.AlreadyDecided();
        var patient = await db.Patients.SingleAsync(p => p.Id == request.PatientId, ct);
        if (accept && patient.ClinicId != request.FromClinicId)
            return new Decision.Stale();

        request.Decide(accept, caller.UserId, clock.GetUtcNow());
        if (accept)
        {
            await MoveAsync(patient, request.ToClinicId, ct);
        }
        else
        {
            audit.Stage(PatientAccess.ResourceType, patient.Id.ToString(), request.ToClinicId, patient.Id, AuditAction.Transfer, purpose: "declined");
            await db.SaveChangesAsync(ct);
        }
        return new Decision.Done(request);
    }

    /// <summary>The patient, their intakes and the event that tells the other services, in one transaction with whatever else is staged.</summary>
    private async Task MoveAsync(Patient patient, Guid to, CancellationToken ct)
    {
        using var writer = await WriteGate.EnterAsync(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var from = patient.ClinicId;
        patient.ClinicId = to;
        await db.Intakes.Where(i => i.PatientId == patient.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.ClinicId, to), ct);
        db.AddEvent(new PatientTransferred { PatientId = patient.Id, ClinicId = to, FromClinicId = from, OccurredAt = clock.GetUtcNow() });
        audit.Stage(PatientAccess.ResourceType, patient.Id.ToString(), from, patient.Id, AuditAction.Transfer, purpose: "to " + to);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }
}
