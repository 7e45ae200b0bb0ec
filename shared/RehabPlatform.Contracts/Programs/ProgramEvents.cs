using MassTransit;

namespace RehabPlatform.Contracts.Programs;

public enum TemplateVisibility { Private, Clinic, Chain }

/// <summary>Values are only ever added, at the end.</summary>
public enum ProgressionDecision { Progress, Hold, Regress, Override, FormDrillsAdded, Closed, DoseProgressed, DoseRegressed, RunStageAdvanced, RunStageSteppedBack, FormFindingRecorded }

/// <summary>One exercise as prescribed: a dose in sets and either reps or a hold time.</summary>
public sealed record PrescribedExercise
{
    public required string ExerciseCode { get; init; }
    public required int Sets { get; init; }
    public int? Reps { get; init; }
    public int? HoldSeconds { get; init; }
    /// <summary>Target cadence in steps/min for metronome drills; null otherwise.</summary>
    public int? TargetCadence { get; init; }
    /// <summary>The walk/run stage (1-6) for the walk/run exercise in return to run; null otherwise. Added in v1, optional.</summary>
    public int? RunStage { get; init; }
}

public sealed record Prescription
{
    /// <summary>Phase 1 (settle) to 4 (return to run).</summary>
    public required int Phase { get; init; }
    public required int SessionsPerWeek { get; init; }
    public required IReadOnlyList<PrescribedExercise> Exercises { get; init; }
}

[MessageUrn("rehab:programs:program-template-published:v1")]
public sealed record ProgramTemplatePublished : IIntegrationEvent
{
    public required Guid TemplateId { get; init; }
    public required int Version { get; init; }
    public required Guid AuthorClinicId { get; init; }
    public required TemplateVisibility Visibility { get; init; }
    public required IReadOnlyList<string> Tags { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>Carries the whole prescription so consumers never call back.</summary>
[MessageUrn("rehab:programs:program-assigned:v1")]
public sealed record ProgramAssigned : IIntegrationEvent
{
    public required Guid ProgramId { get; init; }
    public required Guid PatientId { get; init; }
    public required Guid ClinicId { get; init; }
    public required Guid TemplateId { get; init; }
    public required int TemplateVersion { get; init; }
    /// <summary>Increases with every change of this program; consumers keep the highest.</summary>
    public required int ProgramVersion { get; init; }
    public required Prescription Prescription { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

[MessageUrn("rehab:programs:program-adjusted:v1")]
public sealed record ProgramAdjusted : IIntegrationEvent
{
    public required Guid ProgramId { get; init; }
    public required Guid PatientId { get; init; }
    public required Guid ClinicId { get; init; }
    public required int ProgramVersion { get; init; }
    public required ProgressionDecision Decision { get; init; }
    /// <summary>A rule code such as "two-sessions-within-limits", never free text.</summary>
    public required string ReasonCode { get; init; }
    public required Prescription Prescription { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}
