namespace RehabPlatform.Programs.Model;

/// <summary>
/// Pain-monitoring limits per template (defaults from La Trobe TREK education, clinical reference). Clinics
/// tune them per template.
/// </summary>
public sealed record ProgressionSettings
{
    /// <summary>Highest acceptable pain during exercise (NPRS); above it the program regresses, at it the program holds.</summary>
    public int ExercisePainMax { get; init; } = 5;

    /// <summary>Daily-activity pain must stay below this.</summary>
    public int DailyPainBelow { get; init; } = 2;

    /// <summary>Highest acceptable pain while running.</summary>
    public int RunningPainMax { get; init; } = 2;

    /// <summary>Pain must be back at the pre-exercise level within this many minutes.</summary>
    public int SettleMinutesMax { get; init; } = 60;

    /// <summary>Consecutive in-limit sessions (without a flare) that progress one phase.</summary>
    public int SessionsToProgress { get; init; } = 2;

    /// <summary>A flare longer than this regresses one phase.</summary>
    public int FlareHoursToRegress { get; init; } = 24;

    /// <summary>When true the engine only proposes; a therapist approves or rejects.</summary>
    public bool RequireApproval { get; init; }

    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (ExercisePainMax is < 0 or > 10) yield return ("exercisePainMax", "Between 0 and 10.");
        if (DailyPainBelow is < 1 or > 10) yield return ("dailyPainBelow", "Between 1 and 10.");
        if (RunningPainMax is < 0 or > 10) yield return ("runningPainMax", "Between 0 and 10.");
        if (SettleMinutesMax is < 0 or > 24 * 60) yield return ("settleMinutesMax", "Between 0 and 1440.");
        if (SessionsToProgress is < 1 or > 20) yield return ("sessionsToProgress", "Between 1 and 20.");
        if (FlareHoursToRegress is < 1 or > 168) yield return ("flareHoursToRegress", "Between 1 and 168.");
    }
}

/// <summary>What the engine knows of a program between signals.</summary>
public sealed record ProgressionState(int Phase, int ConsecutiveInLimitSessions);

public abstract record ProgressionSignal;

/// <summary>
/// A completed session with its pain values (NPRS), and the phase of the prescription it followed when known
/// (a session performed before a phase change can be logged after it).
/// </summary>
public sealed record SessionSignal(int PainBefore, int PainDuring, int PainAfter, int? MinutesToSettle, int? SessionPhase = null) : ProgressionSignal;

/// <summary>Pain the morning after a session; a flare is pain worse than before the session.</summary>
public sealed record NextMorningSignal(int Pain, bool WorseThanBefore, int? FlareHours) : ProgressionSignal;

public sealed record RunningPainSignal(int Pain) : ProgressionSignal;

public sealed record DailyPainSignal(int Pain) : ProgressionSignal;

/// <summary>The engine's verdict; <see cref="Decision"/> is null when the signal only updates the count.</summary>
public sealed record ProgressionOutcome(ProgressionDecision? Decision, string ReasonCode, ProgressionState State)
{
    public bool ChangesPhase(ProgressionState before) => State.Phase != before.Phase;
}

public static class ProgressionReasons
{
    public const string SessionsWithinLimits = "sessions-within-limits";
    public const string InLimitSessionCounted = "in-limit-session-counted";
    public const string SessionOfAnotherPhase = "in-limit-session-of-another-phase-not-counted";
    public const string ExercisePainTouchedLimit = "exercise-pain-at-limit";
    public const string ExercisePainAboveLimit = "exercise-pain-above-limit";
    public const string SlowToSettle = "pain-not-settled-in-time";
    public const string NextMorningFlare = "next-morning-flare";
    public const string LongFlare = "flare-longer-than-limit";
    public const string RunningPainAboveLimit = "running-pain-above-limit";
    public const string DailyPainAtOrAboveLimit = "daily-pain-at-or-above-limit";
    public const string AlreadyLowestPhase = "already-at-lowest-phase";
    public const string AlreadyHighestPhase = "already-at-highest-phase";
    public const string NoEffect = "no-effect";
}

/// <summary>
/// The pain-monitoring model of the clinical reference: progress one phase after N consecutive in-limit
/// sessions, hold when a limit is touched, regress one phase when exercise pain exceeds its limit or a
/// next-morning flare occurs (or a flare outlasts its limit). Phases stay within 1..4.
/// </summary>
public static class ProgressionEngine
{
    public const int LowestPhase = 1;
    public const int HighestPhase = 4;

    public static ProgressionOutcome Apply(ProgressionState state, ProgressionSignal signal, ProgressionSettings settings) => signal switch
    {
        SessionSignal s when s.PainDuring > settings.ExercisePainMax => Regress(state, ProgressionReasons.ExercisePainAboveLimit),
        SessionSignal s when s.PainDuring == settings.ExercisePainMax => Hold(state, ProgressionReasons.ExercisePainTouchedLimit),
        SessionSignal s when s.MinutesToSettle > settings.SettleMinutesMax => Hold(state, ProgressionReasons.SlowToSettle),
        // Progression needs in-limit sessions of the current phase; pain above the limits counts whatever the phase.
        SessionSignal s when s.SessionPhase is { } phase && phase != state.Phase => new ProgressionOutcome(null, ProgressionReasons.SessionOfAnotherPhase, state),
        SessionSignal => CountInLimitSession(state, settings),
        NextMorningSignal m when m.FlareHours > settings.FlareHoursToRegress => Regress(state, ProgressionReasons.LongFlare),
        NextMorningSignal m when m.WorseThanBefore => Regress(state, ProgressionReasons.NextMorningFlare),
        RunningPainSignal r when r.Pain > settings.RunningPainMax => Hold(state, ProgressionReasons.RunningPainAboveLimit),
        DailyPainSignal d when d.Pain >= settings.DailyPainBelow => Hold(state, ProgressionReasons.DailyPainAtOrAboveLimit),
        _ => new ProgressionOutcome(null, ProgressionReasons.NoEffect, state),
    };

    private static ProgressionOutcome CountInLimitSession(ProgressionState state, ProgressionSettings settings)
    {
        var count = state.ConsecutiveInLimitSessions + 1;
        if (count < settings.SessionsToProgress)
            return new ProgressionOutcome(null, ProgressionReasons.InLimitSessionCounted, state with { ConsecutiveInLimitSessions = count });
        if (state.Phase >= HighestPhase)
            return new ProgressionOutcome(ProgressionDecision.Hold, ProgressionReasons.AlreadyHighestPhase, state with { ConsecutiveInLimitSessions = 0 });
        return new ProgressionOutcome(ProgressionDecision.Progress, ProgressionReasons.SessionsWithinLimits, new ProgressionState(state.Phase + 1, 0));
    }

    private static ProgressionOutcome Hold(ProgressionState state, string reason) =>
        new(ProgressionDecision.Hold, reason, state with { ConsecutiveInLimitSessions = 0 });

    private static ProgressionOutcome Regress(ProgressionState state, string reason) =>
        state.Phase <= LowestPhase
            ? new ProgressionOutcome(ProgressionDecision.Hold, ProgressionReasons.AlreadyLowestPhase, state with { ConsecutiveInLimitSessions = 0 })
            : new ProgressionOutcome(ProgressionDecision.Regress, reason, new ProgressionState(state.Phase - 1, 0));
}
