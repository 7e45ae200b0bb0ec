using RehabPlatform.Form.Model.Analysis;

namespace RehabPlatform.Form.Model.Checklist;

/// <param name="CaptureValue">The capture's value for the same side (the mean of both legs for whole-body items); null when it has none.</param>
/// <param name="Verdict">"agree" or "differ" on whether the fault is there, "not-measured" when the capture has no value for it (another view),
/// "informative" for items neither raises a flag on.</param>
public sealed record ItemComparison(string Item, string Title, string Side, string Finding, double? Angle, double? CaptureValue, string? CaptureFinding,
    bool ChecklistFault, bool? CaptureFault, string Verdict, string? CaptureUnit = null);

public sealed record StepRateComparison(double ChecklistStepRate, double CaptureCadence, double Difference);

/// <summary>
/// A checklist against a pose capture of the same runner, item by item where they overlap: whether both see the same
/// fault on the same leg, with the capture's measured value beside the therapist's category and angle.
/// </summary>
public static class ChecklistComparison
{
    public const string Agree = "agree", Differ = "differ", NotMeasured = "not-measured", Informative = "informative";

    public static (IReadOnlyList<ItemComparison> Items, StepRateComparison? StepRate) Compare(IReadOnlyList<ChecklistFinding> findings, double? stepRate,
        GaitAnalysis capture, AnalysisSettings settings)
    {
        var items = new List<ItemComparison>();
        foreach (var finding in findings)
        {
            if (RunningChecklist.Find(finding.Item) is not { } item)
                continue;
            var checklistFault = ChecklistRules.IsFault(item, finding, settings);
            if (item.Code == "foot-strike")
            {
                var captured = capture.FootStrike switch { "heel" => "rearfoot", null => null, var other => other };
                items.Add(new(item.Code, item.Title, finding.Side, finding.Finding, finding.Angle, null, captured, checklistFault,
                    captured is null ? null : captured == "rearfoot", captured is null ? NotMeasured : captured == finding.Finding ? Agree : Differ));
                continue;
            }
            var metric = item.MetricCode is null ? null : capture.Metrics.FirstOrDefault(m => m.Code == item.MetricCode);
            var value = finding.Side switch { "left" => metric?.Left ?? metric?.Mean, "right" => metric?.Right ?? metric?.Mean, _ => metric?.Mean };
            if (item.Flag is not { } flag)
            {
                items.Add(new(item.Code, item.Title, finding.Side, finding.Finding, finding.Angle, value, null, checklistFault, null, value is null ? NotMeasured : Informative, metric?.Unit));
                continue;
            }
            if (value is null)
            {
                items.Add(new(item.Code, item.Title, finding.Side, finding.Finding, finding.Angle, null, null, checklistFault, null, NotMeasured));
                continue;
            }
            var captureFault = finding.Side == RunningChecklist.Both
                ? capture.Flags.Contains(flag)
                : (capture.LegFlags ?? []).Contains($"{flag}:{finding.Side}") || (capture.LegFlags is null && capture.Flags.Contains(flag));
            items.Add(new(item.Code, item.Title, finding.Side, finding.Finding, finding.Angle, value, null, checklistFault, captureFault,
                captureFault == checklistFault ? Agree : Differ, metric?.Unit));
        }
        var rate = stepRate is { } counted && capture.Cadence is { } cadence ? new StepRateComparison(counted, cadence, Math.Round(cadence - counted, 1)) : null;
        return (items, rate);
    }
}
