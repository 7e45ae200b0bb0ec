namespace RehabPlatform.Programs.Model;

/// <summary>Running-form drills added for the flags of a form assessment (Heiderscheit 2011; Lenhart 2014).</summary>
public static class FormDrills
{
    public const string CadenceDrill = "metronome-cadence-run";
    public const string ShortStrideDrill = "short-stride-drill";
    public const string TallPostureDrill = "tall-posture-run";

    public const string LowCadenceFlag = "low-cadence";
    public const string OverstrideFlag = "overstride";
    public const string TrunkFlags = "trunk-collapse";
    public const string ForwardHeadFlag = "head-forward";

    /// <summary>Cadence increase in percent (5-10 %, setting): 7.5 puts 160 steps/min at 172.</summary>
    public static int CadenceTarget(double measuredStepsPerMinute, double increasePercent) =>
        (int)Math.Round(measuredStepsPerMinute * (1 + increasePercent / 100.0), MidpointRounding.AwayFromZero);

    /// <summary>What the patient is told about a flag: the cue the drill trains.</summary>
    public static string? CueFor(string flag, int? cadenceTarget) => flag switch
    {
        LowCadenceFlag => cadenceTarget is { } target
            ? $"Take shorter, quicker steps: about {target} steps a minute, with a metronome."
            : "Take shorter, quicker steps.",
        OverstrideFlag => "Land with your foot under your hips, not out in front of you.",
        TrunkFlags or ForwardHeadFlag => "Run tall: head over shoulders over hips, leaning slightly from the ankles.",
        _ => null,
    };

    public static IReadOnlyList<PrescribedExercise> For(IReadOnlyCollection<string> flags, double? cadence, double increasePercent)
    {
        var drills = new List<PrescribedExercise>();
        if (cadence is { } measured && flags.Contains(LowCadenceFlag))
            drills.Add(new PrescribedExercise { ExerciseCode = CadenceDrill, Sets = 3, HoldSeconds = 180, TargetCadence = CadenceTarget(measured, increasePercent) });
        if (flags.Contains(OverstrideFlag))
            drills.Add(new PrescribedExercise { ExerciseCode = ShortStrideDrill, Sets = 4, Reps = 20 });
        if (flags.Contains(TrunkFlags) || flags.Contains(ForwardHeadFlag))
            drills.Add(new PrescribedExercise { ExerciseCode = TallPostureDrill, Sets = 3, HoldSeconds = 60 });
        return drills;
    }
}
