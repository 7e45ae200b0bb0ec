namespace RehabPlatform.Programs.Model;

public enum ExerciseCategory { Education, Isometric, Stretch, HipStrength, KneeStrength, SelfMassage, Plyometric, RunningDrill, WalkRun }

/// <summary>An exercise of the library: chain-wide (ClinicId null) or a clinic's own.</summary>
public sealed class Exercise
{
    public required string Code { get; init; }
    public Guid? ClinicId { get; init; }
    public required string Name { get; set; }
    public required ExerciseCategory Category { get; set; }
    public required string Instructions { get; set; }
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
