using Microsoft.Extensions.Options;

namespace RehabPlatform.Programs.UseCases;

/// <summary>
/// Every change to a patient's program goes through here, whoever asks (an intake, the pain-monitoring engine, a
/// form assessment, a therapist): a patient has at most one active program; nothing changes it while treatment
/// consent is withdrawn; a referred-out patient gets none. Each change updates the program, records the decision
/// and stages its event in the same unit of work. Callers save.
/// </summary>
public sealed class ProgramPlanner(ProgramsDbContext db, TemplateCatalog templates, IOptions<PlanningOptions> planning, IOptions<FormDrillOptions> formDrills,
    ProgramsTelemetry telemetry, TimeProvider clock)
{
    /// <summary>Why a change asked for was not made.</summary>
    public enum Refusal { ConsentWithdrawn, ReferredOut, TemplateNotFound, NoActiveProgram, DecisionNotFound, NotPending }

    public abstract record Outcome
    {
        public sealed record Changed(PatientProgram Program, ProgressionDecisionRecord? Decision) : Outcome;
        public sealed record Refused(Refusal Reason) : Outcome;
    }

    public enum IntakePlan { Assigned, AlreadyOnProgram, ConsentWithdrawn, NoDefaultTemplate }

    public Task<PatientProgram?> ActiveProgramAsync(Guid patientId, CancellationToken ct) =>
        db.Programs.FirstOrDefaultAsync(p => p.PatientId == patientId && p.Status == ProgramStatus.Active, ct);

    /// <summary>The program an automatic change may touch: the patient's active one, unless they withdrew treatment consent (one query).</summary>
    public Task<PatientProgram?> ProgramForAutomaticChangeAsync(Guid patientId, CancellationToken ct) =>
        db.Programs.FirstOrDefaultAsync(p => p.PatientId == patientId && p.Status == ProgramStatus.Active
            && !db.Patients.Any(k => k.PatientId == patientId && k.TreatmentConsentWithdrawn), ct);

    /// <summary>A patient cleared at intake starts the default chain template at the phase the planning rules pick.</summary>
    public async Task<(IntakePlan Plan, int Phase, string Reason)> PlanAfterIntakeAsync(KnownPatient patient, Baseline baseline, CancellationToken ct)
    {
        if (patient.TreatmentConsentWithdrawn)
            return (IntakePlan.ConsentWithdrawn, 0, "consent-withdrawn");
        if (await db.Programs.AnyAsync(p => p.PatientId == patient.PatientId && p.Status == ProgramStatus.Active, ct))
            return (IntakePlan.AlreadyOnProgram, 0, "already-on-program");
        if (await templates.DefaultTemplateAsync(baseline.IsRunner, ct) is not { } template)
            return (IntakePlan.NoDefaultTemplate, 0, "no-default-template");
        var (phase, reason) = PlanSelector.StartingPhase(baseline, planning.Value);
        Assign(patient, template, phase, current: null);
        return (IntakePlan.Assigned, phase, reason);
    }

    /// <summary>A therapist assigns (or replaces) the program, on a published template version they can see.</summary>
    public async Task<Outcome> AssignByTherapistAsync(KnownPatient patient, Guid templateId, int? templateVersion, int phase, CallerContext caller, CancellationToken ct)
    {
        if (patient.TreatmentConsentWithdrawn)
            return new Outcome.Refused(Refusal.ConsentWithdrawn);
        if (patient.ReferredOut)
            return new Outcome.Refused(Refusal.ReferredOut);
        if (await templates.AssignableAsync(templateId, templateVersion, caller, ct) is not { } template)
            return new Outcome.Refused(Refusal.TemplateNotFound);
        var program = Assign(patient, template, phase, await ActiveProgramAsync(patient.PatientId, ct));
        return new Outcome.Changed(program, null);
    }

    /// <summary>A therapist sets the phase; the decision is stored and published like the engine's.</summary>
    public async Task<Outcome> OverrideAsync(KnownPatient patient, int phase, string reasonCode, string therapist, CancellationToken ct)
    {
        if (patient.TreatmentConsentWithdrawn)
            return new Outcome.Refused(Refusal.ConsentWithdrawn);
        if (await ActiveProgramAsync(patient.PatientId, ct) is not { } program)
            return new Outcome.Refused(Refusal.NoActiveProgram);
        program.ConsecutiveInLimitSessions = 0;
        var record = Record(program, ProgressionDecision.Override, reasonCode, phase, DecisionSource.Therapist, DecisionStatus.Applied, therapist);
        await ApplyPhaseAsync(program, record, ct);
        return new Outcome.Changed(program, record);
    }

    /// <summary>A therapist approves or rejects what the engine proposed for the current phase of the active program.</summary>
    public async Task<Outcome> DecideAsync(KnownPatient patient, Guid decisionId, bool approve, string therapist, CancellationToken ct)
    {
        if (patient.TreatmentConsentWithdrawn)
            return new Outcome.Refused(Refusal.ConsentWithdrawn);
        var proposal = await db.Decisions.SingleOrDefaultAsync(d => d.Id == decisionId && d.PatientId == patient.PatientId, ct);
        if (proposal is null)
            return new Outcome.Refused(Refusal.DecisionNotFound);
        var program = await ActiveProgramAsync(patient.PatientId, ct);
        if (proposal.Status != DecisionStatus.Proposed || program is null || program.Id != proposal.ProgramId || program.Phase != proposal.FromPhase)
            return new Outcome.Refused(Refusal.NotPending);
        proposal.DecidedBy = therapist;
        if (!approve)
        {
            proposal.Status = DecisionStatus.Rejected;
            return new Outcome.Changed(program, proposal);
        }
        proposal.Status = DecisionStatus.Applied;
        program.ConsecutiveInLimitSessions = 0;
        await ApplyPhaseAsync(program, proposal, ct);
        return new Outcome.Changed(program, proposal);
    }

    /// <summary>Runs the progression engine on a pain signal and applies (or proposes) its decision.</summary>
    public async Task<ProgressionDecisionRecord?> ProgressAsync(PatientProgram program, ProgressionSignal signal, CancellationToken ct)
    {
        var settings = program.Settings;
        var before = new ProgressionState(program.Phase, program.ConsecutiveInLimitSessions);
        var outcome = ProgressionEngine.Apply(before, signal, settings);
        program.ConsecutiveInLimitSessions = outcome.State.ConsecutiveInLimitSessions;
        program.UpdatedAt = clock.GetUtcNow();
        if (outcome.Decision is not { } decision)
            return null;

        var needsApproval = settings.RequireApproval && outcome.ChangesPhase(before);
        var record = Record(program, decision, outcome.ReasonCode, outcome.State.Phase, DecisionSource.Engine, needsApproval ? DecisionStatus.Proposed : DecisionStatus.Applied, null);
        if (!needsApproval)
            await ApplyPhaseAsync(program, record, ct);
        return record;
    }

    /// <summary>Adds the drills matching a form assessment's flags; nothing happens when no flag calls for one.</summary>
    public async Task<ProgressionDecisionRecord?> AddFormDrillsAsync(PatientProgram program, IReadOnlyCollection<string> flags, double? cadence, CancellationToken ct)
    {
        var drills = FormDrills.For(flags, cadence, formDrills.Value.CadenceIncreasePercent);
        if (drills.Count == 0)
            return null;
        program.FormDrills = [.. program.FormDrills.Where(existing => drills.All(d => d.ExerciseCode != existing.ExerciseCode)), .. drills];
        var record = Record(program, ProgressionDecision.FormDrillsAdded, "form-flags:" + string.Join('+', flags.Order()), program.Phase, DecisionSource.FormAssessment, DecisionStatus.Applied, null);
        await ApplyPhaseAsync(program, record, ct);
        return record;
    }

    /// <summary>A red flag at intake: any active program is closed, and published with an empty prescription.</summary>
    public async Task CloseActiveAsync(Guid patientId, string reason, CancellationToken ct)
    {
        if (await ActiveProgramAsync(patientId, ct) is { } program)
            Close(program, reason);
    }

    private PatientProgram Assign(KnownPatient patient, ProgramTemplateVersion template, int phase, PatientProgram? current)
    {
        if (current is not null)
            Close(current, "replaced");
        var now = clock.GetUtcNow();
        var program = new PatientProgram
        {
            Id = Guid.CreateVersion7(),
            PatientId = patient.PatientId,
            ClinicId = patient.ClinicId,
            TemplateId = template.TemplateId,
            TemplateVersion = template.Version,
            ProgramVersion = 1,
            Phase = phase,
            ConsecutiveInLimitSessions = 0,
            Status = ProgramStatus.Active,
            Prescription = Prescription.Build(template.Phases, phase, template.SessionsPerWeek, []),
            FormDrills = [],
            Settings = template.Settings,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Programs.Add(program);
        db.AddEvent(program.ToAssignedEvent());
        telemetry.ProgramsAssigned.Add(1);
        return program;
    }

    private void Close(PatientProgram program, string reason)
    {
        program.Status = ProgramStatus.Closed;
        program.ClosedReason = reason;
        program.ProgramVersion++;
        program.UpdatedAt = clock.GetUtcNow();
        Record(program, ProgressionDecision.Closed, reason, program.Phase, DecisionSource.Referral, DecisionStatus.Applied, null).ResultingProgramVersion = program.ProgramVersion;
        db.AddEvent(program.ToAdjustedEvent(ProgressionDecision.Closed, reason));
    }

    private async Task ApplyPhaseAsync(PatientProgram program, ProgressionDecisionRecord record, CancellationToken ct)
    {
        var template = await db.Templates.AsNoTracking().SingleAsync(t => t.TemplateId == program.TemplateId && t.Version == program.TemplateVersion, ct);
        program.Prescription = Prescription.Build(template.Phases, record.ToPhase, template.SessionsPerWeek, program.FormDrills);
        program.Phase = record.ToPhase;
        program.ProgramVersion++;
        program.UpdatedAt = clock.GetUtcNow();
        record.ResultingProgramVersion = program.ProgramVersion;
        db.AddEvent(program.ToAdjustedEvent(record.Decision, record.ReasonCode));
        telemetry.Adjustments.Add(1, new KeyValuePair<string, object?>("decision", record.Decision.ToString()));
    }

    private ProgressionDecisionRecord Record(PatientProgram program, ProgressionDecision decision, string reason, int toPhase, DecisionSource source, DecisionStatus status, string? by)
    {
        var record = new ProgressionDecisionRecord
        {
            Id = Guid.CreateVersion7(),
            ProgramId = program.Id,
            PatientId = program.PatientId,
            ClinicId = program.ClinicId,
            Decision = decision,
            ReasonCode = reason,
            FromPhase = program.Phase,
            ToPhase = toPhase,
            Source = source,
            Status = status,
            At = clock.GetUtcNow(),
            DecidedBy = by,
        };
        db.Decisions.Add(record);
        return record;
    }
}
