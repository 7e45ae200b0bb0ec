using RehabPlatform.Sessions.Model;

namespace RehabPlatform.Sessions.Tests;

public sealed class CareAttentionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static CareFacts Facts(int assignedDaysAgo = 20, int? lastSessionDaysAgo = 1, int? baselineDaysAgo = 20, int? outcomeDaysAgo = null, int? flareDaysAgo = null) => new(
        Now.AddDays(-assignedDaysAgo), lastSessionDaysAgo is { } s ? Now.AddDays(-s) : null, baselineDaysAgo is { } b ? Now.AddDays(-b) : null,
        outcomeDaysAgo is { } o ? Now.AddDays(-o) : null, flareDaysAgo is { } f ? Now.AddDays(-f) : null);

    private static bool Needs(AttentionReason reason, CareFacts facts) => CareAttention.For(facts, Now).Any(a => a.Reason == reason);

    [Fact]
    public void A_patient_with_a_recent_session_and_no_flare_needs_no_attention() =>
        Assert.Empty(CareAttention.For(Facts(), Now));

    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    public void No_session_for_five_days_or_more_needs_attention(int daysSinceSession, bool expected) =>
        Assert.Equal(expected, Needs(AttentionReason.NoRecentSession, Facts(lastSessionDaysAgo: daysSinceSession)));

    [Fact]
    public void A_program_without_any_session_counts_from_its_assignment()
    {
        var attention = Assert.Single(CareAttention.For(Facts(assignedDaysAgo: 6, lastSessionDaysAgo: null, baselineDaysAgo: 6), Now));
        Assert.Equal((AttentionReason.NoRecentSession, Now.AddDays(-6)), (attention.Reason, attention.Since));
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(8, false)]
    public void A_flare_needs_attention_within_the_week(int flareDaysAgo, bool expected) =>
        Assert.Equal(expected, Needs(AttentionReason.Flare, Facts(flareDaysAgo: flareDaysAgo)));

    [Fact]
    public void The_follow_up_is_due_six_weeks_after_the_baseline_until_an_outcome_is_recorded()
    {
        Assert.False(Needs(AttentionReason.FollowUpDue, Facts(assignedDaysAgo: 41, baselineDaysAgo: 41)));
        var due = CareAttention.For(Facts(assignedDaysAgo: 43, baselineDaysAgo: 43), Now).Single(a => a.Reason == AttentionReason.FollowUpDue);
        Assert.Equal(Now.AddDays(-1), due.Since);
        Assert.False(Needs(AttentionReason.FollowUpDue, Facts(assignedDaysAgo: 43, baselineDaysAgo: 43, outcomeDaysAgo: 2)));
    }

    [Fact]
    public void Fewer_than_half_the_prescribed_sessions_over_the_last_two_complete_weeks_is_not_adhering()
    {
        WeekAdherence Week(int weeksAgo, int done) => new(AdherenceCalculator.WeekStart(Now).AddDays(-7 * weeksAgo), done, 3);

        Assert.True(CareAttention.IsNotAdhering([Week(2, 1), Week(1, 1), Week(0, 0)], Now.AddDays(-30)));
        Assert.False(CareAttention.IsNotAdhering([Week(2, 2), Week(1, 1), Week(0, 0)], Now.AddDays(-30)));
        Assert.False(CareAttention.IsNotAdhering([Week(2, 0), Week(1, 0), Week(0, 0)], Now.AddDays(-10)));
    }

    [Theory]
    [InlineData(20, null, false)]  // the session's morning has not passed everywhere yet
    [InlineData(40, null, true)]   // it has, and no report came
    [InlineData(40, 20, false)]    // the next morning reported
    [InlineData(40, 50, true)]     // a report before the session is about an earlier one
    [InlineData(24 * 8, null, false)] // a week on, the silence is the no-recent-session concern
    public void A_missing_morning_check_in_needs_attention_once_that_morning_has_passed(int activityHoursAgo, int? morningReportHoursAgo, bool expected)
    {
        var facts = Facts(lastSessionDaysAgo: 1) with
        {
            LastActivityAt = Now.AddHours(-activityHoursAgo),
            LastMorningReportAt = morningReportHoursAgo is { } m ? Now.AddHours(-m) : null,
        };
        Assert.Equal(expected, Needs(AttentionReason.MorningCheckInMissing, facts));
    }

    [Fact]
    public void A_missing_morning_check_in_is_dated_from_when_it_became_overdue()
    {
        var ranAt = Now.AddHours(-40);
        var attention = Assert.Single(CareAttention.For(Facts(lastSessionDaysAgo: 3) with { LastActivityAt = ranAt }, Now));
        Assert.Equal((AttentionReason.MorningCheckInMissing, ranAt + CareAttention.MorningCheckInWindow), (attention.Reason, attention.Since));
    }
}
