using MassTransit;

namespace RehabPlatform.Contracts.Sessions;

public enum SessionSetting { InClinic, Home }

public enum PainContext { NextMorning, WhileRunning, DailyActivity }

public sealed record ExerciseCompletion
{
    public required string ExerciseCode { get; init; }
    public required int SetsDone { get; init; }
    public int? RepsDone { get; init; }
    public int? HoldSecondsDone { get; init; }
    public required bool Extra { get; init; }
}

[MessageUrn("rehab:sessions:session-completed:v1")]
public sealed record SessionCompleted : IIntegrationEvent
{
    public required Guid SessionId { get; init; }
    public required Guid PatientId { get; init; }
    public required Guid ClinicId { get; init; }
    public required Guid ProgramId { get; init; }
    public required int ProgramVersion { get; init; }
    public required SessionSetting Setting { get; init; }
    public required DateTimeOffset PerformedAt { get; init; }
    public required int PainBefore { get; init; }
    public required int PainDuring { get; init; }
    public required int PainAfter { get; init; }
    /// <summary>Minutes until pain was back to the pre-exercise level, when known.</summary>
    public int? MinutesToSettle { get; init; }
    public int? Rpe { get; init; }
    public required IReadOnlyList<ExerciseCompletion> Exercises { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>The phase of the prescription the session followed (added later: absent in older messages).</summary>
    public int? Phase { get; init; }
}

[MessageUrn("rehab:sessions:pain-reported:v1")]
public sealed record PainReported : IIntegrationEvent
{
    public required Guid ReportId { get; init; }
    public required Guid PatientId { get; init; }
    public required Guid ClinicId { get; init; }
    /// <summary>The session this pain follows, when the report refers to one.</summary>
    public Guid? SessionId { get; init; }
    public required PainContext Context { get; init; }
    public required int Pain { get; init; }
    /// <summary>For next-morning reports: whether pain is worse than before the session.</summary>
    public bool? WorseThanBaseline { get; init; }
    /// <summary>How long a flare lasted, when it is over.</summary>
    public int? FlareHours { get; init; }
    public int? RunMinutes { get; init; }
    public decimal? RunDistanceKm { get; init; }
    public required DateTimeOffset ReportedAt { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

[MessageUrn("rehab:sessions:outcome-recorded:v1")]
public sealed record OutcomeRecorded : IIntegrationEvent
{
    public required Guid OutcomeId { get; init; }
    public required Guid PatientId { get; init; }
    public required Guid ClinicId { get; init; }
    public required int AkpsBaseline { get; init; }
    public required int AkpsFollowUp { get; init; }
    public required int AkpsChange { get; init; }
    public required bool AkpsMcidReached { get; init; }
    public required int NprsBaseline { get; init; }
    public required int NprsFollowUp { get; init; }
    public required bool NprsMcidReached { get; init; }
    public required int WeeksSinceIntake { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>Worse than the baseline by the MCID or more (AKPS down 10, or NPRS up 2 or 30 %): for the therapist. Added in v1, optional.</summary>
    public bool Deteriorated { get; init; }
    /// <summary>The patient answered it in the app rather than at a visit. Added in v1, optional.</summary>
    public bool SelfReported { get; init; }
}
