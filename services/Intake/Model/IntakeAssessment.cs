using RehabPlatform.Clinical;

namespace RehabPlatform.Intake.Model;

/// <summary>Cleared for a program, referred to a physician, or held for a therapist's review of AKPS answers that may be red flags.</summary>
public enum IntakeOutcome { Cleared, ReferredOut, NeedsReview }

/// <summary>The first intake of an episode of care is its baseline; a later one reassesses it or starts a new episode.</summary>
public enum IntakeKind { Initial, Reassessment, NewEpisode }

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
    public required IntakeOutcome Outcome { get; set; }
    public required IntakeKind Kind { get; init; }
    /// <summary>The episode of care: its first intake is the baseline later outcomes compare with.</summary>
    public required Guid EpisodeId { get; init; }
    /// <summary>AKPS answers that may be red flags, for a therapist to review (codes of <c>AkpsRedFlagCrossCheck</c>).</summary>
    public required List<string> ReviewReasons { get; init; }
    public string? ReviewedBy { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    /// <summary>A referred intake: when a therapist recorded acting on it (physician contacted, patient told); it then leaves the worklist.</summary>
    public DateTimeOffset? ReferralActedAt { get; set; }
    public string? ReferralActedBy { get; set; }
    public required DateTimeOffset SubmittedAt { get; init; }
    public required string SubmittedBy { get; init; }
}
