using RehabPlatform.Portal.Api;

namespace RehabPlatform.Portal.Components.Pages.My;

/// <summary>
/// The next-morning report the engine waits for after a session or a run (clinical reference: "not worse the next
/// morning"): what it is about, and whether the app should ask for it now.
/// </summary>
public static class MorningCheckIn
{
    /// <summary>The timeline names a pain report's context as Sessions does.</summary>
    public const string PainKind = "NextMorning";
    private static readonly TimeSpan AskFor = TimeSpan.FromHours(48);

    /// <summary>A session (with its id) or a run (a while-running report, no session).</summary>
    public sealed record Activity(DateTimeOffset At, Guid? SessionId)
    {
        public string Noun => SessionId is null ? "run" : "session";
    }

    /// <summary>The latest session or run, which the next check-in is about.</summary>
    public static Activity? Latest(TimelineView timeline)
    {
        var session = timeline.Sessions.MaxBy(s => s.PerformedAt);
        var run = (timeline.Runs ?? []).MaxBy(r => r.ReportedAt);
        if (run is not null && (session is null || run.ReportedAt > session.PerformedAt))
            return new Activity(run.ReportedAt, null);
        return session is null ? null : new Activity(session.PerformedAt, session.Id);
    }

    /// <summary>The activity to ask about: from the morning after it for two days, until a next-morning report arrives.</summary>
    public static Activity? Due(TimelineView timeline, ClinicTime time, DateTimeOffset now)
    {
        var last = Latest(timeline);
        if (last is null || now - last.At > AskFor || time.Local(now).Date <= time.Local(last.At).Date)
            return null;
        return timeline.PainTrend.Any(p => p.Kind == PainKind && p.At >= last.At) ? null : last;
    }
}
