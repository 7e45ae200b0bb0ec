namespace RehabPlatform.Sessions.Model;

/// <summary>Why a patient with a program needs a therapist's attention, as far as sessions, pain reports and outcomes tell.</summary>
public enum AttentionReason
{
    /// <summary>No session logged for <see cref="CareAttention.DaysWithoutSessionLimit"/> days or more.</summary>
    NoRecentSession,
    /// <summary>A flare, or a next morning worse than before, reported in the last week.</summary>
    Flare,
    /// <summary>The follow-up re-assessment is due and not recorded.</summary>
    FollowUpDue,
    /// <summary>The latest session or run has no next-morning report, and that morning has passed.</summary>
    MorningCheckInMissing,
}

/// <summary>What the attention rules look at for one patient.</summary>
public sealed record CareFacts(
    DateTimeOffset ProgramAssignedAt,
    DateTimeOffset? LastSessionAt,
    DateTimeOffset? BaselineAt,
    DateTimeOffset? LastOutcomeAt,
    DateTimeOffset? LastFlareAt,
    DateTimeOffset? LastActivityAt = null,
    DateTimeOffset? LastMorningReportAt = null);

public sealed record Attention(AttentionReason Reason, DateTimeOffset Since);

/// <summary>
/// The worklist rules for an active program. A patient silent for 5 days has missed at least one prescribed
/// session at 3 a week; typical programmes run 6 weeks (Ferber 2015), so the follow-up is due 6 weeks after the
/// baseline intake; a flare is a therapist's business within the week (La Trobe TREK education). The engine counts
/// a session or a run only with its next-morning report ("not worse the next morning", clinical reference,
/// pain-monitoring model), so a morning without one stalls the program: the therapist sees it once that morning has
/// passed in any time zone (36 hours), for as long as it is the latest activity of the last week.
/// </summary>
public static class CareAttention
{
    public const int DaysWithoutSessionLimit = 5;
    public static readonly TimeSpan FollowUpAfter = TimeSpan.FromDays(42);
    public static readonly TimeSpan FlareWindow = TimeSpan.FromDays(7);
    public static readonly TimeSpan MorningCheckInWindow = TimeSpan.FromHours(36);

    public static IReadOnlyList<Attention> For(CareFacts facts, DateTimeOffset now)
    {
        var reasons = new List<Attention>();
        var quietSince = facts.LastSessionAt ?? facts.ProgramAssignedAt;
        if (now - quietSince >= TimeSpan.FromDays(DaysWithoutSessionLimit))
            reasons.Add(new Attention(AttentionReason.NoRecentSession, quietSince));
        if (facts.LastFlareAt is { } flare && now - flare <= FlareWindow)
            reasons.Add(new Attention(AttentionReason.Flare, flare));
        if (facts.BaselineAt is { } baseline && baseline + FollowUpAfter <= now && !(facts.LastOutcomeAt >= baseline + FollowUpAfter - TimeSpan.FromDays(7)))
            reasons.Add(new Attention(AttentionReason.FollowUpDue, baseline + FollowUpAfter));
        if (facts.LastActivityAt is { } activity && now - activity >= MorningCheckInWindow && now - activity <= FlareWindow
            && !(facts.LastMorningReportAt > activity))
            reasons.Add(new Attention(AttentionReason.MorningCheckInMissing, activity + MorningCheckInWindow));
        return reasons;
    }

    /// <summary>
    /// Not adhering: fewer than half the prescribed sessions over the last two complete weeks. A program younger
    /// than that has not had the chance.
    /// </summary>
    public static bool IsNotAdhering(IReadOnlyList<WeekAdherence> lastWeeks, DateTimeOffset programAssignedAt)
    {
        var complete = lastWeeks.Count >= 3 ? lastWeeks.Skip(lastWeeks.Count - 3).Take(2).ToList() : [];
        if (complete.Count < 2 || complete[0].WeekStart.ToDateTime(TimeOnly.MinValue) < programAssignedAt.UtcDateTime.Date)
            return false;
        var prescribed = complete.Sum(w => w.Prescribed);
        return prescribed > 0 && complete.Sum(w => w.Completed) * 2 < prescribed;
    }
}
