namespace RehabPlatform.Form.Model.Analysis;

/// <summary>Thresholds and processing choices; clinics tune them ("setting" in the clinical reference).</summary>
public sealed record AnalysisSettings
{
    public const string SectionName = "Form:Analysis";

    public double MinConfidence { get; init; } = 0.5;
    public double MaxGapSeconds { get; init; } = 0.1;
    public double LowPassHz { get; init; } = 8;
    public int MinStepsPerSide { get; init; } = 7;
    public double MinReliableFps { get; init; } = 60;
    public double LowCadenceAtOrBelow { get; init; } = 170;
    public double CadenceIncreasePercent { get; init; } = 7.5;
    public double MinKneeFlexionAtContact { get; init; } = 15;
    public double TrunkLeanAbove { get; init; } = 10;
    public double HeadForwardAbove { get; init; } = 25;
    public double PelvicDropAbove { get; init; } = 6;
    public double KneeValgusAbove { get; init; } = 13;
    /// <summary>The cadence to aim for from a low one: +<see cref="CadenceIncreasePercent"/> % in whole steps/min (Heiderscheit 2011).</summary>
    public int CadenceTargetFor(double cadence) => (int)Math.Round(cadence * (1 + CadenceIncreasePercent / 100), MidpointRounding.AwayFromZero);

    /// <summary>Foot angle of the runner standing, subtracted from the angle at contact.</summary>
    public double StandingFootAngle { get; init; }
}
