namespace RehabPlatform.Programs.Model;

/// <summary>
/// Pain-monitoring limits and progression steps per template (clinical reference, "Pain-monitoring model"; defaults
/// from La Trobe TREK education). Clinics tune them per template. Settings stored before a property existed read
/// back with its default.
/// </summary>
public sealed record ProgressionSettings
{
    /// <summary>Highest acceptable pain during exercise (NPRS): at most this is acceptable, above it regresses.</summary>
    public int ExercisePainMax { get; init; } = 5;

    /// <summary>Daily-activity pain must stay below this.</summary>
    public int DailyPainBelow { get; init; } = 2;

    /// <summary>Highest acceptable pain while running: at most this is acceptable, above it steps back a run stage.</summary>
    public int RunningPainMax { get; init; } = 2;

    /// <summary>Pain must be back at the pre-session level within this many minutes.</summary>
    public int SettleMinutesMax { get; init; } = 60;

    /// <summary>Consecutive sessions inside the limits (each confirmed by its next-morning report) that progress the dose.</summary>
    public int SessionsToProgress { get; init; } = 2;

    /// <summary>A flare longer than this regresses; a shorter (one-night) flare holds.</summary>
    public int FlareHoursToRegress { get; init; } = 24;

    /// <summary>When true, every phase change is only proposed; a therapist approves or rejects. Return to run is always proposed.</summary>
    public bool RequireApproval { get; init; }

    /// <summary>Dose steps within a phase before its exit criteria are checked.</summary>
    public int MaxDoseSteps { get; init; } = 3;

    /// <summary>Reps added per dose step to exercises dosed in reps.</summary>
    public int RepsPerDoseStep { get; init; } = 2;

    /// <summary>Seconds added per dose step to isometric holds.</summary>
    public int HoldSecondsPerDoseStep { get; init; } = 10;

    /// <summary>Minimum time in a phase before it can change.</summary>
    public int MinimumDaysInPhase { get; init; } = 14;

    /// <summary>Exit criterion: daily pain below the limit over this many days...</summary>
    public int LowDailyPainDays { get; init; } = 7;

    /// <summary>...with at least this many daily reports in that window (fewer is unknown: hold).</summary>
    public int DailyReportsNeeded { get; init; } = 5;

    /// <summary>Exit criterion: no flare in this many most recent sessions.</summary>
    public int FlareFreeSessions { get; init; } = 3;

    /// <summary>A run stage is complete after this many runs inside the limits.</summary>
    public int RunsPerStage { get; init; } = 2;

    /// <summary>The next run stage may raise the weekly running time by at most this much.</summary>
    public int MaxWeeklyRunIncreasePercent { get; init; } = 30;

    public IEnumerable<(string Field, string Message)> Validate()
    {
        if (ExercisePainMax is < 0 or > 10) yield return ("exercisePainMax", "Between 0 and 10.");
        if (DailyPainBelow is < 1 or > 10) yield return ("dailyPainBelow", "Between 1 and 10.");
        if (RunningPainMax is < 0 or > 10) yield return ("runningPainMax", "Between 0 and 10.");
        if (SettleMinutesMax is < 0 or > 24 * 60) yield return ("settleMinutesMax", "Between 0 and 1440.");
        if (SessionsToProgress is < 1 or > 20) yield return ("sessionsToProgress", "Between 1 and 20.");
        if (FlareHoursToRegress is < 1 or > 168) yield return ("flareHoursToRegress", "Between 1 and 168.");
        if (MaxDoseSteps is < 0 or > 10) yield return ("maxDoseSteps", "Between 0 and 10.");
        if (RepsPerDoseStep is < 0 or > 10) yield return ("repsPerDoseStep", "Between 0 and 10.");
        if (HoldSecondsPerDoseStep is < 0 or > 60) yield return ("holdSecondsPerDoseStep", "Between 0 and 60.");
        if (MinimumDaysInPhase is < 0 or > 84) yield return ("minimumDaysInPhase", "Between 0 and 84.");
        if (LowDailyPainDays is < 1 or > 28) yield return ("lowDailyPainDays", "Between 1 and 28.");
        if (DailyReportsNeeded < 1 || DailyReportsNeeded > LowDailyPainDays) yield return ("dailyReportsNeeded", "Between 1 and lowDailyPainDays.");
        if (FlareFreeSessions is < 1 or > 20) yield return ("flareFreeSessions", "Between 1 and 20.");
        if (RunsPerStage is < 1 or > 10) yield return ("runsPerStage", "Between 1 and 10.");
        if (MaxWeeklyRunIncreasePercent is < 0 or > 100) yield return ("maxWeeklyRunIncreasePercent", "Between 0 and 100.");
    }
}

/// <summary>Where a program stands: its phase since when, the dose step within it, the run stage in return to run.</summary>
public sealed record ProgressionState(int Phase, int DoseStep, int ConsecutiveInLimitSessions, DateTimeOffset PhaseStartedAt, int RunStage = 0, int RunsAtStage = 0);

/// <summary>A session as the engine remembers it: whether it was inside the limits, and whether a flare followed.</summary>
public sealed record SessionRecord(Guid SessionId, DateTimeOffset PerformedAt, SessionVerdict Verdict, bool Flare);

/// <summary>A daily-activity or running pain report.</summary>
public sealed record PainRecord(DateTimeOffset At, int Pain);

/// <summary>A run reported with its running time.</summary>
public sealed record RunRecord(DateTimeOffset At, int Minutes);

/// <summary>What the engine looks back on: the program's recent sessions (newest first), daily pain and runs.</summary>
public sealed record ProgressionHistory(IReadOnlyList<SessionRecord> Sessions, IReadOnlyList<PainRecord> DailyPain, IReadOnlyList<RunRecord> Runs)
{
    public static readonly ProgressionHistory Empty = new([], [], []);
}

public enum SessionVerdict { AwaitingMorningReport, InLimits, Held, Regressed, NotCounted }

public abstract record ProgressionSignal(DateTimeOffset At);

/// <summary>
/// A completed session with its pain values (NPRS), the minutes until pain was back at its pre-session level
/// (null: not known), and the phase of the prescription it followed when known.
/// </summary>
public sealed record SessionSignal(Guid SessionId, int PainBefore, int PainDuring, int PainAfter, int? MinutesToSettle, int? SessionPhase, DateTimeOffset At)
    : ProgressionSignal(At);

/// <summary>Pain the morning after a session: worse than before the session is a flare; null is not known.</summary>
public sealed record NextMorningSignal(Guid? SessionId, int Pain, bool? WorseThanBefore, int? FlareHours, DateTimeOffset At) : ProgressionSignal(At);

/// <summary>Pain while running (return to run), with the running time when reported.</summary>
public sealed record RunningPainSignal(int Pain, int? RunMinutes, DateTimeOffset At) : ProgressionSignal(At);

public sealed record DailyPainSignal(int Pain, DateTimeOffset At) : ProgressionSignal(At);

/// <summary>
/// The engine's verdict. <see cref="Decision"/> is null when the signal only updates what the engine knows. A
/// decision that <see cref="NeedsApproval"/> is proposed to a therapist, never applied. <see cref="Session"/> is the
/// verdict on the session the signal concerns, when it concerns one.
/// </summary>
public sealed record ProgressionOutcome(ProgressionDecision? Decision, ProgressionRule Rule, ProgressionState State, bool NeedsApproval = false,
    (Guid SessionId, SessionVerdict Verdict, bool Flare)? Session = null);
