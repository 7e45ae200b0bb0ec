namespace RehabPlatform.Programs.Model;

public enum ExerciseCategory { Education, Isometric, Stretch, HipStrength, KneeStrength, SelfMassage, Plyometric, RunningDrill, WalkRun }

/// <summary>Where an exercise works, for finding one in the library: the muscles that attach to the knee, the hip, the calf, the whole runner.</summary>
public enum BodyRegion { Knee, Thigh, Hip, LowerLeg, Trunk, WholeBody }

/// <summary>An exercise of the library: chain-wide (ClinicId null) or a clinic's own.</summary>
public sealed class Exercise
{
    public required string Code { get; init; }
    public Guid? ClinicId { get; init; }
    public required string Name { get; set; }
    public required ExerciseCategory Category { get; set; }
    public required BodyRegion BodyRegion { get; set; }
    public required string Instructions { get; set; }
    /// <summary>What the patient should feel, so they can tell the right effort from a wrong one.</summary>
    public required string WhatToFeel { get; set; }
    /// <summary>The technique faults to avoid; <see cref="Contraindications"/> says when to stop or not start.</summary>
    public required string WhatToAvoid { get; set; }
    public required int DefaultSets { get; set; }
    public int? DefaultReps { get; set; }
    public int? DefaultHoldSeconds { get; set; }
    /// <summary>Phases this exercise suits.</summary>
    public required int[] Phases { get; set; }
    public required string Equipment { get; set; }
    public required string Contraindications { get; set; }
    public required string[] Tags { get; set; }
}

public enum TemplateStatus { Draft, Published }

/// <summary>Who sees a template: its author, the author's clinic, or the whole chain.</summary>
public enum TemplateVisibility { Private, Clinic, Chain }

public sealed record TemplateExercise(string ExerciseCode, int Sets, int? Reps, int? HoldSeconds);

public sealed record TemplatePhase(int Phase, IReadOnlyList<TemplateExercise> Exercises);

/// <summary>One version of a template. Published versions never change; editing one makes the next draft.</summary>
public sealed class ProgramTemplateVersion
{
    public required Guid TemplateId { get; init; }
    public required int Version { get; init; }
    public required string Name { get; set; }
    public required string Description { get; set; }
    public required string AuthorUserId { get; init; }
    public required Guid AuthorClinicId { get; init; }
    public required TemplateVisibility Visibility { get; set; }
    public required TemplateStatus Status { get; set; }
    public required string[] Tags { get; set; }
    public required int SessionsPerWeek { get; set; }
    public required IReadOnlyList<TemplatePhase> Phases { get; set; }
    public required ProgressionSettings Settings { get; set; }
    public Guid? ForkedFromTemplateId { get; init; }
    public int? ForkedFromVersion { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? PublishedAt { get; set; }
}

public enum ProgramStatus { Active, Closed }

/// <summary>A patient's program; the prescription is denormalised so consumers and readers need nothing else.</summary>
public sealed class PatientProgram : PatientRecord
{
    public required Guid TemplateId { get; init; }
    public required int TemplateVersion { get; init; }
    public required int ProgramVersion { get; set; }
    public required int Phase { get; set; }
    /// <summary>When the current phase began: a phase changes only after its minimum time.</summary>
    public required DateTimeOffset PhaseStartedAt { get; set; }
    /// <summary>Dose steps taken within the phase (0: the template's dose).</summary>
    public int DoseStep { get; set; }
    /// <summary>Walk/run stage in return to run (0 before it).</summary>
    public int RunStage { get; set; }
    public int RunsAtStage { get; set; }
    public required int ConsecutiveInLimitSessions { get; set; }
    public required ProgramStatus Status { get; set; }
    public required Prescription Prescription { get; set; }
    /// <summary>Drills added from form assessments, kept across phase changes.</summary>
    public required IReadOnlyList<PrescribedExercise> FormDrills { get; set; }
    public required ProgressionSettings Settings { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }
    public string? ClosedReason { get; set; }
}

public enum DecisionSource { Engine, Therapist, FormAssessment, Referral }

public enum DecisionStatus { Applied, Proposed, Rejected }

/// <summary>Every progression decision with its reason: applied, or proposed for a therapist's approval.</summary>
public sealed class ProgressionDecisionRecord : PatientRecord
{
    public required Guid ProgramId { get; init; }
    public required ProgressionDecision Decision { get; init; }
    public required string ReasonCode { get; init; }
    public required int FromPhase { get; init; }
    public required int ToPhase { get; init; }
    public required DecisionSource Source { get; init; }
    public required DecisionStatus Status { get; set; }
    public required DateTimeOffset At { get; init; }
    public string? DecidedBy { get; set; }
    public int? ResultingProgramVersion { get; set; }
    /// <summary>Where the rule comes from, so a clinician can check it.</summary>
    public required string RuleSource { get; init; }
    /// <summary>The decision in one sentence a patient could read.</summary>
    public required string Explanation { get; init; }
    /// <summary>What the rule looked at (pain values, days in phase, criteria met), by name; never free text.</summary>
    public required IReadOnlyDictionary<string, string> Inputs { get; init; }
    /// <summary>The program state the decision leads to: dose step and walk/run stage with the phase.</summary>
    public int ToDoseStep { get; init; }
    public int ToRunStage { get; init; }
    /// <summary>Drills a low-reliability form assessment suggested; added only if a therapist approves.</summary>
    public IReadOnlyList<PrescribedExercise>? ProposedDrills { get; init; }
}

/// <summary>A session as the engine judged it: inside the limits (confirmed by its next morning), held, regressed, or still waiting.</summary>
public sealed class ProgramSession : IPatientScoped
{
    public required Guid SessionId { get; init; }
    public required Guid ProgramId { get; init; }
    public required Guid PatientId { get; init; }
    public required Guid ClinicId { get; set; }
    public required DateTimeOffset PerformedAt { get; init; }
    public required SessionVerdict Verdict { get; set; }
    public bool Flare { get; set; }
}

/// <summary>
/// What a pain observation is: daily-activity or running pain, or a next-morning report that arrived before the session
/// it is about (sessions and pain reports travel on separate queues), kept until the session comes.
/// </summary>
public enum PainKind { DailyActivity, WhileRunning, EarlyNextMorning }

/// <summary>Daily-activity and running pain, which the phase exit criteria and the walk/run stages look back on.</summary>
public sealed class PainObservation : PatientRecord
{
    public required PainKind Kind { get; init; }
    public required int Pain { get; init; }
    public int? RunMinutes { get; init; }
    public required DateTimeOffset At { get; init; }
    /// <summary>For an early next-morning report: its session, and what it said.</summary>
    public Guid? SessionId { get; init; }
    public bool? WorseThanBefore { get; init; }
    public int? FlareHours { get; init; }
}

/// <summary>
/// The return-to-run readiness criteria a therapist checked (clinical reference, "Program phases", P4): a pain-free
/// 30-minute brisk walk, daily pain at most 2/10, pain-free single-leg tasks. Entering phase 4 needs all three.
/// </summary>
public sealed class ReturnToRunReadiness : PatientRecord
{
    public required Guid ProgramId { get; init; }
    public required bool BriskWalk30MinutesPainFree { get; init; }
    public required bool DailyPainAtMost2 { get; init; }
    public required bool SingleLegTasksPainFree { get; init; }
    public required string RecordedBy { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }

    public bool AllMet => BriskWalk30MinutesPainFree && DailyPainAtMost2 && SingleLegTasksPainFree;
}

/// <summary>What Programs knows of a patient, from Intake's events.</summary>
public sealed class KnownPatient : IPatientScoped
{
    public required Guid PatientId { get; init; }
    public required Guid ClinicId { get; set; }
    public int? AkpsScore { get; set; }
    public int? NprsWorstLastWeek { get; set; }
    public bool IsRunner { get; set; }
    public bool ReferredOut { get; set; }

    /// <summary>The patient withdrew consent to treatment: nothing changes their program until they consent again.</summary>
    public bool TreatmentConsentWithdrawn { get; set; }

    /// <summary>When the newest treatment-consent decision applied here was made; an older one arriving late is ignored.</summary>
    public DateTimeOffset? TreatmentConsentChangedAt { get; set; }
}
