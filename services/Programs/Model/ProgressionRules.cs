namespace RehabPlatform.Programs.Model;

/// <summary>
/// One rule of the pain-monitoring engine: its code (stored with every decision), the source a clinician can
/// check, and the sentence that explains the decision to the patient.
/// </summary>
public sealed record ProgressionRule(string Code, string Source, string Explanation);

/// <summary>The rule table. Every decision the engine makes names one of these.</summary>
public static class ProgressionRules
{
    private const string Trek = "La Trobe TREK pain-monitoring model (clinical reference, \"Pain-monitoring model\")";
    private const string UnknownRule = "Clinical reference, \"Pain-monitoring model\": a missing value is unknown; it holds, never counts";
    private const string Acsm = "ACSM Position Stand, Progression models in resistance training, Med Sci Sports Exerc 2009;41:687 (progress after two sessions at the target)";
    private const string PhaseRule = "Clinical reference, \"Pain-monitoring model\": change phase only after a minimum time in the phase and its exit criteria";
    private const string RunRule = "Clinical reference, \"Program phases\": six walk/run stages, each at least twice (Trials 2023, doi:10.1186/s13063-023-07502-x)";
    private const string Nielsen = "Nielsen et al. 2014, JOSPT 44(10):739: weekly running distance increases above 30 % raise injury risk";

    public static readonly ProgressionRule ExercisePainAboveLimit = new("exercise-pain-above-limit", Trek,
        "Your knee hurt more than the limit during the exercises, so they are made a little easier.");
    public static readonly ProgressionRule SlowToSettle = new("pain-not-settled-in-time", Trek,
        "Your knee took longer than an hour to settle after the exercises, so we keep them the same for now.");
    public static readonly ProgressionRule SettleUnknown = new("settle-time-unknown", UnknownRule,
        "We don't know how quickly your knee settled after this session, so it does not count towards the next step.");
    public static readonly ProgressionRule AwaitingMorningReport = new("awaiting-next-morning-report", UnknownRule,
        "This session counts once you tell us how your knee feels tomorrow morning.");
    public static readonly ProgressionRule SessionOfAnotherPhase = new("session-of-another-phase", Trek,
        "This session followed your earlier exercises, so it does not count towards the current ones.");
    public static readonly ProgressionRule MorningUnknown = new("next-morning-unknown", UnknownRule,
        "We don't know whether your knee was worse the next morning, so the session does not count.");
    public static readonly ProgressionRule OneNightFlare = new("one-night-flare", Trek,
        "Your knee was worse the morning after, so we keep the exercises the same until it settles.");
    public static readonly ProgressionRule LongFlare = new("flare-longer-than-limit", Trek,
        "Your knee stayed worse for more than a day, so the exercises are made a little easier.");
    public static readonly ProgressionRule InLimitSessionCounted = new("in-limit-session-counted", Trek,
        "Your knee coped well with this session; it counts towards the next step.");
    public static readonly ProgressionRule DoseProgressed = new("dose-progressed", Acsm,
        "Your knee coped well with two sessions in a row, so the exercises get a little harder.");
    public static readonly ProgressionRule PhaseProgressed = new("phase-exit-criteria-met", PhaseRule,
        "You have done this stage long enough with little pain, so you move on to the next set of exercises.");
    public static readonly ProgressionRule PhaseNotYet = new("phase-exit-criteria-not-met", PhaseRule,
        "You are doing well; you stay on these exercises until you have done them long enough with little daily pain.");
    public static readonly ProgressionRule ReturnToRunReview = new("return-to-run-readiness-review",
        "Clinical reference, \"Program phases\" (P4 readiness) and \"Pain-monitoring model\" (P4 entry needs a therapist's approval)",
        "You may be ready to start running again; your physiotherapist will check with you before you do.");
    public static readonly ProgressionRule DailyPainAtOrAboveLimit = new("daily-pain-at-or-above-limit", Trek,
        "Your knee hurt in daily life, so we keep the exercises the same for now.");
    public static readonly ProgressionRule RunningPainAboveLimit = new("running-pain-above-limit", Trek,
        "Your knee hurt more than the limit while running, so you go back one walk/run stage.");
    public static readonly ProgressionRule RunCounted = new("run-inside-limits-counted", RunRule,
        "That run went well; it counts towards the next walk/run stage.");
    public static readonly ProgressionRule RestDayNeeded = new("rest-day-between-runs", RunRule,
        "Leave a rest day between runs; this run is recorded but does not count towards the next stage.");
    public static readonly ProgressionRule RunStageAdvanced = new("run-stage-completed", RunRule,
        "You completed this walk/run stage without pain, so you move to the next one.");
    public static readonly ProgressionRule WeeklyRunCap = new("weekly-run-increase-capped", Nielsen,
        "The next walk/run stage would raise your weekly running too quickly, so you repeat this one.");
    public static readonly ProgressionRule AlreadyLowest = new("already-at-easiest", Trek,
        "Your exercises are already at their easiest; your physiotherapist will look at how you are doing.");
    public static readonly ProgressionRule LastRunStage = new("last-run-stage", RunRule,
        "You have reached the last walk/run stage; your physiotherapist will plan what comes next.");
    public static readonly ProgressionRule FormDrillsAdded = new("form-drills-added", "Heiderscheit 2011; Lenhart 2014 (cadence +5-10 %); Willy 2019 CPG (gait retraining)",
        "Your running form check found something to work on, so a running drill is added to your program.");
    public static readonly ProgressionRule FormDrillsScheduled = new("form-drills-scheduled-for-return-to-run", "Clinical reference, \"Program phases\": running drills belong to return to run (P4)",
        "Your running form check found something to work on; the drill starts when you return to running.");
    public static readonly ProgressionRule LowReliabilityCapture = new("low-reliability-capture-needs-review", "Clinical reference, \"Running form\": at least 60 fps and 7 steps per side",
        "Your running video was not clear enough to change your program by itself; your physiotherapist will look at it.");
    public static readonly ProgressionRule NoEffect = new("no-effect", Trek, "Thank you: this report is recorded.");

    public static IReadOnlyList<ProgressionRule> All { get; } =
    [
        ExercisePainAboveLimit, SlowToSettle, SettleUnknown, AwaitingMorningReport, SessionOfAnotherPhase, MorningUnknown, OneNightFlare, LongFlare,
        InLimitSessionCounted, DoseProgressed, PhaseProgressed, PhaseNotYet, ReturnToRunReview, DailyPainAtOrAboveLimit, RunningPainAboveLimit,
        RunCounted, RestDayNeeded, RunStageAdvanced, WeeklyRunCap, AlreadyLowest, LastRunStage, FormDrillsAdded, FormDrillsScheduled, LowReliabilityCapture, NoEffect,
    ];
}
