namespace RehabPlatform.Form.Model.Analysis;

public sealed record MetricChange(string Code, string Unit, double? Before, double? After, double? Change, double SmallestDetectable, bool Detectable, string Verdict);

/// <summary>
/// Compares two captures metric by metric; a change counts only beyond the 2D smallest detectable difference
/// (Dingenen 2018: 1.3-4.8 degrees by metric; the cadence figure is a clinic setting).
/// </summary>
public static class CaptureComparison
{
    public static readonly IReadOnlyDictionary<string, double> DefaultSmallestDetectable = new Dictionary<string, double>
    {
        [MetricCodes.Cadence] = 3,
        [MetricCodes.KneeFlexion] = 3.0,
        [MetricCodes.TibiaAngle] = 2.0,
        [MetricCodes.FootStrikeAngle] = 3.0,
        [MetricCodes.TrunkLean] = 2.0,
        [MetricCodes.HeadForward] = 4.8,
        [MetricCodes.PelvicDrop] = 2.8,
        [MetricCodes.Kfppa] = 4.8,
        [MetricCodes.OverstrideDistance] = 0.05,
        [MetricCodes.VerticalOscillation] = 1.3,
    };

    public static IReadOnlyList<MetricChange> Compare(IReadOnlyList<MetricResult> before, IReadOnlyList<MetricResult> after, IReadOnlyDictionary<string, double>? smallestDetectable = null)
    {
        var sdd = smallestDetectable ?? DefaultSmallestDetectable;
        return after.Select(a =>
        {
            var b = before.FirstOrDefault(m => m.Code == a.Code);
            var threshold = sdd.GetValueOrDefault(a.Code, 0);
            if (b?.Mean is not { } was || a.Mean is not { } now)
                return new MetricChange(a.Code, a.Unit, b?.Mean, a.Mean, null, threshold, false, "not comparable: missing in one capture");
            var change = now - was;
            var detectable = Math.Abs(change) > threshold;
            return new MetricChange(a.Code, a.Unit, was, now, change, threshold, detectable,
                detectable ? (change > 0 ? "increased" : "decreased") : "no detectable change");
        }).ToList();
    }
}
