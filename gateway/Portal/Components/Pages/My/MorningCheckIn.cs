using RehabPlatform.Portal.Api;

namespace RehabPlatform.Portal.Components.Pages.My;

/// <summary>When the app asks the morning question: the day after the latest session, until it is answered (for two days).</summary>
public static class MorningCheckIn
{
    /// <summary>The timeline names a pain report's context as Sessions does.</summary>
    public const string PainKind = "NextMorning";
    private static readonly TimeSpan AskFor = TimeSpan.FromHours(48);

    public static SessionView? Due(TimelineView timeline, ClinicTime time, DateTimeOffset now)
    {
        var last = timeline.Sessions.MaxBy(s => s.PerformedAt);
        if (last is null || now - last.PerformedAt > AskFor || time.Local(now).Date <= time.Local(last.PerformedAt).Date)
            return null;
        return timeline.PainTrend.Any(p => p.Kind == PainKind && p.At >= last.PerformedAt) ? null : last;
    }
}
