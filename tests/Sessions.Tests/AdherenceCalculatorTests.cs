using RehabPlatform.Sessions.Model;

namespace RehabPlatform.Sessions.Tests;

public sealed class AdherenceCalculatorTests
{
    private static readonly DateTimeOffset Wednesday = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Weeks_start_on_monday_and_count_completed_against_prescribed()
    {
        var sessions = new[]
        {
            new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero),  // Monday this week
            new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero),
            new DateTimeOffset(2026, 11, 22, 23, 0, 0, TimeSpan.Zero), // Sunday last week
        };

        var weeks = AdherenceCalculator.Weekly(sessions, 3, Wednesday, 3);

        Assert.Equal([new DateOnly(2026, 11, 9), new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 23)], weeks.Select(w => w.WeekStart));
        Assert.Equal([0, 1, 2], weeks.Select(w => w.Completed));
        Assert.All(weeks, w => Assert.Equal(3, w.Prescribed));
        Assert.Equal(2 / 3.0, weeks[2].Ratio, 3);
    }

    [Fact]
    public void Extra_sessions_do_not_push_adherence_above_one() =>
        Assert.Equal(1.0, new WeekAdherence(new DateOnly(2026, 11, 23), 5, 3).Ratio);

    [Fact]
    public void Nothing_prescribed_is_zero_adherence() =>
        Assert.Equal(0.0, new WeekAdherence(new DateOnly(2026, 11, 23), 2, 0).Ratio);
}
