using RehabPlatform.Contracts.Intake;

namespace RehabPlatform.Intake.Model;

public enum IntakeOutcome { Cleared, ReferredOut }

/// <summary>A submitted intake questionnaire with its AKPS score and the triage decision.</summary>
public sealed class IntakeAssessment
{
    public required Guid Id { get; init; }
    public required Guid PatientId { get; init; }
    public required Guid ClinicId { get; set; }
    public required string AkpsVersion { get; init; }
    /// <summary>Option code per item code, as JSON.</summary>
    public required string AkpsAnswersJson { get; init; }
    public required int AkpsScore { get; init; }
    public required int NprsNow { get; init; }
    public required int NprsWorstLastWeek { get; init; }
    public required int NprsWhileRunning { get; init; }
    public required Side AffectedSide { get; init; }
    public required int SymptomDurationWeeks { get; init; }
    public required bool IsRunner { get; init; }
    public required decimal WeeklyDistanceKm { get; init; }
    public required int YearsRunning { get; init; }
    public required bool RecentLoadChange { get; init; }
    public string? GoalType { get; init; }
    public DateOnly? GoalDate { get; init; }
    /// <summary>The checklist as answered, as JSON.</summary>
    public required string RedFlagChecklistJson { get; init; }
    /// <summary>Red-flag codes found, comma-separated; empty when cleared.</summary>
    public required string RedFlags { get; init; }
    public required IntakeOutcome Outcome { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }
    public required string SubmittedBy { get; init; }
}
