using System.Globalization;
using Microsoft.Extensions.Options;

namespace RehabPlatform.Programs.UseCases;

/// <summary>
/// Every change to a patient's program goes through here, whoever asks (an intake, the pain-monitoring engine, a
/// form assessment, a therapist): a patient has at most one active program; nothing changes it while treatment
/// consent is withdrawn; a referred-out patient gets none. Each change updates the program, records the decision
/// and stages its event in the same unit of work. Callers save.
/// </summary>
public sealed class ProgramPlanner(ProgramsDbContext db, TemplateCatalog templates, ExerciseCategoryCache categories, IOptions<PlanningOptions> planning,
    IOptions<FormDrillOptions> formDrills, ProgramsTelemetry telemetry, TimeProvider clock)
{
    /// <summary>Why a change asked for was not made.</summary>
    public enum Refusal { ConsentWithdrawn, ReferredOut, TemplateNotFound, NoActiveProgram, DecisionNotFound, NotPending, ReadinessNotRecorded }

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
        await AssignAsync(patient, template, phase, current: null, ct);
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
        var program = await AssignAsync(patient, template, phase, await ActiveProgramAsync(patient.PatientId, ct), ct);
        return new Outcome.Changed(program, null);
    }

    /// <summary>
    /// A therapist sets the phase; the decision is stored and published like the engine's. Return to run needs the
    /// readiness criteria recorded first, whoever asks.
    /// </summary>
    public async Task<Outcome> OverrideAsync(KnownPatient patient, int phase, string reasonCode, string therapist, CancellationToken ct)
    {
        if (patient.TreatmentConsentWithdrawn)
            return new Outcome.Refused(Refusal.ConsentWithdrawn);
        if (await ActiveProgramAsync(patient.PatientId, ct) is not { } program)
            return new Outcome.Refused(Refusal.NoActiveProgram);
        if (EntersReturnToRun(program, phase) && !await ReadyToRunAsync(program, ct))
            return new Outcome.Refused(Refusal.ReadinessNotRecorded);
        var rule = new ProgressionRule(reasonCode, "Therapist's clinical judgement", "Your physiotherapist changed your program's stage.");
        var record = Record(program, ProgressionDecision.Override, rule, Target(program, phase), DecisionSource.Therapist, DecisionStatus.Applied, therapist,
            new Dictionary<string, string> { ["fromPhase"] = program.Phase.ToString(CultureInfo.InvariantCulture), ["toPhase"] = phase.ToString(CultureInfo.InvariantCulture) });
        await ApplyAsync(program, record, ct);
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
        if (approve && EntersReturnToRun(program, proposal.ToPhase) && !await ReadyToRunAsync(program, ct))
            return new Outcome.Refused(Refusal.ReadinessNotRecorded);
        proposal.DecidedBy = therapist;
        if (!approve)
        {
            proposal.Status = DecisionStatus.Rejected;
            return new Outcome.Changed(program, proposal);
        }
        proposal.Status = DecisionStatus.Applied;
        if (proposal.ProposedDrills is { } drills)
            program.FormDrills = MergeDrills(program.FormDrills, drills);
        await ApplyAsync(program, proposal, ct);
        return new Outcome.Changed(program, proposal);
    }

    /// <summary>A therapist records the return-to-run readiness criteria they checked with the patient.</summary>
    public async Task<(ReturnToRunReadiness? Readiness, Refusal? Refused)> RecordReadinessAsync(KnownPatient patient, bool briskWalk, bool dailyPain, bool singleLeg,
        string therapist, CancellationToken ct)
    {
        if (await ActiveProgramAsync(patient.PatientId, ct) is not { } program)
            return (null, Refusal.NoActiveProgram);
        var readiness = new ReturnToRunReadiness
        {
            Id = Guid.CreateVersion7(), PatientId = patient.PatientId, ClinicId = patient.ClinicId, ProgramId = program.Id,
            BriskWalk30MinutesPainFree = briskWalk, DailyPainAtMost2 = dailyPain, SingleLegTasksPainFree = singleLeg,
            RecordedBy = therapist, RecordedAt = clock.GetUtcNow(),
        };
        db.Readiness.Add(readiness);
        return (readiness, null);
    }

    /// <summary>Runs the engine on a signal about the patient's program, when there is one an automatic change may touch.</summary>
    public async Task<ProgressionDecisionRecord?> ProgressAsync(Guid patientId, ProgressionSignal signal, CancellationToken ct) =>
        await ProgramForAutomaticChangeAsync(patientId, ct) is { } program ? await ProgressAsync(program, signal, ct) : null;

    /// <summary>
    /// Runs the pain-monitoring engine on a signal, with what it needs to look back on, records the verdict on the
    /// session the signal concerns, and applies the decision, or proposes it when it needs a therapist.
    /// </summary>
    public async Task<ProgressionDecisionRecord?> ProgressAsync(PatientProgram program, ProgressionSignal signal, CancellationToken ct)
    {
        var (record, outcome) = await ProgressWithAsync(program, signal, await HistoryAsync(program, signal, ct), ct);
        // A next-morning report can arrive before its session (they travel on separate queues): it was kept, and
        // counts now that the session is here.
        if (signal is SessionSignal session && outcome.Session is { } judged && await EarlyMorningAsync(program, session.SessionId, ct) is { } morning)
        {
            // The session is not saved yet, so the history read from the database cannot hold it.
            var history = await HistoryAsync(program, morning, ct);
            var withSession = history with { Sessions = [new SessionRecord(session.SessionId, session.At, judged.Verdict, judged.Flare), .. history.Sessions] };
            record = (await ProgressWithAsync(program, morning, withSession, ct)).Record ?? record;
        }
        return record;
    }

    private async Task<(ProgressionDecisionRecord? Record, ProgressionOutcome Outcome)> ProgressWithAsync(PatientProgram program, ProgressionSignal signal,
        ProgressionHistory history, CancellationToken ct)
    {
        var settings = program.Settings;
        var before = State(program);
        var outcome = ProgressionEngine.Apply(before, signal, history, settings);
        await RecordObservationAsync(program, signal, outcome, history, ct);
        program.ConsecutiveInLimitSessions = outcome.State.ConsecutiveInLimitSessions;
        program.RunsAtStage = outcome.State.RunsAtStage;
        program.UpdatedAt = clock.GetUtcNow();
        if (outcome.Decision is not { } decision)
            return (null, outcome);

        var inputs = ProgressionInputs.Describe(signal, before, history, settings);
        var record = Record(program, decision, outcome.Rule, outcome.State, DecisionSource.Engine,
            outcome.NeedsApproval ? DecisionStatus.Proposed : DecisionStatus.Applied, null, inputs);
        if (!outcome.NeedsApproval)
            await ApplyAsync(program, record, ct);
        return (record, outcome);
    }

    /// <summary>The next-morning report kept for a session that had not arrived yet, taken off the shelf.</summary>
    private async Task<NextMorningSignal?> EarlyMorningAsync(PatientProgram program, Guid sessionId, CancellationToken ct)
    {
        var early = await db.PainObservations.FirstOrDefaultAsync(p => p.PatientId == program.PatientId && p.Kind == PainKind.EarlyNextMorning && p.SessionId == sessionId, ct);
        if (early is null)
            return null;
        db.PainObservations.Remove(early);
        return new NextMorningSignal(sessionId, early.Pain, early.WorseThanBefore, early.FlareHours, early.At);
    }

    /// <summary>
    /// Adds the drills matching a form assessment's flags to the patient's program, with the cue the patient is told.
    /// Running drills wait for return to run; a low-reliability capture only proposes them. Nothing happens when no flag
    /// calls for a drill or no program may change automatically.
    /// </summary>
    public async Task<ProgressionDecisionRecord?> AddFormDrillsAsync(Guid patientId, IReadOnlyCollection<string> flags, double? cadence, bool lowReliability,
        CancellationToken ct)
    {
        var drills = FormDrills.For(flags, cadence, formDrills.Value.CadenceIncreasePercent);
        if (drills.Count == 0 || await ProgramForAutomaticChangeAsync(patientId, ct) is not { } program)
            return null;
        var inputs = new Dictionary<string, string> { ["flags"] = string.Join('+', flags.Order()), ["lowReliability"] = lowReliability ? "true" : "false" };
        if (cadence is { } measured)
            inputs["cadence"] = measured.ToString("0.#", CultureInfo.InvariantCulture);
        var cues = flags.Order().Select(f => FormDrills.CueFor(f, drills.FirstOrDefault(d => d.TargetCadence is not null)?.TargetCadence)).OfType<string>().Distinct().ToList();
        if (cues.Count > 0)
            inputs["cues"] = string.Join(" ", cues);
        var state = State(program);
        if (lowReliability)
            return Record(program, ProgressionDecision.FormDrillsAdded, ProgressionRules.LowReliabilityCapture, state, DecisionSource.FormAssessment,
                DecisionStatus.Proposed, null, inputs, drills);

        program.FormDrills = MergeDrills(program.FormDrills, drills);
        var running = program.Phase >= ProgressionEngine.ReturnToRunPhase;
        var record = Record(program, running ? ProgressionDecision.FormDrillsAdded : ProgressionDecision.FormFindingRecorded,
            running ? ProgressionRules.FormDrillsAdded : ProgressionRules.FormDrillsScheduled, state, DecisionSource.FormAssessment, DecisionStatus.Applied, null, inputs);
        await ApplyAsync(program, record, ct);
        return record;
    }

    /// <summary>A red flag at intake: any active program is closed, and published with an empty prescription.</summary>
    public async Task CloseActiveAsync(Guid patientId, string reason, CancellationToken ct)
    {
        if (await ActiveProgramAsync(patientId, ct) is { } program)
            Close(program, reason);
    }

    private async Task<PatientProgram> AssignAsync(KnownPatient patient, ProgramTemplateVersion template, int phase, PatientProgram? current, CancellationToken ct)
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
            PhaseStartedAt = now,
            RunStage = phase == ProgressionEngine.ReturnToRunPhase ? 1 : 0,
            ConsecutiveInLimitSessions = 0,
            Status = ProgramStatus.Active,
            Prescription = Prescription.Build(template.Phases, phase, template.SessionsPerWeek, [],
                new Dose(0, phase == ProgressionEngine.ReturnToRunPhase ? 1 : 0, 0, 0), await CategoriesAsync(template, phase, ct)),
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
        var rule = new ProgressionRule(reason, "Clinical reference, \"Red flags at intake\" (referral) or a new assignment", "Your program was closed.");
        Record(program, ProgressionDecision.Closed, rule, State(program), DecisionSource.Referral, DecisionStatus.Applied, null, new Dictionary<string, string>())
            .ResultingProgramVersion = program.ProgramVersion;
        db.AddEvent(program.ToAdjustedEvent(ProgressionDecision.Closed, reason));
    }

    /// <summary>Moves the program to the decision's phase, dose and walk/run stage, and publishes the new prescription.</summary>
    private async Task ApplyAsync(PatientProgram program, ProgressionDecisionRecord record, CancellationToken ct)
    {
        var template = await db.Templates.AsNoTracking().SingleAsync(t => t.TemplateId == program.TemplateId && t.Version == program.TemplateVersion, ct);
        var now = clock.GetUtcNow();
        if (record.ToPhase != program.Phase)
            program.PhaseStartedAt = now;
        program.Phase = record.ToPhase;
        program.DoseStep = record.ToDoseStep;
        if (record.ToRunStage != program.RunStage)
            program.RunsAtStage = 0;
        program.RunStage = record.ToRunStage;
        program.ConsecutiveInLimitSessions = record.Source == DecisionSource.Engine ? program.ConsecutiveInLimitSessions : 0;
        var settings = program.Settings;
        program.Prescription = Prescription.Build(template.Phases, program.Phase, template.SessionsPerWeek, program.FormDrills,
            new Dose(program.DoseStep, program.RunStage, settings.RepsPerDoseStep, settings.HoldSecondsPerDoseStep), await CategoriesAsync(template, program.Phase, ct));
        program.ProgramVersion++;
        program.UpdatedAt = now;
        record.ResultingProgramVersion = program.ProgramVersion;
        db.AddEvent(program.ToAdjustedEvent(record.Decision, record.ReasonCode));
        telemetry.Adjustments.Add(1, new KeyValuePair<string, object?>("decision", record.Decision.ToString()));
    }

    private static ProgressionState State(PatientProgram p) =>
        new(p.Phase, p.DoseStep, p.ConsecutiveInLimitSessions, p.PhaseStartedAt, p.RunStage, p.RunsAtStage);

    /// <summary>Where a therapist's phase change leads: the phase's starting dose, and the first walk/run stage in return to run.</summary>
    private static ProgressionState Target(PatientProgram p, int phase) =>
        new(phase, 0, 0, p.PhaseStartedAt, phase == ProgressionEngine.ReturnToRunPhase ? Math.Max(1, p.Phase == phase ? p.RunStage : 1) : 0);

    private static bool EntersReturnToRun(PatientProgram program, int toPhase) =>
        toPhase == ProgressionEngine.ReturnToRunPhase && program.Phase != ProgressionEngine.ReturnToRunPhase;

    // A readiness check is for the program it was made on, and stays current for two weeks.
    private async Task<bool> ReadyToRunAsync(PatientProgram program, CancellationToken ct)
    {
        var since = clock.GetUtcNow().AddDays(-14);
        var latest = await db.Readiness.AsNoTracking().Where(r => r.ProgramId == program.Id && r.RecordedAt >= since)
            .OrderByDescending(r => r.RecordedAt).FirstOrDefaultAsync(ct);
        return latest?.AllMet == true;
    }

    /// <summary>The categories of the exercises one phase of a template prescribes: what decides how each is dosed.</summary>
    private async Task<IReadOnlyDictionary<string, ExerciseCategory>> CategoriesAsync(ProgramTemplateVersion template, int phase, CancellationToken ct)
    {
        var codes = template.Phases.Where(p => p.Phase == phase).SelectMany(p => p.Exercises).Select(e => e.ExerciseCode).Distinct().ToList();
        return await categories.GetAsync(codes, missing =>
            db.Exercises.AsNoTracking().Where(e => missing.Contains(e.Code)).ToDictionaryAsync(e => e.Code, e => e.Category, ct));
    }

    private static List<PrescribedExercise> MergeDrills(IReadOnlyList<PrescribedExercise> current, IReadOnlyList<PrescribedExercise> added) =>
        [.. current.Where(existing => added.All(d => d.ExerciseCode != existing.ExerciseCode)), .. added];

    /// <summary>
    /// What the engine looks back on for this signal, and only that: a next-morning report needs the program's recent
    /// sessions and the daily pain over the exit window, a run the runs of the past week, other signals nothing.
    /// </summary>
    private async Task<ProgressionHistory> HistoryAsync(PatientProgram program, ProgressionSignal signal, CancellationToken ct)
    {
        var (settings, at) = (program.Settings, signal.At);
        switch (signal)
        {
            case NextMorningSignal:
                var sessions = await db.Sessions.AsNoTracking().Where(s => s.ProgramId == program.Id).OrderByDescending(s => s.PerformedAt).Take(20)
                    .Select(s => new SessionRecord(s.SessionId, s.PerformedAt, s.Verdict, s.Flare)).ToListAsync(ct);
                var dailySince = at.AddDays(-settings.LowDailyPainDays);
                var daily = await db.PainObservations.AsNoTracking()
                    .Where(p => p.PatientId == program.PatientId && p.Kind == PainKind.DailyActivity && p.At > dailySince && p.At <= at)
                    .Select(p => new PainRecord(p.At, p.Pain)).ToListAsync(ct);
                return new ProgressionHistory(sessions, daily, []);
            case RunningPainSignal:
                var runsSince = at.AddDays(-7);
                var runs = await db.PainObservations.AsNoTracking()
                    .Where(p => p.PatientId == program.PatientId && p.Kind == PainKind.WhileRunning && p.At > runsSince && p.At <= at && p.Pain <= settings.RunningPainMax)
                    .Select(p => new RunRecord(p.At, p.RunMinutes ?? 0)).ToListAsync(ct);
                return new ProgressionHistory([], [], runs);
            default:
                return ProgressionHistory.Empty;
        }
    }

    /// <summary>Keeps what later signals look back on: the session's verdict, daily and running pain.</summary>
    private async Task RecordObservationAsync(PatientProgram program, ProgressionSignal signal, ProgressionOutcome outcome, ProgressionHistory history, CancellationToken ct)
    {
        // A calm next morning about a session not seen yet waits for it (a flare already held the program).
        if (signal is NextMorningSignal { SessionId: { } early } m && outcome.Decision is null && history.Sessions.All(s => s.SessionId != early))
        {
            db.PainObservations.Add(new PainObservation
            {
                Id = Guid.CreateVersion7(), PatientId = program.PatientId, ClinicId = program.ClinicId, Kind = PainKind.EarlyNextMorning, Pain = m.Pain,
                At = m.At, SessionId = early, WorseThanBefore = m.WorseThanBefore, FlareHours = m.FlareHours,
            });
            return;
        }
        if (outcome.Session is { } judged)
        {
            var session = await db.Sessions.FindAsync([judged.SessionId], ct);
            if (session is null && signal is SessionSignal logged)
                db.Sessions.Add(new ProgramSession
                {
                    SessionId = logged.SessionId, ProgramId = program.Id, PatientId = program.PatientId, ClinicId = program.ClinicId,
                    PerformedAt = logged.At, Verdict = judged.Verdict, Flare = judged.Flare,
                });
            else if (session is not null)
            {
                session.Verdict = judged.Verdict;
                session.Flare |= judged.Flare;
            }
        }
        var observation = signal switch
        {
            DailyPainSignal d => (Kind: PainKind.DailyActivity, d.Pain, Minutes: (int?)null),
            RunningPainSignal r => (Kind: PainKind.WhileRunning, r.Pain, Minutes: r.RunMinutes),
            _ => ((PainKind Kind, int Pain, int? Minutes)?)null,
        };
        if (observation is { } o)
            db.PainObservations.Add(new PainObservation
            {
                Id = Guid.CreateVersion7(), PatientId = program.PatientId, ClinicId = program.ClinicId, Kind = o.Kind, Pain = o.Pain, RunMinutes = o.Minutes, At = signal.At,
            });
    }

    private ProgressionDecisionRecord Record(PatientProgram program, ProgressionDecision decision, ProgressionRule rule, ProgressionState to, DecisionSource source,
        DecisionStatus status, string? by, IReadOnlyDictionary<string, string> inputs, IReadOnlyList<PrescribedExercise>? proposedDrills = null)
    {
        var record = new ProgressionDecisionRecord
        {
            Id = Guid.CreateVersion7(),
            ProgramId = program.Id,
            PatientId = program.PatientId,
            ClinicId = program.ClinicId,
            Decision = decision,
            ReasonCode = rule.Code,
            RuleSource = rule.Source,
            Explanation = rule.Explanation,
            Inputs = inputs,
            FromPhase = program.Phase,
            ToPhase = to.Phase,
            ToDoseStep = to.DoseStep,
            ToRunStage = to.RunStage,
            ProposedDrills = proposedDrills,
            Source = source,
            Status = status,
            At = clock.GetUtcNow(),
            DecidedBy = by,
        };
        db.Decisions.Add(record);
        return record;
    }
}
