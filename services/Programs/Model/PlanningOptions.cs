namespace RehabPlatform.Programs.Model;

/// <summary>
/// The rule set that picks the starting phase from the intake baseline. Bound from "Programs:Planning";
/// documented in the README. Return to run (phase 4) is never a starting phase: it needs a therapist.
/// </summary>
public sealed class PlanningOptions
{
    public const string SectionName = "Programs:Planning";

    /// <summary>Worst pain in the last week at or above this starts in phase 1 (settle).</summary>
    public int SettleIfWorstPainAtLeast { get; set; } = 6;

    /// <summary>AKPS below this starts in phase 1.</summary>
    public int SettleIfAkpsBelow { get; set; } = 60;

    /// <summary>Worst pain at or above this (and below the settle threshold) starts in phase 2 (strengthen).</summary>
    public int StrengthenIfWorstPainAtLeast { get; set; } = 3;

    /// <summary>AKPS below this starts in phase 2.</summary>
    public int StrengthenIfAkpsBelow { get; set; } = 85;

    /// <summary>Templates chosen automatically: latest published Chain template carrying this tag.</summary>
    public string DefaultTemplateTag { get; set; } = "default";

    /// <summary>Extra tag preferred for runners (falls back to the default tag alone).</summary>
    public string RunnerTemplateTag { get; set; } = "runner";
}
