using System.Globalization;
using Microsoft.Extensions.Options;
using RehabPlatform.Contracts.Form;
using RehabPlatform.Form.Model.Checklist;

namespace RehabPlatform.Form.UseCases;

public sealed record ChecklistFindingRequest(string? Item, string? Side, string? Finding, double? Angle, bool? Relevant);

public sealed record ChecklistRequest(double? StepRate, double? TreadmillSpeedKmh, IReadOnlyList<ChecklistFindingRequest>? Findings);

/// <summary>
/// Recording an observational running analysis: validated item by item, concluded by the same limits as a pose capture,
/// and published as the same <see cref="FormAssessed"/> so drills and cues reach the program the same way. A checklist
/// records what the therapist saw on a treadmill and stores no video, so it needs no form-analysis (video) consent.
/// </summary>
public sealed class ChecklistAssessments(FormDbContext db, CallerContext caller, AuditTrail audit, IOptions<AnalysisSettings> settings, TimeProvider clock)
{
    public const string ResourceType = "form-checklist";
    public const int MaxFindings = 40;

    public static FieldErrors Validate(ChecklistRequest request)
    {
        var errors = new FieldErrors();
        if (request.StepRate is { } rate && (!double.IsFinite(rate) || rate < ChecklistRules.MinStepRate || rate > ChecklistRules.MaxStepRate))
            errors.Add("stepRate", $"Steps per minute, between {ChecklistRules.MinStepRate:0} and {ChecklistRules.MaxStepRate:0}.");
        if (request.TreadmillSpeedKmh is { } speed && (!double.IsFinite(speed) || speed < 0 || speed > 40))
            errors.Add("treadmillSpeedKmh", "Between 0 and 40.");
        var findings = request.Findings ?? [];
        if (findings.Count == 0 && request.StepRate is null)
            errors.Add("findings", "Score at least one item or count the step rate.");
        if (findings.Count > MaxFindings)
            errors.Add("findings", $"At most {MaxFindings} findings.");
        var seen = new HashSet<(string, string)>();
        for (var i = 0; i < Math.Min(findings.Count, MaxFindings); i++)
        {
            var at = $"findings[{i.ToString(CultureInfo.InvariantCulture)}]";
            var finding = findings[i];
            if (RunningChecklist.Find(finding.Item) is not { } item)
            {
                errors.Add(at + ".item", "One of: " + string.Join(", ", RunningChecklist.Items.Select(it => it.Code)) + ".");
                continue;
            }
            var sides = item.PerSide ? new[] { "left", "right" } : [RunningChecklist.Both];
            if (finding.Side is null || !sides.Contains(finding.Side))
                errors.Add(at + ".side", item.PerSide ? "left or right." : "both: this item is seen once for the runner.");
            else if (!seen.Add((item.Code, finding.Side)))
                errors.Add(at + ".side", "This item is already scored for this side.");
            if (finding.Finding is null || !item.IsCategory(finding.Finding))
                errors.Add(at + ".finding", "One of: " + string.Join(", ", item.Categories) + ".");
            if (finding.Angle is { } angle && (item.AngleLabel is null || !double.IsFinite(angle) || angle < -90 || angle > 90))
                errors.Add(at + ".angle", item.AngleLabel is null ? "This item has no angle to measure." : "Degrees, between -90 and 90.");
        }
        return errors;
    }

    /// <summary>Stores the checklist and stages its <see cref="FormAssessed"/>, for a patient in the caller's reach; validated first.</summary>
    public async Task<ChecklistAssessment> RecordAsync(KnownPatient patient, ChecklistRequest request, CancellationToken ct)
    {
        var findings = (request.Findings ?? [])
            .Select(f => new ChecklistFinding(f.Item!, f.Side!, f.Finding!, f.Angle, f.Relevant ?? false)).ToList();
        var conclusion = ChecklistRules.Conclude(findings, request.StepRate, settings.Value);
        var now = clock.GetUtcNow();
        var checklist = new ChecklistAssessment
        {
            Id = Guid.CreateVersion7(), PatientId = patient.PatientId, ClinicId = patient.ClinicId, StepRate = request.StepRate,
            TreadmillSpeedKmh = request.TreadmillSpeedKmh, Findings = findings, Conclusion = conclusion, AssessedBy = caller.UserId, AssessedAt = now,
        };
        db.Checklists.Add(checklist);
        db.AddEvent(new FormAssessed
        {
            AssessmentId = checklist.Id,
            PatientId = patient.PatientId,
            ClinicId = patient.ClinicId,
            View = findings.Count > 0 && findings.All(f => RunningChecklist.Find(f.Item)!.View == ChecklistView.Rear) ? CaptureView.Back : CaptureView.SideFacingRight,
            Method = AssessmentMethods.ObservationalChecklist,
            // The therapist's own observation, not an automated measurement: nothing for a therapist to re-check.
            LowReliability = false,
            Metrics = Metrics(findings, request.StepRate),
            Flags = conclusion.Flags,
            CadenceStepsPerMinute = request.StepRate,
            CadenceTarget = conclusion.CadenceTarget,
            OccurredAt = now,
        });
        patient.AssessmentOpen = false;
        audit.Stage(ResourceType, checklist.Id.ToString(), patient.ClinicId, patient.PatientId, AuditAction.Create);
        await db.SaveChangesAsync(ct);
        return checklist;
    }

    /// <summary>The step rate and each measured angle (both sides averaged), under the pose capture's metric codes.</summary>
    private static List<FormMetricValue> Metrics(IReadOnlyList<ChecklistFinding> findings, double? stepRate)
    {
        var metrics = findings.Where(f => f.Angle is not null && RunningChecklist.Find(f.Item)?.MetricCode is not null)
            .GroupBy(f => RunningChecklist.Find(f.Item)!.MetricCode!)
            .Select(g => new FormMetricValue { Metric = g.Key, Value = Math.Round(g.Average(f => f.Angle!.Value), 1), Unit = "deg" })
            .ToList();
        if (stepRate is { } rate)
            metrics.Insert(0, new FormMetricValue { Metric = MetricCodes.Cadence, Value = rate, Unit = "steps/min" });
        return metrics;
    }
}
