namespace RehabPlatform.Sessions.Model;

/// <summary>
/// A program's prescription as Programs last published it. Events can arrive out of order: only a higher
/// program version replaces what is stored.
/// </summary>
public sealed class PrescriptionState : IPatientScoped
{
    public required Guid ProgramId { get; init; }
    public required Guid PatientId { get; init; }
    public required Guid ClinicId { get; set; }
    public required int ProgramVersion { get; set; }
    public required int Phase { get; set; }
    public required int SessionsPerWeek { get; set; }
    public required Prescription Prescription { get; set; }
    public required bool Closed { get; set; }
    public required DateTimeOffset AssignedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }

    // The version this one replaced, and when: a session performed before a progression but logged after it
    // is checked against what the patient was actually doing.
    public int? PreviousProgramVersion { get; set; }
    public Prescription? PreviousPrescription { get; set; }
    public DateTimeOffset? ReplacedAt { get; set; }
    /// <summary>The template version the program was assigned from (outcome analytics counts the program under it); null for rows from before it was kept.</summary>
    public Guid? TemplateId { get; set; }
    public int? TemplateVersion { get; set; }

    /// <summary>
    /// The prescriptions a session performed at <paramref name="performedAt"/> may follow: the current one, and
    /// the one it replaced when the session was performed before the change.
    /// </summary>
    public IReadOnlyList<(int Version, Prescription Prescription)> FollowableAt(DateTimeOffset performedAt) =>
        ReplacedAt is { } replacedAt && performedAt < replacedAt && PreviousProgramVersion is { } previous && PreviousPrescription is { } before
            ? [(ProgramVersion, Prescription), (previous, before)]
            : [(ProgramVersion, Prescription)];
}

/// <summary>The intake baseline that follow-up outcomes are compared with.</summary>
public sealed class Baseline : IPatientScoped
{
    public required Guid PatientId { get; init; }
    public required Guid ClinicId { get; set; }
    public required int AkpsScore { get; init; }
    public required int NprsNow { get; init; }
    public required int NprsWorstLastWeek { get; init; }
    public required DateTimeOffset IntakeAt { get; init; }
    /// <summary>How long the knee had hurt at intake: with the baseline AKPS, what outcome analytics adjusts for.</summary>
    public int SymptomDurationWeeks { get; init; }
    /// <summary>The episode of care whose first intake this is; a reassessment in it never replaces it.</summary>
    public Guid? EpisodeId { get; init; }
}

/// <summary>An in-clinic visit or a home session.</summary>
public sealed class TreatmentSession : PatientRecord
{
    public required Guid ProgramId { get; init; }
    public required int ProgramVersion { get; init; }
    public required SessionSetting Setting { get; init; }
    public required DateTimeOffset PerformedAt { get; init; }
    public required int PainBefore { get; init; }
    public required int PainDuring { get; init; }
    public required int PainAfter { get; init; }
    public int? MinutesToSettle { get; init; }
    public int? Rpe { get; init; }
    /// <summary>Free text: stored, returned to staff, never logged or traced.</summary>
    public string? Notes { get; init; }
    public required IReadOnlyList<ExerciseDone> Exercises { get; init; }
    public required string RecordedBy { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }
}

public sealed class PainReport : PatientRecord
{
    public Guid? SessionId { get; init; }
    public required PainContext Context { get; init; }
    public required int Pain { get; init; }
    public bool? WorseThanBaseline { get; init; }
    public int? FlareHours { get; init; }
    public int? RunMinutes { get; init; }
    public decimal? RunDistanceKm { get; init; }
    public required DateTimeOffset ReportedAt { get; init; }
}

/// <summary>A follow-up re-assessment compared with the intake baseline.</summary>
public sealed class FollowUpOutcome : PatientRecord
{
    public required string AkpsVersion { get; init; }
    public required IReadOnlyDictionary<string, string?> AkpsAnswers { get; init; }
    public required int AkpsBaseline { get; init; }
    public required int AkpsFollowUp { get; init; }
    public required bool AkpsMcidReached { get; init; }
    public required int NprsBaseline { get; init; }
    public required int NprsFollowUp { get; init; }
    public required bool NprsMcidReached { get; init; }
    /// <summary>Worse than the baseline by the MCID or more: flagged for the therapist.</summary>
    public bool Deteriorated { get; init; }
    /// <summary>Answered by the patient in the app (a questionnaire the therapist sent), not recorded by staff at a visit.</summary>
    public bool SelfReported { get; init; }
    public required DateTimeOffset RecordedAt { get; init; }
}

/// <summary>A red-flag referral, for outcome analytics: counted per clinic, never shown per patient.</summary>
public sealed class Referral : IPatientScoped
{
    public required Guid IntakeId { get; init; }
    public required Guid PatientId { get; init; }
    public required Guid ClinicId { get; set; }
    public required DateTimeOffset ReferredAt { get; init; }
    public DateTimeOffset? ActedAt { get; set; }
}
