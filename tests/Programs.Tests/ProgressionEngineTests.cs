using RehabPlatform.Programs.Model;

namespace RehabPlatform.Programs.Tests;

/// <summary>
/// The pain-monitoring engine, rule by rule (clinical reference, "Pain-monitoring model"). Each row names the rule
/// it exercises; the rule names its source.
/// </summary>
public sealed class ProgressionEngineTests
{
    private static readonly ProgressionSettings Defaults = new();
    private static readonly DateTimeOffset PhaseStart = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly Guid Waiting = Guid.Parse("00000000-0000-0000-0000-00000000aaaa");

    /// <summary>A program in <paramref name="phase"/> since <see cref="PhaseStart"/>; <c>days</c> only documents the row's moment.</summary>
    private static ProgressionState Phase(int phase, int dose = 0, int count = 0, int runStage = 0, int runs = 0, int days = 3) =>
        new(phase, dose, count, PhaseStart, runStage, runs);

    private static DateTimeOffset Now(int days = 3) => PhaseStart.AddDays(days);

    private static SessionSignal Session(int during = 3, int? settle = 30, int? phase = null) =>
        new(Guid.NewGuid(), 1, during, 2, settle, phase, Now().AddHours(-12));

    private static NextMorningSignal Morning(bool? worse = false, int? flareHours = null, int days = 3) => new(Waiting, 1, worse, flareHours, Now(days));

    /// <summary>One session waiting for its morning, after <paramref name="earlier"/> judged sessions (newest first), with daily pain reports.</summary>
    private static ProgressionHistory History(int dailyReports = 0, int dailyPain = 1, bool earlierFlare = false, int earlier = 3, int days = 3) => new(
        [new SessionRecord(Waiting, Now(days).AddHours(-12), SessionVerdict.AwaitingMorningReport, false),
            .. Enumerable.Range(1, earlier).Select(i => new SessionRecord(Guid.NewGuid(), Now(days).AddDays(-2 * i), SessionVerdict.InLimits, earlierFlare && i == 1))],
        [.. Enumerable.Range(0, dailyReports).Select(i => new PainRecord(Now(days).AddDays(-i).AddHours(-2), dailyPain))],
        []);

    public static TheoryData<string, ProgressionState, ProgressionSignal, ProgressionHistory, ProgressionDecision?, ProgressionRule, ProgressionState?> Rows => new()
    {
        // Sessions: nothing is inside the limits until its next morning is known.
        { "in-limit session waits for its next morning", Phase(2), Session(), ProgressionHistory.Empty, null, ProgressionRules.AwaitingMorningReport, Phase(2) },
        { "exercise pain of exactly 5 is acceptable", Phase(2), Session(during: 5), ProgressionHistory.Empty, null, ProgressionRules.AwaitingMorningReport, Phase(2) },
        { "exercise pain above 5 makes the dose easier", Phase(2, dose: 2, count: 1), Session(during: 6), ProgressionHistory.Empty, ProgressionDecision.DoseRegressed, ProgressionRules.ExercisePainAboveLimit, Phase(2, dose: 1) },
        { "exercise pain above 5 at the starting dose goes back a phase", Phase(3), Session(during: 6), ProgressionHistory.Empty, ProgressionDecision.Regress, ProgressionRules.ExercisePainAboveLimit, null },
        { "exercise pain above 5 in phase 1 at its starting dose holds", Phase(1), Session(during: 8), ProgressionHistory.Empty, ProgressionDecision.Hold, ProgressionRules.AlreadyLowest, Phase(1) },
        { "an unknown settle time holds and does not count", Phase(2, count: 1), Session(settle: null), ProgressionHistory.Empty, ProgressionDecision.Hold, ProgressionRules.SettleUnknown, Phase(2) },
        { "settling in exactly 60 minutes is in time", Phase(2), Session(settle: 60), ProgressionHistory.Empty, null, ProgressionRules.AwaitingMorningReport, Phase(2) },
        { "settling in 61 minutes holds", Phase(2, count: 1), Session(settle: 61), ProgressionHistory.Empty, ProgressionDecision.Hold, ProgressionRules.SlowToSettle, Phase(2) },
        { "a session of the earlier phase, logged late, does not count", Phase(3, count: 1), Session(phase: 2), ProgressionHistory.Empty, null, ProgressionRules.SessionOfAnotherPhase, Phase(3, count: 1) },

        // The next morning decides.
        { "a calm next morning counts the session", Phase(2), Morning(), History(), null, ProgressionRules.InLimitSessionCounted, Phase(2, count: 1) },
        { "two counted sessions progress the dose, not the phase", Phase(2, count: 1), Morning(), History(), ProgressionDecision.DoseProgressed, ProgressionRules.DoseProgressed, Phase(2, dose: 1) },
        { "a one-night flare holds", Phase(2, count: 1), Morning(worse: true), History(), ProgressionDecision.Hold, ProgressionRules.OneNightFlare, Phase(2) },
        { "a flare of exactly 24 hours holds", Phase(2, dose: 1, count: 1), Morning(worse: true, flareHours: 24), History(), ProgressionDecision.Hold, ProgressionRules.OneNightFlare, Phase(2, dose: 1) },
        { "a flare longer than 24 hours regresses", Phase(2, dose: 1, count: 1), Morning(worse: true, flareHours: 25), History(), ProgressionDecision.DoseRegressed, ProgressionRules.LongFlare, Phase(2) },
        { "an unknown next morning holds and does not count", Phase(2, count: 1), Morning(worse: null), History(), ProgressionDecision.Hold, ProgressionRules.MorningUnknown, Phase(2) },
        { "a morning report with no session waiting changes nothing", Phase(2, count: 1), Morning(), ProgressionHistory.Empty, null, ProgressionRules.NoEffect, Phase(2, count: 1) },

        // Phase changes: minimum time in the phase and exit criteria, at the top dose.
        { "the top dose before two weeks in the phase stays", Phase(2, dose: 3, count: 1, days: 10), Morning(days: 10), History(dailyReports: 7, days: 10), null, ProgressionRules.PhaseNotYet, Phase(2, dose: 3, days: 10) },
        { "the top dose after two weeks with a quiet week progresses the phase", Phase(2, dose: 3, count: 1, days: 15), Morning(days: 15), History(dailyReports: 6, days: 15), ProgressionDecision.Progress, ProgressionRules.PhaseProgressed, null },
        { "too few daily reports leave the exit unknown", Phase(2, dose: 3, count: 1, days: 15), Morning(days: 15), History(dailyReports: 4, days: 15), null, ProgressionRules.PhaseNotYet, Phase(2, dose: 3, days: 15) },
        { "daily pain of 2 in the week blocks the exit", Phase(2, dose: 3, count: 1, days: 15), Morning(days: 15), History(dailyReports: 7, dailyPain: 2, days: 15), null, ProgressionRules.PhaseNotYet, Phase(2, dose: 3, days: 15) },
        { "a flare in the last sessions blocks the exit", Phase(2, dose: 3, count: 1, days: 15), Morning(days: 15), History(dailyReports: 7, earlierFlare: true, days: 15), null, ProgressionRules.PhaseNotYet, Phase(2, dose: 3, days: 15) },
        { "phase 3 exit is only a return-to-run proposal", Phase(3, dose: 3, count: 1, days: 15), Morning(days: 15), History(dailyReports: 7, days: 15), ProgressionDecision.Progress, ProgressionRules.ReturnToRunReview, null },

        // Daily activity.
        { "daily pain of 2 holds", Phase(2, count: 1), new DailyPainSignal(2, Now()), ProgressionHistory.Empty, ProgressionDecision.Hold, ProgressionRules.DailyPainAtOrAboveLimit, Phase(2) },
        { "daily pain of 1 is recorded", Phase(2, count: 1), new DailyPainSignal(1, Now()), ProgressionHistory.Empty, null, ProgressionRules.NoEffect, Phase(2, count: 1) },

        // Return to run: walk/run stages with their own rules.
        { "running pain of exactly 2 counts the run", Phase(4, runStage: 2), new RunningPainSignal(2, 15, Now()), ProgressionHistory.Empty, null, ProgressionRules.RunCounted, Phase(4, runStage: 2, runs: 1) },
        { "running pain above 2 steps back a stage", Phase(4, runStage: 3, runs: 1), new RunningPainSignal(3, 18, Now()), ProgressionHistory.Empty, ProgressionDecision.RunStageSteppedBack, ProgressionRules.RunningPainAboveLimit, Phase(4, runStage: 2) },
        { "running pain above 2 at the first stage holds", Phase(4, runStage: 1, runs: 1), new RunningPainSignal(4, 12, Now()), ProgressionHistory.Empty, ProgressionDecision.Hold, ProgressionRules.RunningPainAboveLimit, Phase(4, runStage: 1) },
        { "a second good run advances the stage within the weekly cap", Phase(4, runStage: 1, runs: 1), new RunningPainSignal(1, 12, Now()), new ProgressionHistory([], [], [new RunRecord(Now().AddDays(-2), 12)]), ProgressionDecision.RunStageAdvanced, ProgressionRules.RunStageAdvanced, Phase(4, runStage: 2) },
        { "a stage that would raise weekly running by more than 30 % is repeated", Phase(4, runStage: 1, runs: 1), new RunningPainSignal(1, 8, Now()), new ProgressionHistory([], [], [new RunRecord(Now().AddDays(-2), 8)]), ProgressionDecision.Hold, ProgressionRules.WeeklyRunCap, Phase(4, runStage: 1) },
        { "a run without a rest day does not count", Phase(4, runStage: 2, runs: 1), new RunningPainSignal(1, 15, Now()), new ProgressionHistory([], [], [new RunRecord(Now().AddHours(-20), 15)]), null, ProgressionRules.RestDayNeeded, Phase(4, runStage: 2, runs: 1) },
        { "running pain before return to run changes nothing", Phase(2, count: 1), new RunningPainSignal(4, 10, Now()), ProgressionHistory.Empty, null, ProgressionRules.NoEffect, Phase(2, count: 1) },
        { "a next-morning flare in return to run steps back a stage", Phase(4, runStage: 3, runs: 1), Morning(worse: true), History(), ProgressionDecision.RunStageSteppedBack, ProgressionRules.OneNightFlare, Phase(4, runStage: 2) },
        { "the last stage goes no further by itself", Phase(4, runStage: 6, runs: 1), new RunningPainSignal(0, 25, Now()), new ProgressionHistory([], [], [new RunRecord(Now().AddDays(-2), 25)]), null, ProgressionRules.LastRunStage, Phase(4, runStage: 6, runs: 2) },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Applies_the_pain_monitoring_rules(string name, ProgressionState state, ProgressionSignal signal, ProgressionHistory history,
        ProgressionDecision? decision, ProgressionRule rule, ProgressionState? after)
    {
        var outcome = ProgressionEngine.Apply(state, signal, history, Defaults);

        Assert.True(decision == outcome.Decision && rule == outcome.Rule, $"{name}: {outcome.Decision} by {outcome.Rule.Code}");
        if (after is not null)
            Assert.Equal(after, outcome.State);
    }

    [Fact]
    public void A_phase_change_starts_the_new_phase_at_its_starting_dose_and_clock()
    {
        var outcome = ProgressionEngine.Apply(Phase(2, dose: 3, count: 1, days: 15), Morning(days: 15), History(dailyReports: 7, days: 15), Defaults);

        Assert.Equal(new ProgressionState(3, 0, 0, Now(15)), outcome.State);
        Assert.False(outcome.NeedsApproval);
    }

    [Fact]
    public void Return_to_run_is_always_proposed_even_when_the_template_applies_phase_changes_itself()
    {
        var outcome = ProgressionEngine.Apply(Phase(3, dose: 3, count: 1, days: 15), Morning(days: 15), History(dailyReports: 7, days: 15), Defaults with { RequireApproval = false });

        Assert.True(outcome.NeedsApproval);
        Assert.Equal((4, 1), (outcome.State.Phase, outcome.State.RunStage));
    }

    [Fact]
    public void A_template_that_requires_approval_proposes_every_phase_change()
    {
        var outcome = ProgressionEngine.Apply(Phase(2, dose: 3, count: 1, days: 15), Morning(days: 15), History(dailyReports: 7, days: 15), Defaults with { RequireApproval = true });

        Assert.Equal(ProgressionDecision.Progress, outcome.Decision);
        Assert.True(outcome.NeedsApproval);
    }

    [Fact]
    public void The_session_a_morning_report_settles_gets_its_verdict()
    {
        Assert.Equal((Waiting, SessionVerdict.InLimits, false), ProgressionEngine.Apply(Phase(2), Morning(), History(), Defaults).Session);
        Assert.Equal((Waiting, SessionVerdict.Held, true), ProgressionEngine.Apply(Phase(2), Morning(worse: true), History(), Defaults).Session);
        Assert.Equal((Waiting, SessionVerdict.Held, false), ProgressionEngine.Apply(Phase(2), Morning(worse: null), History(), Defaults).Session);
    }

    [Fact]
    public void Custom_settings_are_respected()
    {
        var strict = Defaults with { ExercisePainMax = 3, SessionsToProgress = 3, SettleMinutesMax = 30, FlareHoursToRegress = 12, MaxDoseSteps = 1 };

        Assert.Equal(ProgressionDecision.Regress, ProgressionEngine.Apply(Phase(2), Session(during: 4), ProgressionHistory.Empty, strict).Decision);
        Assert.Equal(ProgressionRules.SlowToSettle, ProgressionEngine.Apply(Phase(2), Session(settle: 45), ProgressionHistory.Empty, strict).Rule);
        Assert.Null(ProgressionEngine.Apply(Phase(2, count: 1), Morning(), History(), strict).Decision);
        Assert.Equal(ProgressionDecision.DoseProgressed, ProgressionEngine.Apply(Phase(2, count: 2), Morning(), History(), strict).Decision);
        Assert.Equal(ProgressionRules.PhaseNotYet, ProgressionEngine.Apply(Phase(2, dose: 1, count: 2), Morning(), History(), strict).Rule);
        Assert.Equal(ProgressionRules.LongFlare, ProgressionEngine.Apply(Phase(2), Morning(worse: true, flareHours: 13), History(), strict).Rule);
    }

    [Fact]
    public void Every_rule_names_its_source_and_explains_itself_in_a_sentence()
    {
        Assert.All(ProgressionRules.All, rule =>
        {
            Assert.False(string.IsNullOrWhiteSpace(rule.Source), rule.Code);
            Assert.EndsWith(".", rule.Explanation);
            Assert.InRange(rule.Explanation.Length, 20, 300);
        });
        Assert.Equal(ProgressionRules.All.Count, ProgressionRules.All.Select(r => r.Code).Distinct().Count());
    }

    [Fact]
    public void Three_good_weeks_change_the_phase_at_most_once_and_never_reach_return_to_run()
    {
        // A patient who does everything right: three sessions a week, calm mornings, daily pain 1 every day.
        var state = new ProgressionState(2, 0, 0, PhaseStart);
        var sessions = new List<SessionRecord>();
        var daily = new List<PainRecord>();
        var phaseChanges = 0;
        for (var day = 0; day < 21; day++)
        {
            var at = PhaseStart.AddDays(day).AddHours(20);
            daily.Add(new PainRecord(at, 1));
            if (day % 7 is not (0 or 2 or 4))
                continue;
            var session = new SessionSignal(Guid.NewGuid(), 1, 3, 2, 30, state.Phase, at.AddHours(-2));
            var logged = ProgressionEngine.Apply(state, session, new ProgressionHistory(sessions, daily, []), Defaults);
            sessions.Insert(0, new SessionRecord(session.SessionId, session.At, logged.Session!.Value.Verdict, false));
            var morning = ProgressionEngine.Apply(logged.State, new NextMorningSignal(session.SessionId, 1, false, null, at.AddHours(12)),
                new ProgressionHistory(sessions, daily, []), Defaults);
            sessions[0] = sessions[0] with { Verdict = morning.Session!.Value.Verdict };
            if (morning.State.Phase != state.Phase)
                phaseChanges++;
            state = morning.NeedsApproval ? morning.State with { Phase = state.Phase, RunStage = 0 } : morning.State;
        }

        Assert.InRange(phaseChanges, 0, 1);
        Assert.NotEqual(ProgressionEngine.ReturnToRunPhase, state.Phase);
    }
}

public sealed class DoseTests
{
    private static readonly Dose StepTwo = new(2, 0, RepsPerStep: 2, HoldSecondsPerStep: 10);

    public static TheoryData<string, ExerciseCategory, PrescribedExercise, Dose, PrescribedExercise> Rows => new()
    {
        { "strength gains 2 reps a step (ACSM 2009)", ExerciseCategory.KneeStrength, new() { ExerciseCode = "squat", Sets = 3, Reps = 12 }, StepTwo, new() { ExerciseCode = "squat", Sets = 3, Reps = 16 } },
        { "hopping gains reps too", ExerciseCategory.Plyometric, new() { ExerciseCode = "pogo", Sets = 3, Reps = 20 }, StepTwo, new() { ExerciseCode = "pogo", Sets = 3, Reps = 24 } },
        { "reps stop at 30", ExerciseCategory.HipStrength, new() { ExerciseCode = "clam", Sets = 3, Reps = 28 }, StepTwo, new() { ExerciseCode = "clam", Sets = 3, Reps = 30 } },
        { "isometric holds gain 10 s a step", ExerciseCategory.Isometric, new() { ExerciseCode = "wall-sit", Sets = 5, HoldSeconds = 45 }, StepTwo, new() { ExerciseCode = "wall-sit", Sets = 5, HoldSeconds = 65 } },
        { "stretches keep their 30 s", ExerciseCategory.Stretch, new() { ExerciseCode = "quad", Sets = 3, HoldSeconds = 30 }, StepTwo, new() { ExerciseCode = "quad", Sets = 3, HoldSeconds = 30 } },
        { "self-massage keeps its dose", ExerciseCategory.SelfMassage, new() { ExerciseCode = "roll", Sets = 1, HoldSeconds = 90 }, StepTwo, new() { ExerciseCode = "roll", Sets = 1, HoldSeconds = 90 } },
        { "walk/run follows the stage", ExerciseCategory.WalkRun, new() { ExerciseCode = "walk-run", Sets = 1, HoldSeconds = 1800 }, new Dose(0, 3, 2, 10), new() { ExerciseCode = "walk-run", Sets = 1, HoldSeconds = 21 * 60, RunStage = 3 } },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Doses_each_kind_of_exercise_as_documented(string name, ExerciseCategory category, PrescribedExercise exercise, Dose dose, PrescribedExercise expected) =>
        Assert.True(expected == dose.Apply(exercise, category), name);

    [Fact]
    public void Running_drills_wait_for_return_to_run()
    {
        TemplatePhase[] phases = [new(2, [new TemplateExercise("squat", 3, 12, null)]), new(4, [new TemplateExercise("walk-run", 1, null, 1800)])];
        PrescribedExercise[] drills = [new() { ExerciseCode = FormDrills.CadenceDrill, Sets = 3, HoldSeconds = 180, TargetCadence = 172 }];
        var categories = new Dictionary<string, ExerciseCategory> { ["squat"] = ExerciseCategory.KneeStrength, ["walk-run"] = ExerciseCategory.WalkRun };

        Assert.DoesNotContain(Prescription.Build(phases, 2, 3, drills, Dose.Base, categories).Exercises, e => e.ExerciseCode == FormDrills.CadenceDrill);
        Assert.Contains(Prescription.Build(phases, 4, 3, drills, new Dose(0, 1, 2, 10), categories).Exercises, e => e.ExerciseCode == FormDrills.CadenceDrill);
    }
}
