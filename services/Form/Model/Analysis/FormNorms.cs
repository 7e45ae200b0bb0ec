namespace RehabPlatform.Form.Model.Analysis;

/// <summary>
/// What a metric is compared with, in the clinic's current settings: the range the analysis does not flag, in words
/// and as numbers, and where the limit comes from.
/// </summary>
/// <param name="Min">The lower limit (values below it are flagged; cadence: at or below it); null when there is none.</param>
/// <param name="Max">The upper limit (values above it are flagged); null when there is none.</param>
public sealed record MetricNorm(string Code, string Range, double? Min, double? Max, string Source)
{
    /// <summary>Outside the range the analysis does not flag (cadence, whose limit counts "at or below", is judged where it is measured).</summary>
    public bool IsBeyond(double value) => value < Min || value > Max;
}

/// <summary>What a flag means and the cue the therapist gives the runner for it.</summary>
public sealed record FlagAdvice(string Flag, string Meaning, string Cue, string Source);

/// <summary>The limits and cues behind the flags <see cref="GaitAnalyzer"/> raises (clinical reference, "Running form").</summary>
public static class FormNorms
{
    public static IReadOnlyList<MetricNorm> For(AnalysisSettings settings) =>
    [
        new(MetricCodes.Cadence, $"above {settings.LowCadenceAtOrBelow:0} steps/min", settings.LowCadenceAtOrBelow, null,
            "Heiderscheit 2011 (clinic setting); +10 % lowers patellofemoral joint force about 14 % (Lenhart 2014)"),
        new(MetricCodes.OverstrideDistance, "informative: the tibia angle decides over-striding", null, null,
            "Souza 2016"),
        new(MetricCodes.TibiaAngle, "0° or less (ankle not ahead of the knee)", null, 0, "Souza 2016"),
        new(MetricCodes.FootStrikeAngle, "informative: above 8° heel, -1.6 to 8° midfoot, below -1.6° forefoot", null, null,
            "Altman & Davis 2012"),
        new(MetricCodes.KneeFlexion, $"at least {settings.MinKneeFlexionAtContact:0.#}°", settings.MinKneeFlexionAtContact, null,
            "Bramah 2018 (clinic setting)"),
        new(MetricCodes.TrunkLean, $"at most {settings.TrunkLeanAbove:0.#}°", null, settings.TrunkLeanAbove,
            "Clinical reference, running form (clinic setting)"),
        new(MetricCodes.VerticalOscillation, "informative", null, null, "Clinical reference, running form"),
        new(MetricCodes.HeadForward, $"at most {settings.HeadForwardAbove:0.#}°", null, settings.HeadForwardAbove,
            "Clinical reference, running form (clinic setting)"),
        new(MetricCodes.PelvicDrop, $"at most {settings.PelvicDropAbove:0.#}°", null, settings.PelvicDropAbove,
            "Clinical reference (about 5-7°, clinic setting); 2D SDD 2.7-2.8° (Dingenen 2018)"),
        new(MetricCodes.Kfppa, $"at most {settings.KneeValgusAbove:0.#}°", null, settings.KneeValgusAbove,
            "Herrington 2014: controls 8.4 ± 5.1°, patellofemoral pain 16.8 ± 5.4° (clinic setting)"),
    ];

    /// <summary>The advice for the flags raised, including a flag raised on one leg only (the mean of both legs hides a one-sided problem).</summary>
    public static IReadOnlyList<FlagAdvice> AdviceFor(AnalysisSettings settings, int? cadenceTarget, IReadOnlyList<string> flags, IReadOnlyList<string>? legFlags) =>
        Advice(settings, cadenceTarget)
            .Where(a => flags.Contains(a.Flag) || (legFlags ?? []).Any(f => f.StartsWith(a.Flag + ":", StringComparison.Ordinal))).ToList();

    public static IReadOnlyList<FlagAdvice> Advice(AnalysisSettings settings, int? cadenceTarget) =>
    [
        new("low-cadence", $"Cadence at or below {settings.LowCadenceAtOrBelow:0} steps/min",
            cadenceTarget is { } target ? $"Shorter, quicker steps: about {target} steps a minute, to a metronome." : "Shorter, quicker steps, to a metronome.",
            $"Heiderscheit 2011: +{settings.CadenceIncreasePercent:0.#} % (5-10 %)"),
        new("overstride", "The ankle lands ahead of the knee", "Land with the foot under the hips, not reaching out in front.", "Souza 2016"),
        new("straight-knee-landing", $"The knee is bent less than {settings.MinKneeFlexionAtContact:0.#}° at contact", "Land softly with a bent knee.",
            "Bramah 2018"),
        new("trunk-collapse", $"The trunk leans more than {settings.TrunkLeanAbove:0.#}° at midstance", "Run tall: head over shoulders over hips.",
            "Clinical reference, running form"),
        new("head-forward", $"The head is more than {settings.HeadForwardAbove:0.#}° ahead of the shoulders", "Eyes ahead, chin level, head over the shoulders.",
            "Clinical reference, running form"),
        new("pelvic-drop", $"The pelvis drops more than {settings.PelvicDropAbove:0.#}° on the swing side", "Keep the hips level: squeeze the standing-side buttock.",
            "Clinical reference, running form"),
        new("dynamic-knee-valgus", $"The knee falls inward more than {settings.KneeValgusAbove:0.#}°", "Keep the knee over the second toe as the foot lands.",
            "Herrington 2014"),
        new("heel-strike", "The foot lands heel first", "Land closer to under the body; a heel strike alone needs no change.", "Altman & Davis 2012"),
    ];
}
