namespace RehabPlatform.Sessions.Model;

public sealed record WeekAdherence(DateOnly WeekStart, int Completed, int Prescribed)
{
    /// <summary>Completed over prescribed, capped at 1 (extra sessions do not make up for missed weeks).</summary>
    public double Ratio => Prescribed == 0 ? 0 : Math.Min(1.0, (double)Completed / Prescribed);
}

/// <summary>Completed versus prescribed sessions per ISO week (Monday start, UTC).</summary>
public static class AdherenceCalculator
{
    public static DateOnly WeekStart(DateTimeOffset at)
    {
        var day = DateOnly.FromDateTime(at.UtcDateTime);
        var offset = ((int)day.DayOfWeek + 6) % 7;
        return day.AddDays(-offset);
    }

    /// <summary>The <paramref name="weeks"/> weeks ending with the week of <paramref name="now"/>, oldest first.</summary>
    public static IReadOnlyList<WeekAdherence> Weekly(IEnumerable<DateTimeOffset> sessionTimes, int sessionsPerWeek, DateTimeOffset now, int weeks)
    {
        var current = WeekStart(now);
        var counts = sessionTimes.GroupBy(WeekStart).ToDictionary(g => g.Key, g => g.Count());
        return Enumerable.Range(0, weeks).Reverse()
            .Select(back => current.AddDays(-7 * back))
            .Select(week => new WeekAdherence(week, counts.GetValueOrDefault(week), sessionsPerWeek))
            .ToList();
    }
}
