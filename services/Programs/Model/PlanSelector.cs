namespace RehabPlatform.Programs.Model;

public sealed record Baseline(int AkpsScore, int NprsNow, int NprsWorstLastWeek, bool IsRunner);

public static class PlanSelector
{
    public static (int Phase, string ReasonCode) StartingPhase(Baseline baseline, PlanningOptions rules)
    {
        if (baseline.NprsWorstLastWeek >= rules.SettleIfWorstPainAtLeast)
            return (1, "worst-pain-high");
        if (baseline.AkpsScore < rules.SettleIfAkpsBelow)
            return (1, "function-low");
        if (baseline.NprsWorstLastWeek >= rules.StrengthenIfWorstPainAtLeast)
            return (2, "worst-pain-moderate");
        if (baseline.AkpsScore < rules.StrengthenIfAkpsBelow)
            return (2, "function-moderate");
        return (3, "mild-symptoms");
    }
}
