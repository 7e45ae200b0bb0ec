using RehabPlatform.Programs.Model;

namespace RehabPlatform.Programs.Tests;

public sealed class ProgressionEngineTests
{
    private static readonly ProgressionSettings Defaults = new();

    private static SessionSignal Session(int during, int? settle = 30) => new(1, during, 2, settle);

    public static TheoryData<string, int, int, ProgressionSignal, ProgressionDecision?, int, int> Cases => new()
    {
        // name, phase, in-limit count before, signal, decision, phase after, count after
        { "first in-limit session is counted", 2, 0, Session(3), null, 2, 1 },
        { "second in-limit session progresses", 2, 1, Session(4), ProgressionDecision.Progress, 3, 0 },
        { "exercise pain at the limit holds", 2, 1, Session(5), ProgressionDecision.Hold, 2, 0 },
        { "slow to settle holds", 2, 1, Session(3, settle: 90), ProgressionDecision.Hold, 2, 0 },
        { "exercise pain above 5 regresses", 3, 1, Session(6), ProgressionDecision.Regress, 2, 0 },
        { "next-morning flare regresses", 3, 1, new NextMorningSignal(4, WorseThanBefore: true, FlareHours: null), ProgressionDecision.Regress, 2, 0 },
        { "flare over 24 hours regresses", 2, 0, new NextMorningSignal(3, WorseThanBefore: false, FlareHours: 30), ProgressionDecision.Regress, 1, 0 },
        { "settled next morning changes nothing", 2, 1, new NextMorningSignal(1, WorseThanBefore: false, FlareHours: null), null, 2, 1 },
        { "running pain above 2 holds", 4, 1, new RunningPainSignal(3), ProgressionDecision.Hold, 4, 0 },
        { "running pain at 2 is fine", 4, 1, new RunningPainSignal(2), null, 4, 1 },
        { "daily pain at 2 holds", 2, 1, new DailyPainSignal(2), ProgressionDecision.Hold, 2, 0 },
        { "never below phase 1", 1, 0, Session(8), ProgressionDecision.Hold, 1, 0 },
        { "never above phase 4", 4, 1, Session(2), ProgressionDecision.Hold, 4, 0 },
        { "an in-limit session of the earlier phase, logged late, is not counted", 3, 1, new SessionSignal(1, 3, 2, 30, SessionPhase: 2), null, 3, 1 },
        { "a session of the current phase counts as usual", 3, 1, new SessionSignal(1, 3, 2, 30, SessionPhase: 3), ProgressionDecision.Progress, 4, 0 },
        { "pain above the limit in an earlier-phase session still regresses", 3, 1, new SessionSignal(1, 7, 2, 30, SessionPhase: 2), ProgressionDecision.Regress, 2, 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Applies_the_pain_monitoring_model(string name, int phase, int count, ProgressionSignal signal, ProgressionDecision? decision, int phaseAfter, int countAfter)
    {
        var outcome = ProgressionEngine.Apply(new ProgressionState(phase, count), signal, Defaults);

        Assert.True(decision == outcome.Decision, $"{name}: decision {outcome.Decision} ({outcome.ReasonCode})");
        Assert.Equal(new ProgressionState(phaseAfter, countAfter), outcome.State);
    }

    [Fact]
    public void Custom_settings_are_respected()
    {
        var strict = new ProgressionSettings { ExercisePainMax = 3, SessionsToProgress = 3, SettleMinutesMax = 30, FlareHoursToRegress = 12 };

        Assert.Equal(ProgressionDecision.Regress, ProgressionEngine.Apply(new(2, 0), Session(4), strict).Decision);
        Assert.Equal(ProgressionDecision.Hold, ProgressionEngine.Apply(new(2, 0), Session(3), strict).Decision);
        Assert.Null(ProgressionEngine.Apply(new(2, 1), Session(2), strict).Decision);
        Assert.Equal(ProgressionDecision.Progress, ProgressionEngine.Apply(new(2, 2), Session(2), strict).Decision);
        Assert.Equal(ProgressionDecision.Hold, ProgressionEngine.Apply(new(2, 0), Session(2, settle: 45), strict).Decision);
        Assert.Equal(ProgressionDecision.Regress, ProgressionEngine.Apply(new(2, 0), new NextMorningSignal(2, false, 13), strict).Decision);
    }

    [Fact]
    public void Every_decision_carries_a_reason()
    {
        foreach (var row in Cases)
        {
            var outcome = ProgressionEngine.Apply(new ProgressionState((int)row[1], (int)row[2]), (ProgressionSignal)row[3], Defaults);
            Assert.False(string.IsNullOrEmpty(outcome.ReasonCode));
        }
    }
}

public sealed class PlanSelectorTests
{
    [Theory]
    [InlineData(40, 8, 1)]
    [InlineData(80, 6, 1)]
    [InlineData(55, 2, 1)]
    [InlineData(75, 4, 2)]
    [InlineData(80, 1, 2)]
    [InlineData(92, 2, 3)]
    public void Starting_phase_follows_worst_pain_and_function(int akps, int worstPain, int phase) =>
        Assert.Equal(phase, PlanSelector.StartingPhase(new Baseline(akps, 2, worstPain, true), new PlanningOptions()).Phase);

    [Fact]
    public void The_rule_thresholds_are_settings() =>
        Assert.Equal(1, PlanSelector.StartingPhase(new Baseline(92, 1, 2, true), new PlanningOptions { SettleIfAkpsBelow = 95 }).Phase);
}

public sealed class FormDrillsTests
{
    [Theory]
    [InlineData(160, 5, 168)]
    [InlineData(160, 7.5, 172)]
    [InlineData(160, 10, 176)]
    [InlineData(163.4, 7.5, 176)]
    public void The_cadence_target_is_the_measured_cadence_plus_the_setting_in_whole_steps(double cadence, double percent, int target) =>
        Assert.Equal(target, FormDrills.CadenceTarget(cadence, percent));

    [Fact]
    public void Flags_map_to_their_drills_and_no_flag_adds_nothing()
    {
        var drills = FormDrills.For([FormDrills.LowCadenceFlag, FormDrills.OverstrideFlag, FormDrills.TrunkFlags], 160, 7.5);
        Assert.Equal([FormDrills.CadenceDrill, FormDrills.ShortStrideDrill, FormDrills.TallPostureDrill], drills.Select(d => d.ExerciseCode));
        Assert.Empty(FormDrills.For([], 160, 7.5));
    }

    [Fact]
    public void The_seeded_library_covers_runners_knee_and_every_template_exercise_exists()
    {
        Assert.True(ExerciseLibrary.Seed.Count >= 25);
        var codes = ExerciseLibrary.Seed.Select(e => e.Code).ToHashSet();
        Assert.All(ExerciseLibrary.DefaultPhases.SelectMany(p => p.Exercises), e => Assert.Contains(e.ExerciseCode, codes));
        Assert.Contains(FormDrills.CadenceDrill, codes);
        Assert.Contains(FormDrills.ShortStrideDrill, codes);
        Assert.Contains(FormDrills.TallPostureDrill, codes);
        foreach (var category in new[] { ExerciseCategory.Stretch, ExerciseCategory.SelfMassage, ExerciseCategory.HipStrength, ExerciseCategory.Isometric, ExerciseCategory.RunningDrill })
            Assert.Contains(ExerciseLibrary.Seed, e => e.Category == category);
        Assert.All(ExerciseLibrary.Seed.Where(e => e.Category == ExerciseCategory.SelfMassage), e => Assert.DoesNotContain("kneecap", e.Name, StringComparison.OrdinalIgnoreCase));
    }
}
