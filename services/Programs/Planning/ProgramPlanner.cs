using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RehabPlatform.Contracts.Programs;
using RehabPlatform.Messaging.Outbox;
using RehabPlatform.Programs.Data;
using RehabPlatform.Programs.Model;

namespace RehabPlatform.Programs.Planning;

public sealed class FormDrillOptions
{
    public const string SectionName = "Programs:FormDrills";

    /// <summary>Cadence increase suggested for a low cadence, 5-10 % (Heiderscheit 2011).</summary>
    public double CadenceIncreasePercent { get; set; } = 7.5;
}

/// <summary>
/// Every change to a patient's program goes through here: it updates the program, records the decision,
/// and stages the event in the same unit of work. Callers save.
/// </summary>
public sealed class ProgramPlanner(ProgramsDbContext db, IOptions<PlanningOptions> planning, IOptions<FormDrillOptions> formDrills, ProgramsTelemetry telemetry, TimeProvider clock)
{
    public Task<PatientProgram?> ActiveProgramAsync(Guid patientId, CancellationToken ct) =>
        db.Programs.FirstOrDefaultAsync(p => p.PatientId == patientId && p.Status == ProgramStatus.Active, ct);

    /// <summary>The latest published Chain template tagged for automatic plans, preferring the runner tag for runners.</summary>
    public async Task<ProgramTemplateVersion?> DefaultTemplateAsync(bool isRunner, CancellationToken ct)
    {
        var rules = planning.Value;
        var candidates = (await db.Templates.AsNoTracking()
                .Where(t => t.Visibility == TemplateVisibility.Chain && t.Status == TemplateStatus.Published)
                .ToListAsync(ct))
            .Where(t => Tags(t).Contains(rules.DefaultTemplateTag))
            .GroupBy(t => t.TemplateId).Select(g => g.MaxBy(t => t.Version)!)
            .OrderByDescending(t => t.PublishedAt)
            .ToList();
        return (isRunner ? candidates.FirstOrDefault(t => Tags(t).Contains(rules.RunnerTemplateTag)) : null) ?? candidates.FirstOrDefault();
    }

    public (int Phase, string Reason) StartingPhase(Baseline baseline) => PlanSelector.StartingPhase(baseline, planning.Value);

    /// <summary>Assigns a program (closing any active one) and stages ProgramAssigned with the whole prescription.</summary>
    public async Task<PatientProgram> AssignAsync(KnownPatient patient, ProgramTemplateVersion template, int phase, CancellationToken ct)
    {
        if (await ActiveProgramAsync(patient.PatientId, ct) is { } current)
            Close(current, "replaced");

        var now = clock.GetUtcNow();
        var prescription = Prescriptions.Build(Phases(template), phase, template.SessionsPerWeek, []);
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
            PrescriptionJson = JsonSerializer.Serialize(prescription, ProgramJson.Options),
            FormDrillsJson = "[]",
            SettingsJson = template.SettingsJson,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Programs.Add(program);
        db.AddEvent(new ProgramAssigned
        {
            ProgramId = program.Id,
            PatientId = program.PatientId,
            ClinicId = program.ClinicId,
            TemplateId = program.TemplateId,
            TemplateVersion = program.TemplateVersion,
            ProgramVersion = program.ProgramVersion,
            Prescription = prescription,
            OccurredAt = now,
        });
        telemetry.ProgramsAssigned.Add(1);
        return program;
    }

    /// <summary>Runs the progression engine on a pain signal and applies (or proposes) its decision.</summary>
    public async Task<ProgressionDecisionRecord?> ProgressAsync(PatientProgram program, ProgressionSignal signal, CancellationToken ct)
    {
        var settings = Settings(program);
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

    /// <summary>A therapist sets the phase; the decision is stored and published like the engine's.</summary>
    public async Task<ProgressionDecisionRecord> OverrideAsync(PatientProgram program, int phase, string reasonCode, string therapist, CancellationToken ct)
    {
        program.ConsecutiveInLimitSessions = 0;
        var record = Record(program, ProgressionDecision.Override, reasonCode, phase, DecisionSource.Therapist, DecisionStatus.Applied, therapist);
        await ApplyPhaseAsync(program, record, ct);
        return record;
    }

    public async Task ApproveAsync(PatientProgram program, ProgressionDecisionRecord proposal, string therapist, CancellationToken ct)
    {
        proposal.Status = DecisionStatus.Applied;
        proposal.DecidedBy = therapist;
        program.ConsecutiveInLimitSessions = 0;
        await ApplyPhaseAsync(program, proposal, ct);
    }

    /// <summary>Adds the drills matching a form assessment's flags; nothing happens when no flag calls for one.</summary>
    public async Task<ProgressionDecisionRecord?> AddFormDrillsAsync(PatientProgram program, IReadOnlyCollection<string> flags, double? cadence, CancellationToken ct)
    {
        var drills = FormDrills.For(flags, cadence, formDrills.Value.CadenceIncreasePercent);
        if (drills.Count == 0)
            return null;
        var kept = JsonSerializer.Deserialize<List<PrescribedExercise>>(program.FormDrillsJson, ProgramJson.Options)!
            .Where(existing => drills.All(d => d.ExerciseCode != existing.ExerciseCode));
        program.FormDrillsJson = JsonSerializer.Serialize(kept.Concat(drills).ToList(), ProgramJson.Options);
        var record = Record(program, ProgressionDecision.FormDrillsAdded, "form-flags:" + string.Join('+', flags.Order()), program.Phase, DecisionSource.FormAssessment, DecisionStatus.Applied, null);
        await ApplyPhaseAsync(program, record, ct);
        return record;
    }

    /// <summary>Closes a program (referral, replacement) and publishes the closure with an empty prescription.</summary>
    public void Close(PatientProgram program, string reason)
    {
        program.Status = ProgramStatus.Closed;
        program.ClosedReason = reason;
        program.ProgramVersion++;
        program.UpdatedAt = clock.GetUtcNow();
        Record(program, ProgressionDecision.Closed, reason, program.Phase, DecisionSource.Referral, DecisionStatus.Applied, null).ResultingProgramVersion = program.ProgramVersion;
        db.AddEvent(new ProgramAdjusted
        {
            ProgramId = program.Id,
            PatientId = program.PatientId,
            ClinicId = program.ClinicId,
            ProgramVersion = program.ProgramVersion,
            Decision = ProgressionDecision.Closed,
            ReasonCode = reason,
            Prescription = new Prescription { Phase = program.Phase, SessionsPerWeek = 0, Exercises = [] },
            OccurredAt = program.UpdatedAt,
        });
    }

    private async Task ApplyPhaseAsync(PatientProgram program, ProgressionDecisionRecord record, CancellationToken ct)
    {
        var template = await db.Templates.AsNoTracking().SingleAsync(t => t.TemplateId == program.TemplateId && t.Version == program.TemplateVersion, ct);
        var drills = JsonSerializer.Deserialize<List<PrescribedExercise>>(program.FormDrillsJson, ProgramJson.Options)!;
        var prescription = Prescriptions.Build(Phases(template), record.ToPhase, template.SessionsPerWeek, drills);
        program.Phase = record.ToPhase;
        program.ProgramVersion++;
        program.PrescriptionJson = JsonSerializer.Serialize(prescription, ProgramJson.Options);
        program.UpdatedAt = clock.GetUtcNow();
        record.ResultingProgramVersion = program.ProgramVersion;
        db.AddEvent(new ProgramAdjusted
        {
            ProgramId = program.Id,
            PatientId = program.PatientId,
            ClinicId = program.ClinicId,
            ProgramVersion = program.ProgramVersion,
            Decision = record.Decision,
            ReasonCode = record.ReasonCode,
            Prescription = prescription,
            OccurredAt = program.UpdatedAt,
        });
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

    public static ProgressionSettings Settings(PatientProgram program) =>
        JsonSerializer.Deserialize<ProgressionSettings>(program.SettingsJson, ProgramJson.Options)!;

    public static IReadOnlyList<TemplatePhase> Phases(ProgramTemplateVersion template) =>
        JsonSerializer.Deserialize<List<TemplatePhase>>(template.PhasesJson, ProgramJson.Options)!;

    public static string[] Tags(ProgramTemplateVersion template) => template.Tags.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
