namespace RehabPlatform.Form.Model.Analysis;

public sealed record MetricChange(string Code, string Unit, double? Before, double? After, double? Change, double? SmallestDetectable, bool Detectable, string Verdict,
    string? Source);

/// <summary>
/// Compares two captures metric by metric. A change counts only beyond the metric's smallest detectable difference
/// (SDD) from 2D running reliability studies, in the metric's own unit, and only between two reliable captures. A
/// metric without a published 2D running figure is shown but not judged.
/// </summary>
public static class CaptureComparison
{
    public sealed record Threshold(double Value, string Source);

    private const string Dingenen = "Dingenen et al. 2018, Phys Ther Sport 33:40-47 (2D running test-retest";

    /// <summary>The largest figure of each published range: a change must stand clear of the worse leg's error.</summary>
    public static readonly IReadOnlyDictionary<string, Threshold> DefaultSmallestDetectable = new Dictionary<string, Threshold>
    {
        [MetricCodes.FootStrikeAngle] = new(2.3, Dingenen + ", foot inclination at initial contact, SDD 1.3-2.3 deg)"),
        [MetricCodes.TibiaAngle] = new(4.8, Dingenen + ", tibia inclination at initial contact, SDD 2.2-4.8 deg)"),
        [MetricCodes.PelvicDrop] = new(2.8, Dingenen + ", contralateral pelvic drop, SDD 2.7-2.8 deg)"),
        [MetricCodes.KneeFlexion] = new(7.0, "Damsted et al. 2015, Int J Sports Phys Ther 10(2):147 (knee angle at foot strike, between-day 95 % prediction interval 9-14 deg wide)"),
        [MetricCodes.Cadence] = new(3.0, "Clinic setting: no 2D running study figure; about 2 % of a cadence of 170 steps/min"),
    };

    public const string NotJudged = "not judged: no published 2D smallest detectable difference for this metric";
    public const string LowReliability = "not comparable: one of the captures is low reliability";

    public static IReadOnlyList<MetricChange> Compare(IReadOnlyList<MetricResult> before, IReadOnlyList<MetricResult> after, bool bothReliable = true,
        IReadOnlyDictionary<string, Threshold>? smallestDetectable = null)
    {
        var sdd = smallestDetectable ?? DefaultSmallestDetectable;
        return after.Select(a =>
        {
            var b = before.FirstOrDefault(m => m.Code == a.Code);
            var threshold = sdd.GetValueOrDefault(a.Code);
            if (b?.Mean is not { } was || a.Mean is not { } now)
                return new MetricChange(a.Code, a.Unit, b?.Mean, a.Mean, null, threshold?.Value, false, "not comparable: missing in one capture", threshold?.Source);
            var change = now - was;
            if (!bothReliable)
                return new MetricChange(a.Code, a.Unit, was, now, change, threshold?.Value, false, LowReliability, threshold?.Source);
            if (threshold is null)
                return new MetricChange(a.Code, a.Unit, was, now, change, null, false, NotJudged, null);
            var detectable = Math.Abs(change) > threshold.Value;
            return new MetricChange(a.Code, a.Unit, was, now, change, threshold.Value, detectable,
                detectable ? (change > 0 ? "increased" : "decreased") : "no detectable change", threshold.Source);
        }).ToList();
    }
}
