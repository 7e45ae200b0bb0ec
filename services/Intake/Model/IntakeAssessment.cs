using RehabPlatform.Clinical;

namespace RehabPlatform.Intake.Model;

public enum IntakeOutcome { Cleared, ReferredOut }

/// <summary>Which knee hurts.</summary>
public enum Side { Left, Right, Both }

/// <summary>A submitted intake questionnaire with its AKPS score and the triage decision.</summary>
public sealed class IntakeAssessment : PatientRecord
{
    public required string AkpsVersion { get; init; }
    /// <summary>Option code per item code.</summary>
    public required IReadOnlyDictionary<string, string?> AkpsAnswers { get; init; }
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
    /// <summary>The checklist as answered.</summary>
    public required RedFlagChecklist RedFlagChecklist { get; init; }
    /// <summary>Red-flag codes found; none when cleared.</summary>
    public required List<string> RedFlags { get; init; }
    public required IntakeOutcome Outcome { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }
    public required string SubmittedBy { get; init; }
}
