using RehabPlatform.Form.Model.Analysis;

namespace RehabPlatform.Form.Model.Checklist;

public enum ChecklistView { Side, Rear }

/// <summary>
/// One item of the observational running analysis.
/// </summary>
/// <param name="Categories">What the therapist can see, mildest first ("absent", "mild", "marked"; the foot strike: its type).</param>
/// <param name="PerSide">Seen on the left and the right leg separately; otherwise once for the runner ("both").</param>
/// <param name="AngleLabel">The angle a therapist may measure on a paused frame (degrees), when the item has one.</param>
/// <param name="Flag">The flag a pose capture raises for the same fault: the same code, so drills and cues follow the same rules.</param>
/// <param name="MetricCode">The pose capture's metric for the same thing: for comparing the two, and its limit (<see cref="FormNorms"/>) for a measured angle.</param>
public sealed record ChecklistItem(string Code, ChecklistView View, string Title, string Look, IReadOnlyList<string> Categories, bool PerSide,
    string? AngleLabel, string? Flag, string? MetricCode, string Source)
{
    public bool IsCategory(string finding) => Categories.Contains(finding, StringComparer.Ordinal);
}

/// <summary>
/// The items of the evidence-based 2D running analysis (Souza 2016) a therapist scores watching a runner on a
/// treadmill, without pose capture. Items a pose capture also measures name its metric and flag.
/// </summary>
public static class RunningChecklist
{
    public const string Absent = "absent", Mild = "mild", Marked = "marked";
    public const string Both = "both";
    private static readonly string[] Severity = [Absent, Mild, Marked];
    private const string Souza = "Souza 2016, evidence-based videotaped running analysis";

    public static readonly IReadOnlyList<ChecklistItem> Items =
    [
        new("foot-strike", ChecklistView.Side, "Foot strike", "Which part of the foot lands first.", ["forefoot", "midfoot", "rearfoot"], true,
            null, "heel-strike", null, "Souza 2016; Altman & Davis 2012"),
        new("foot-inclination", ChecklistView.Side, "Foot inclination at contact", "The sole's angle to the ground as the foot lands (toes up).",
            Severity, true, "Foot angle (°)", null, MetricCodes.FootStrikeAngle, Souza),
        new("tibia-angle", ChecklistView.Side, "Tibia angle at loading", "The shin leaning forward of vertical with the ankle ahead of the knee.",
            Severity, true, "Tibia angle (°, ankle ahead positive)", "overstride", MetricCodes.TibiaAngle, "Souza 2016"),
        new("knee-flexion", ChecklistView.Side, "Straight knee at contact", "The knee barely bent as the foot lands.",
            Severity, true, "Knee flexion (°)", "straight-knee-landing", MetricCodes.KneeFlexion, "Bramah 2018"),
        new("overstride", ChecklistView.Side, "Over-striding", "The foot landing far ahead of the hips.",
            Severity, true, null, "overstride", MetricCodes.OverstrideDistance, "Souza 2016"),
        new("trunk-lean", ChecklistView.Side, "Trunk lean", "The upper body collapsing forward at midstance.",
            Severity, false, "Trunk lean (°)", "trunk-collapse", MetricCodes.TrunkLean, "Clinical reference, running form"),
        new("vertical-bounce", ChecklistView.Side, "Vertical bounce", "The head and hips rising and falling a lot with each step.",
            Severity, false, null, null, MetricCodes.VerticalOscillation, Souza),
        new("cross-over", ChecklistView.Rear, "Base of support", "A narrow base: the feet landing on or across the midline.",
            Severity, true, null, null, null, Souza),
        new("heel-eversion", ChecklistView.Rear, "Heel eversion", "The heel rolling outward (rearfoot eversion) at midstance.",
            Severity, true, "Rearfoot eversion (°)", null, null, Souza),
        new("pelvic-drop", ChecklistView.Rear, "Contralateral pelvic drop", "The pelvis dropping on the swing side while this leg stands.",
            Severity, true, "Pelvic drop (°)", "pelvic-drop", MetricCodes.PelvicDrop, "Clinical reference, running form"),
        new("knee-collapse", ChecklistView.Rear, "Knee collapse", "The knee falling inward over the foot at midstance.",
            Severity, true, "Knee frontal-plane angle (°)", "dynamic-knee-valgus", MetricCodes.Kfppa, "Herrington 2014"),
    ];

    public static ChecklistItem? Find(string? code) => Items.FirstOrDefault(i => i.Code == code);
}

/// <summary>What the therapist saw for one item on one side ("left", "right", or "both" for whole-body items).</summary>
public sealed record ChecklistFinding(string Item, string Side, string Finding, double? Angle, bool Relevant);

/// <summary>What a checklist concludes: the same flags and cadence target a pose capture would give for the same observations.</summary>
/// <param name="LegFlags">Per leg, as "flag:left" or "flag:right".</param>
public sealed record ChecklistConclusion(IReadOnlyList<string> Flags, IReadOnlyList<string> LegFlags, int? CadenceTarget, int? TargetLow, int? TargetHigh);

public static class ChecklistRules
{
    public const double MinStepRate = 60, MaxStepRate = 260;

    /// <summary>
    /// A fault counts as a flag when it is marked, when it is mild and the therapist marks it relevant to the complaint,
    /// or when the measured angle is beyond the limit the pose analysis uses; a rearfoot strike is flagged as a pose
    /// capture flags it. Step rate at or below the clinic's low-cadence limit gets the same +5-10 % target.
    /// </summary>
    public static ChecklistConclusion Conclude(IReadOnlyList<ChecklistFinding> findings, double? stepRate, AnalysisSettings settings)
    {
        var flags = new List<string>();
        var legFlags = new List<string>();
        foreach (var finding in findings)
        {
            if (RunningChecklist.Find(finding.Item) is not { Flag: { } flag } item || !IsFault(item, finding, settings))
                continue;
            if (!flags.Contains(flag))
                flags.Add(flag);
            if (finding.Side != RunningChecklist.Both && !legFlags.Contains($"{flag}:{finding.Side}"))
                legFlags.Add($"{flag}:{finding.Side}");
        }
        int? target = null, low = null, high = null;
        if (stepRate is { } rate && rate <= settings.LowCadenceAtOrBelow)
        {
            flags.Insert(0, "low-cadence");
            target = settings.CadenceTargetFor(rate);
            (low, high) = ((int)Math.Round(rate * 1.05, MidpointRounding.AwayFromZero), (int)Math.Round(rate * 1.10, MidpointRounding.AwayFromZero));
        }
        return new ChecklistConclusion(flags, legFlags, target, low, high);
    }

    public static bool IsFault(ChecklistItem item, ChecklistFinding finding, AnalysisSettings settings)
    {
        if (item.Code == "foot-strike")
            return finding.Finding == "rearfoot";
        var seen = finding.Finding == RunningChecklist.Marked || (finding.Finding == RunningChecklist.Mild && finding.Relevant);
        var measured = finding.Angle is { } angle && item.MetricCode is { } metric
            && FormNorms.For(settings).FirstOrDefault(n => n.Code == metric)?.IsBeyond(angle) == true;
        return seen || measured;
    }
}
