using RehabPlatform.Contracts.Sessions;

namespace RehabPlatform.Sessions.UseCases;

/// <summary>
/// Logging a session: which prescription version it followed (the current one, or the one it replaced for a session
/// done before a progression and logged after it), whether its exercises were prescribed, and the session with its
/// <see cref="SessionCompleted"/> and idempotency key committed together.
/// </summary>
public sealed class SessionLog(SessionsDbContext db, CallerContext caller, AuditTrail audit, IdempotentRequests idempotency, SessionsTelemetry telemetry, TimeProvider clock)
{
    public abstract record Outcome
    {
        public sealed record Logged(TreatmentSession Session) : Outcome;
        public sealed record Invalid(FieldErrors Errors) : Outcome;
        public sealed record NoActiveProgram : Outcome;

        /// <summary>A concurrent retry with the same key committed first; this is its answer.</summary>
        public sealed record Retried(IResult Answer) : Outcome;
    }

    /// <summary>For a patient the caller reaches at <paramref name="clinicId"/>.</summary>
    public async Task<Outcome> LogAsync(Guid patientId, Guid clinicId, SessionsApi.LogSessionRequest request, string? idempotencyKey, CancellationToken ct)
    {
        if (await PatientScope.ActivePrescriptionAsync(db, patientId, ct) is not { } prescription)
            return new Outcome.NoActiveProgram();

        var now = clock.GetUtcNow();
        var errors = SessionsApi.Validate(request, now);
        if (caller.IsPatient && request.Setting == Model.SessionSetting.InClinic)
            errors.Add("setting", "Sessions you log yourself are home sessions; your therapist logs the ones at the clinic.");
        var followable = prescription.FollowableAt(request.PerformedAt ?? now)
            .Select(p => (p.Version, p.Prescription.Phase, Codes: p.Prescription.Exercises.Select(e => e.ExerciseCode).ToHashSet()))
            .ToList();
        var listed = (request.Exercises ?? []).Where(e => e.Extra != true && e.ExerciseCode is not null).Select(e => e.ExerciseCode!).ToList();
        var (version, phase, prescribed) = followable.FirstOrDefault(p => listed.All(p.Codes.Contains), followable[0]);
        var versions = string.Join(" or ", followable.Select(p => p.Version));
        for (var i = 0; i < (request.Exercises?.Length ?? 0); i++)
        {
            var exercise = request.Exercises![i];
            if (exercise.ExerciseCode is { } code && !prescribed.Contains(code) && exercise.Extra != true)
                errors.Add($"exercises[{i}].exerciseCode", $"Not in the prescription the session could follow (program version {versions}); mark it as extra to log it anyway.");
        }
        if (errors.Any)
        {
            await audit.RecordAsync(SessionsApi.SessionResource, null, clinicId, patientId, AuditAction.Create, AuditOutcome.Invalid, ct);
            return new Outcome.Invalid(errors);
        }

        var exercises = request.Exercises!.Select(e => new ExerciseDone(e.ExerciseCode!, e.SetsDone!.Value, e.RepsDone, e.HoldSecondsDone, e.Extra ?? false)).ToList();
        var session = new TreatmentSession
        {
            Id = Guid.CreateVersion7(), PatientId = patientId, ClinicId = clinicId, ProgramId = prescription.ProgramId, ProgramVersion = version,
            Setting = request.Setting!.Value, PerformedAt = request.PerformedAt!.Value, PainBefore = request.PainBefore!.Value, PainDuring = request.PainDuring!.Value,
            PainAfter = request.PainAfter!.Value, MinutesToSettle = request.MinutesToSettle, Rpe = request.Rpe, Notes = request.Notes?.Trim(),
            Exercises = exercises, RecordedBy = caller.UserId, RecordedAt = now,
        };
        db.Sessions.Add(session);
        db.AddEvent(new SessionCompleted
        {
            SessionId = session.Id, PatientId = patientId, ClinicId = clinicId, ProgramId = session.ProgramId, ProgramVersion = session.ProgramVersion,
            Setting = session.Setting.ToContract(), PerformedAt = session.PerformedAt, PainBefore = session.PainBefore, PainDuring = session.PainDuring,
            PainAfter = session.PainAfter, MinutesToSettle = session.MinutesToSettle, Rpe = session.Rpe, Phase = phase,
            Exercises = exercises.Select(e => new ExerciseCompletion { ExerciseCode = e.ExerciseCode, SetsDone = e.SetsDone, RepsDone = e.RepsDone, HoldSecondsDone = e.HoldSecondsDone, Extra = e.Extra }).ToList(),
            OccurredAt = now,
        });
        audit.Stage(SessionsApi.SessionResource, session.Id.ToString(), clinicId, patientId, AuditAction.Create);
        idempotency.Remember(idempotencyKey, SessionsApi.LogOperation, StatusCodes.Status201Created, session.Id, $"/api/sessions/patients/{patientId}/sessions/{session.Id}");
        if (await idempotency.SaveOrReplayAsync(idempotencyKey, SessionsApi.LogOperation,
                SessionsApi.ReplayReader(db, audit, patientId, clinicId), ct) is { } concurrent)
            return new Outcome.Retried(concurrent);
        telemetry.SessionsLogged.Add(1, MetricTags.Clinic(session.ClinicId), new("setting", session.Setting.ToString()));
        return new Outcome.Logged(session);
    }
}
