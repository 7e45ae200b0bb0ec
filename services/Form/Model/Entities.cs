namespace RehabPlatform.Form.Model;

public enum CaptureStatus { Pending, Completed, Failed }

/// <summary>An uploaded capture (keypoints only, never video) and, once processed, its analysis.</summary>
public sealed class Capture : PatientRecord
{
    public required KeypointFormat Format { get; init; }
    public required View View { get; init; }
    public required double Fps { get; init; }
    public required double AspectRatio { get; init; }
    public required int FrameCount { get; init; }
    /// <summary>The parsed frames in the service's own compact form (joint -> x, y, confidence).</summary>
    public required string FramesJson { get; init; }
    public double? RunnerHeightCm { get; init; }
    public double? LegLengthCm { get; init; }
    public double? TreadmillSpeedKmh { get; init; }
    public required CaptureStatus Status { get; set; }
    public GaitAnalysis? Result { get; set; }
    public bool? LowReliability { get; set; }
    public string? Error { get; set; }
    public required string UploadedBy { get; init; }
    public required DateTimeOffset UploadedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; set; }
}

/// <summary>What Form knows of a patient from Intake: clinic, whether a runner, and form-analysis consent.</summary>
public sealed class KnownPatient : IPatientScoped
{
    public required Guid PatientId { get; init; }
    public required Guid ClinicId { get; set; }
    public bool IsRunner { get; set; }
    /// <summary>Opened for runners at intake: a running-form assessment is expected.</summary>
    public bool AssessmentOpen { get; set; }
    public bool FormAnalysisConsent { get; set; }
    public string? ConsentVersion { get; set; }
    public DateTimeOffset? ConsentChangedAt { get; set; }
    /// <summary>The painful knee recorded at intake ("left", "right" or "both"): per-leg findings are read against it.</summary>
    public string? AffectedSide { get; set; }
}

/// <summary>
/// A running-form assessment by eye (the observational checklist): what the therapist saw per item and side, the
/// step rate they counted, and the flags and cadence target concluded from it by the same limits as a pose capture.
/// </summary>
public sealed class ChecklistAssessment : PatientRecord
{
    public double? StepRate { get; init; }
    public double? TreadmillSpeedKmh { get; init; }
    public required IReadOnlyList<Checklist.ChecklistFinding> Findings { get; init; }
    public required Checklist.ChecklistConclusion Conclusion { get; init; }
    public required string AssessedBy { get; init; }
    public required DateTimeOffset AssessedAt { get; init; }
}
