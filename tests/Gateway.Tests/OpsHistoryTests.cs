using Microsoft.Extensions.Options;
using RehabPlatform.Gateway;
using RehabPlatform.Gateway.Ops;

namespace RehabPlatform.Gateway.Tests;

public sealed class HistogramTests
{
    private static Histogram Of(params (double Le, double Count)[] buckets) => new(buckets.Select(b => new HistogramBucket(b.Le, b.Count)).ToList());

    [Fact]
    public void A_quantile_is_interpolated_inside_its_bucket_as_Prometheus_does()
    {
        var durations = Of((0.01, 50), (0.1, 90), (1, 100), (double.PositiveInfinity, 100));

        Assert.Equal(0.01, durations.Quantile(0.5)!.Value, 6);
        Assert.Equal(0.01 + 0.09 * (20.0 / 40), durations.Quantile(0.7)!.Value, 6);
        Assert.Equal(0.1 + 0.9 * 0.5, durations.Quantile(0.95)!.Value, 6);
        Assert.Null(Histogram.Empty.Quantile(0.5));
    }

    [Fact]
    public void What_was_observed_between_two_readings_is_their_difference_and_a_restart_counts_from_zero()
    {
        var earlier = Of((0.1, 10), (double.PositiveInfinity, 12));
        var later = Of((0.1, 15), (double.PositiveInfinity, 20));
        var afterRestart = Of((0.1, 2), (double.PositiveInfinity, 3));

        Assert.Equal([5.0, 8.0], later.Since(earlier).Buckets.Select(b => b.Count));
        Assert.Equal([2.0, 3.0], afterRestart.Since(later).Buckets.Select(b => b.Count));
    }

    [Fact]
    public void A_quantile_in_the_open_top_bucket_is_the_highest_finite_bound()
    {
        Assert.Equal(1, Of((1, 1), (double.PositiveInfinity, 10)).Quantile(0.99));
    }
}

public sealed class OpsHistoryTests
{
    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid North = Guid.NewGuid();

    private static OpsSummary Summary(DateTimeOffset at, long requests, long errors, double fastRequests, string status = "Healthy", long queued = 3) => new(at, [],
        [
            new ServiceOps("sessions", status, requests, errors, 2, 4, new Dictionary<string, double>
            {
                [$"rehab_sessions_logged_total{{clinic={North},setting=Home}}"] = 5,
                [$"rehab_sessions_logged_total{{clinic={North},setting=Clinic}}"] = 2,
                [$"rehab_sessions_outcomes_total{{akps_mcid_reached=true,clinic={North}}}"] = 1,
                [$"rehab_sessions_outcomes_total{{akps_mcid_reached=false,clinic={North}}}"] = 2,
                ["rehab_inbox_consumed_total{message_type=x}"] = 9,
            }, null)
            {
                RequestDurations = new([new(0.01, fastRequests), new(0.1, requests), new(double.PositiveInfinity, requests)]),
            },
        ],
        new QueueReport(true, null,
        [
            new QueueView("sessions-program-assigned", queued, 1, 1, false),
            new QueueView("sessions-program-assigned_error", 7, 0, 0, true),
            new QueueView("programs-intake-completed", 100, 0, 1, false),
        ]));

    private static OpsHistory History(ManualClock clock) => new(Options.Create(new GatewayOptions()), clock);

    [Fact]
    public void Rates_error_share_and_latency_cover_the_time_since_the_previous_summary()
    {
        var clock = new ManualClock(Start);
        var history = History(clock);
        history.Add(Summary(Start, requests: 100, errors: 0, fastRequests: 100));
        clock.Now = Start.AddSeconds(15);
        history.Add(Summary(clock.Now, requests: 400, errors: 30, fastRequests: 250));

        var points = Assert.Single(history.View().Services).Points;

        Assert.Null(points[0].RequestsPerSecond);
        Assert.Equal(20, points[1].RequestsPerSecond);
        Assert.Equal(10, points[1].ServerErrorPercent);
        Assert.Equal(10, points[1].LatencyP50Ms!.Value, 6);
        Assert.Equal(4, points[1].QueueDepth);
        Assert.Equal(2, points[1].OutboxBacklog);
    }

    [Fact]
    public void Clinic_counters_sum_their_other_labels_and_count_follow_ups_reaching_the_MCID()
    {
        var clock = new ManualClock(Start);
        var history = History(clock);
        history.Add(Summary(Start, 1, 0, 1));

        var clinic = Assert.Single(history.View().Clinics);

        Assert.Equal(North, clinic.ClinicId);
        Assert.Equal(7, clinic.Counters["rehab_sessions_logged_total"]);
        Assert.Equal(3, clinic.Counters["rehab_sessions_outcomes_total"]);
        Assert.Equal(1, clinic.Counters["rehab_sessions_outcomes_mcid_reached"]);
        Assert.False(clinic.Counters.ContainsKey("rehab_inbox_consumed_total"));
    }

    [Fact]
    public void Summaries_older_than_the_window_are_forgotten()
    {
        var clock = new ManualClock(Start);
        var history = History(clock);
        history.Add(Summary(Start, 1, 0, 1));
        clock.Now = Start.AddMinutes(61);
        history.Add(Summary(clock.Now, 2, 0, 2, status: "Unhealthy"));

        var point = Assert.Single(Assert.Single(history.View().Services).Points);

        Assert.False(point.Ready);
        Assert.Equal(clock.Now, point.At);
    }
}
