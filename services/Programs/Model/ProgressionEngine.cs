namespace RehabPlatform.Programs.Model;

/// <summary>
/// The pain-monitoring engine (clinical reference, "Pain-monitoring model"). Two levels of progression: sessions
/// inside the limits progress the dose within a phase; a phase changes only after its minimum time and exit
/// criteria, and return to run is only ever proposed. Nothing is inside the limits by default: a session counts
/// only when it settled in time and its next-morning report says it was not worse. Pure: the planner supplies
/// the state, the history and the signal, and applies or proposes the outcome.
/// </summary>
public static class ProgressionEngine
{
    public const int LowestPhase = 1;
    public const int HighestPhase = 4;
    public const int ReturnToRunPhase = 4;

    // "With a rest day between runs": a run sooner than this after the previous one does not count towards its stage.
    private static readonly TimeSpan RestBetweenRuns = TimeSpan.FromHours(36);

    public static ProgressionOutcome Apply(ProgressionState state, ProgressionSignal signal, ProgressionHistory history, ProgressionSettings settings) => signal switch
    {
        SessionSignal session => OnSession(state, session, settings),
        NextMorningSignal morning => OnMorning(state, morning, history, settings),
        RunningPainSignal run => OnRun(state, run, history, settings),
        DailyPainSignal daily when daily.Pain >= settings.DailyPainBelow => Hold(state, ProgressionRules.DailyPainAtOrAboveLimit),
        _ => new ProgressionOutcome(null, ProgressionRules.NoEffect, state),
    };

    private static ProgressionOutcome OnSession(ProgressionState state, SessionSignal s, ProgressionSettings settings)
    {
        if (s.PainDuring > settings.ExercisePainMax)
            return Regress(state, ProgressionRules.ExercisePainAboveLimit, s.At) with { Session = (s.SessionId, SessionVerdict.Regressed, false) };
        if (s.SessionPhase is { } phase && phase != state.Phase)
            return new ProgressionOutcome(null, ProgressionRules.SessionOfAnotherPhase, state, Session: (s.SessionId, SessionVerdict.NotCounted, false));
        if (s.MinutesToSettle is null)
            return Hold(state, ProgressionRules.SettleUnknown) with { Session = (s.SessionId, SessionVerdict.Held, false) };
        if (s.MinutesToSettle > settings.SettleMinutesMax)
            return Hold(state, ProgressionRules.SlowToSettle) with { Session = (s.SessionId, SessionVerdict.Held, false) };
        return new ProgressionOutcome(null, ProgressionRules.AwaitingMorningReport, state, Session: (s.SessionId, SessionVerdict.AwaitingMorningReport, false));
    }

    private static ProgressionOutcome OnMorning(ProgressionState state, NextMorningSignal m, ProgressionHistory history, ProgressionSettings settings)
    {
        // The report is about the session it names, else the latest one still waiting for its morning.
        var session = m.SessionId is { } id
            ? history.Sessions.FirstOrDefault(s => s.SessionId == id)
            : history.Sessions.FirstOrDefault(s => s.Verdict == SessionVerdict.AwaitingMorningReport && s.PerformedAt <= m.At);
        (Guid, SessionVerdict, bool)? Verdict(SessionVerdict verdict, bool flare) => session is null ? null : (session.SessionId, verdict, flare);

        if (m.FlareHours > settings.FlareHoursToRegress)
        {
            var outcome = state.Phase == ReturnToRunPhase ? StepBackRunStage(state, ProgressionRules.LongFlare) : Regress(state, ProgressionRules.LongFlare, m.At);
            return outcome with { Session = Verdict(SessionVerdict.Regressed, true) };
        }
        if (m.WorseThanBefore == true)
        {
            var outcome = state.Phase == ReturnToRunPhase ? StepBackRunStage(state, ProgressionRules.OneNightFlare) : Hold(state, ProgressionRules.OneNightFlare);
            return outcome with { Session = Verdict(SessionVerdict.Held, true) };
        }
        if (session is null || session.Verdict != SessionVerdict.AwaitingMorningReport)
            return new ProgressionOutcome(null, ProgressionRules.NoEffect, state);
        if (m.WorseThanBefore is null)
            return Hold(state, ProgressionRules.MorningUnknown) with { Session = Verdict(SessionVerdict.Held, false) };

        var counted = Verdict(SessionVerdict.InLimits, false);
        var count = state.ConsecutiveInLimitSessions + 1;
        if (count < settings.SessionsToProgress)
            return new ProgressionOutcome(null, ProgressionRules.InLimitSessionCounted, state with { ConsecutiveInLimitSessions = count }, Session: counted);
        if (state.DoseStep < settings.MaxDoseSteps)
            return new ProgressionOutcome(ProgressionDecision.DoseProgressed, ProgressionRules.DoseProgressed,
                state with { DoseStep = state.DoseStep + 1, ConsecutiveInLimitSessions = 0 }, Session: counted);
        if (state.Phase >= HighestPhase)
            return new ProgressionOutcome(null, ProgressionRules.InLimitSessionCounted, state with { ConsecutiveInLimitSessions = 0 }, Session: counted);

        var recent = new[] { new SessionRecord(session.SessionId, session.PerformedAt, SessionVerdict.InLimits, false) }
            .Concat(history.Sessions.Where(s => s.SessionId != session.SessionId)).ToList();
        if (!PhaseExit.Check(state, recent, history.DailyPain, m.At, settings).Met)
            return new ProgressionOutcome(null, ProgressionRules.PhaseNotYet, state with { ConsecutiveInLimitSessions = 0 }, Session: counted);
        var next = new ProgressionState(state.Phase + 1, 0, 0, m.At, state.Phase + 1 == ReturnToRunPhase ? 1 : 0);
        return state.Phase + 1 == ReturnToRunPhase
            ? new ProgressionOutcome(ProgressionDecision.Progress, ProgressionRules.ReturnToRunReview, next, NeedsApproval: true, Session: counted)
            : new ProgressionOutcome(ProgressionDecision.Progress, ProgressionRules.PhaseProgressed, next, NeedsApproval: settings.RequireApproval, Session: counted);
    }

    private static ProgressionOutcome OnRun(ProgressionState state, RunningPainSignal run, ProgressionHistory history, ProgressionSettings settings)
    {
        if (state.Phase != ReturnToRunPhase)
            return new ProgressionOutcome(null, ProgressionRules.NoEffect, state);
        if (run.Pain > settings.RunningPainMax)
            return StepBackRunStage(state, ProgressionRules.RunningPainAboveLimit);
        if (history.Runs.Any(r => r.At < run.At && run.At - r.At < RestBetweenRuns))
            return new ProgressionOutcome(null, ProgressionRules.RestDayNeeded, state);
        var runs = state.RunsAtStage + 1;
        if (runs < settings.RunsPerStage)
            return new ProgressionOutcome(null, ProgressionRules.RunCounted, state with { RunsAtStage = runs });
        if (state.RunStage >= RunStages.Last)
            return new ProgressionOutcome(null, ProgressionRules.LastRunStage, state with { RunsAtStage = runs });
        var lastWeek = history.Runs.Where(r => r.At > run.At.AddDays(-7) && r.At <= run.At).ToList();
        var minutes = lastWeek.Sum(r => r.Minutes) + (run.RunMinutes ?? 0);
        var planned = (lastWeek.Count + 1) * RunStages.Of(state.RunStage + 1).RunMinutes;
        if (minutes == 0 || planned > minutes * (1 + settings.MaxWeeklyRunIncreasePercent / 100.0))
            return Hold(state, ProgressionRules.WeeklyRunCap) with { State = state with { RunsAtStage = 0 } };
        return new ProgressionOutcome(ProgressionDecision.RunStageAdvanced, ProgressionRules.RunStageAdvanced,
            state with { RunStage = state.RunStage + 1, RunsAtStage = 0 });
    }

    private static ProgressionOutcome Hold(ProgressionState state, ProgressionRule rule) =>
        new(ProgressionDecision.Hold, rule, state with { ConsecutiveInLimitSessions = 0 });

    /// <summary>Easier first within the phase; back one phase only from its starting dose; never below phase 1.</summary>
    private static ProgressionOutcome Regress(ProgressionState state, ProgressionRule rule, DateTimeOffset at)
    {
        if (state.DoseStep > 0)
            return new(ProgressionDecision.DoseRegressed, rule, state with { DoseStep = state.DoseStep - 1, ConsecutiveInLimitSessions = 0 });
        if (state.Phase <= LowestPhase || state.Phase == ReturnToRunPhase)
            return Hold(state, state.Phase == ReturnToRunPhase ? rule : ProgressionRules.AlreadyLowest);
        return new(ProgressionDecision.Regress, rule, new ProgressionState(state.Phase - 1, 0, 0, at));
    }

    private static ProgressionOutcome StepBackRunStage(ProgressionState state, ProgressionRule rule) => state.RunStage > 1
        ? new(ProgressionDecision.RunStageSteppedBack, rule, state with { RunStage = state.RunStage - 1, RunsAtStage = 0, ConsecutiveInLimitSessions = 0 })
        : Hold(state, rule) with { State = state with { RunsAtStage = 0, ConsecutiveInLimitSessions = 0 } };
}

/// <summary>A phase's exit criteria (clinical reference, "Pain-monitoring model"), each with what it found.</summary>
public static class PhaseExit
{
    public sealed record Result(bool Met, bool TimeInPhase, bool LowDailyPain, bool FlareFree, int DaysInPhase, int DailyReports, int? WorstDailyPain);

    public static Result Check(ProgressionState state, IReadOnlyList<SessionRecord> recentSessions, IReadOnlyList<PainRecord> dailyPain, DateTimeOffset at,
        ProgressionSettings settings)
    {
        var days = (int)Math.Floor((at - state.PhaseStartedAt).TotalDays);
        var window = dailyPain.Where(p => p.At > at.AddDays(-settings.LowDailyPainDays) && p.At <= at).ToList();
        var worst = window.Count == 0 ? (int?)null : window.Max(p => p.Pain);
        var lowDaily = window.Count >= settings.DailyReportsNeeded && worst < settings.DailyPainBelow;
        var judged = recentSessions.Where(s => s.Verdict != SessionVerdict.NotCounted).Take(settings.FlareFreeSessions).ToList();
        var flareFree = judged.Count >= settings.FlareFreeSessions && judged.All(s => !s.Flare);
        var timeInPhase = days >= settings.MinimumDaysInPhase;
        return new Result(timeInPhase && lowDaily && flareFree, timeInPhase, lowDaily, flareFree, days, window.Count, worst);
    }
}

/// <summary>
/// The six walk/run stages of return to run (clinical reference: from 2 min walk / 3 min run to 2 miles continuous,
/// each at least twice with a rest day between runs; run 10-20 % slower than before, no downhill).
/// </summary>
public static class RunStages
{
    public sealed record Stage(int Number, string Pattern, int RunMinutes, int TotalMinutes);

    public static IReadOnlyList<Stage> All { get; } =
    [
        new(1, "2 min walk / 3 min run, 4 times", 12, 20),
        new(2, "1 min walk / 5 min run, 3 times", 15, 18),
        new(3, "1 min walk / 6 min run, 3 times", 18, 21),
        new(4, "1 min walk / 10 min run, twice", 20, 22),
        new(5, "22 min continuous easy run", 22, 22),
        new(6, "2 miles (3.2 km) continuous easy run, about 25 min", 25, 25),
    ];

    public static int Last => All.Count;

    public static Stage Of(int number) => All[Math.Clamp(number, 1, All.Count) - 1];
}

/// <summary>What a decision looked at, by name, for its record: the signal's values, the state before, the exit criteria.</summary>
public static class ProgressionInputs
{
    public static IReadOnlyDictionary<string, string> Describe(ProgressionSignal signal, ProgressionState before, ProgressionHistory history, ProgressionSettings settings)
    {
        static string N(int? value) => value?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown";
        var inputs = new Dictionary<string, string>
        {
            ["phase"] = N(before.Phase),
            ["doseStep"] = N(before.DoseStep),
            ["inLimitSessionsBefore"] = N(before.ConsecutiveInLimitSessions),
        };
        switch (signal)
        {
            case SessionSignal s:
                inputs["signal"] = "session";
                inputs["painBefore"] = N(s.PainBefore);
                inputs["painDuring"] = N(s.PainDuring);
                inputs["painAfter"] = N(s.PainAfter);
                inputs["minutesToSettle"] = N(s.MinutesToSettle);
                inputs["exercisePainMax"] = N(settings.ExercisePainMax);
                inputs["settleMinutesMax"] = N(settings.SettleMinutesMax);
                break;
            case NextMorningSignal m:
                inputs["signal"] = "next-morning";
                inputs["pain"] = N(m.Pain);
                inputs["worseThanBefore"] = m.WorseThanBefore switch { true => "true", false => "false", null => "unknown" };
                inputs["flareHours"] = N(m.FlareHours);
                inputs["flareHoursToRegress"] = N(settings.FlareHoursToRegress);
                var exit = PhaseExit.Check(before, history.Sessions, history.DailyPain, m.At, settings);
                inputs["daysInPhase"] = N(exit.DaysInPhase);
                inputs["minimumDaysInPhase"] = N(settings.MinimumDaysInPhase);
                inputs["dailyReportsInWindow"] = N(exit.DailyReports);
                inputs["worstDailyPainInWindow"] = N(exit.WorstDailyPain);
                inputs["flareFreeRecentSessions"] = exit.FlareFree ? "true" : "false";
                break;
            case RunningPainSignal r:
                inputs["signal"] = "while-running";
                inputs["pain"] = N(r.Pain);
                inputs["runMinutes"] = N(r.RunMinutes);
                inputs["runStage"] = N(before.RunStage);
                inputs["runningPainMax"] = N(settings.RunningPainMax);
                inputs["runsLastWeek"] = N(history.Runs.Count);
                break;
            case DailyPainSignal d:
                inputs["signal"] = "daily-activity";
                inputs["pain"] = N(d.Pain);
                inputs["dailyPainBelow"] = N(settings.DailyPainBelow);
                break;
        }
        return inputs;
    }
}
