using MassTransit;

namespace RehabPlatform.Contracts.Form;

public enum CaptureView { SideFacingLeft, SideFacingRight, Front, Back }

public sealed record FormMetricValue
{
    /// <summary>Metric code such as "cadence" or "knee-flexion-at-ic".</summary>
    public required string Metric { get; init; }
    public double? Value { get; init; }
    public required string Unit { get; init; }
    /// <summary>Why the value is missing (for example "format-has-no-heel-keypoints").</summary>
    public string? UnavailableReason { get; init; }
}

public static class AssessmentMethods
{
    public const string PoseCapture = "pose-capture";
    public const string ObservationalChecklist = "observational-checklist";
}

[MessageUrn("rehab:form:form-assessed:v1")]
public sealed record FormAssessed : IIntegrationEvent
{
    public required Guid AssessmentId { get; init; }
    public required Guid PatientId { get; init; }
    public required Guid ClinicId { get; init; }
    /// <summary>For an observational checklist, which covers both views: the side view, or the rear view when only that was scored.</summary>
    public required CaptureView View { get; init; }
    /// <summary>How the form was assessed: "pose-capture" or "observational-checklist" (added in a later release; older events are captures).</summary>
    public string Method { get; init; } = AssessmentMethods.PoseCapture;
    public required bool LowReliability { get; init; }
    public required IReadOnlyList<FormMetricValue> Metrics { get; init; }
    /// <summary>Flag codes such as "low-cadence", "overstride", "trunk-collapse".</summary>
    public required IReadOnlyList<string> Flags { get; init; }
    public double? CadenceStepsPerMinute { get; init; }
    /// <summary>Suggested cadence target in whole steps/min when cadence is low.</summary>
    public int? CadenceTarget { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}
