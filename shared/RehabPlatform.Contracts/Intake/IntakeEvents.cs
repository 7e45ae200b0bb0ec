using MassTransit;

namespace RehabPlatform.Contracts.Intake;

public enum Side { Left, Right, Both }

public enum ConsentScope { Treatment, FormAnalysis, Research }

[MessageUrn("rehab:intake:clinic-opened:v1")]
public sealed record ClinicOpened : IIntegrationEvent
{
    public required Guid ClinicId { get; init; }
    public required string Region { get; init; }
    public required string TimeZone { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

[MessageUrn("rehab:intake:patient-registered:v1")]
public sealed record PatientRegistered : IIntegrationEvent
{
    public required Guid PatientId { get; init; }
    public required Guid ClinicId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>Running profile at intake, as Programs needs it to pick a template.</summary>
public sealed record RunningProfile
{
    public required bool IsRunner { get; init; }
    public required decimal WeeklyDistanceKm { get; init; }
    public required int YearsRunning { get; init; }
    public required bool RecentLoadChange { get; init; }
    public string? GoalType { get; init; }
    public DateOnly? GoalDate { get; init; }
}

/// <summary>Baseline of a patient cleared for exercise therapy (no red flag).</summary>
[MessageUrn("rehab:intake:intake-completed:v1")]
public sealed record IntakeCompleted : IIntegrationEvent
{
    public required Guid IntakeId { get; init; }
    public required Guid PatientId { get; init; }
    public required Guid ClinicId { get; init; }
    public required int AkpsScore { get; init; }
    public required string AkpsVersion { get; init; }
    public required int NprsNow { get; init; }
    public required int NprsWorstLastWeek { get; init; }
    public required int NprsWhileRunning { get; init; }
    public required Side AffectedSide { get; init; }
    public required int SymptomDurationWeeks { get; init; }
    public required RunningProfile Running { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>The episode of care this intake belongs to; its first intake is the episode's baseline. Added in v1, optional.</summary>
    public Guid? EpisodeId { get; init; }
    /// <summary>A reassessment within the episode: it never replaces the episode's baseline. Added in v1, optional.</summary>
    public bool IsReassessment { get; init; }
}

/// <summary>A red flag routed the patient to a physician; no program may be assigned.</summary>
[MessageUrn("rehab:intake:patient-referred-out:v1")]
public sealed record PatientReferredOut : IIntegrationEvent
{
    public required Guid IntakeId { get; init; }
    public required Guid PatientId { get; init; }
    public required Guid ClinicId { get; init; }
    /// <summary>Codes of the red flags found (for example "ottawa-age-55-or-over"), never free text.</summary>
    public required IReadOnlyList<string> RedFlags { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>A therapist acted on a red-flag referral (the physician was contacted and the patient told).</summary>
[MessageUrn("rehab:intake:referral-acted-on:v1")]
public sealed record ReferralActedOn : IIntegrationEvent
{
    public required Guid IntakeId { get; init; }
    public required Guid PatientId { get; init; }
    public required Guid ClinicId { get; init; }
    /// <summary>When the referral was made, so a consumer that has not seen it yet still knows how long acting took.</summary>
    public required DateTimeOffset ReferredAt { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

[MessageUrn("rehab:intake:consent-changed:v1")]
public sealed record ConsentChanged : IIntegrationEvent
{
    public required Guid PatientId { get; init; }
    public required Guid ClinicId { get; init; }
    public required ConsentScope Scope { get; init; }
    public required bool Granted { get; init; }
    public required string ConsentVersion { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

[MessageUrn("rehab:intake:patient-transferred:v1")]
public sealed record PatientTransferred : IIntegrationEvent
{
    public required Guid PatientId { get; init; }
    /// <summary>The clinic the patient belongs to from now on.</summary>
    public required Guid ClinicId { get; init; }
    public required Guid FromClinicId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}
