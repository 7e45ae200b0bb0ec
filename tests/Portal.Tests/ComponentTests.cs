using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RehabPlatform.Portal.Api;
using RehabPlatform.Portal.Components.Shared;

namespace RehabPlatform.Portal.Tests;

/// <summary>The portal's charts and form pieces rendered on their own (bUnit).</summary>
public sealed class ComponentTests : BunitContext
{
    public ComponentTests()
    {
        // The charts show times on the clinic's clock; without a clinic that is UTC, and nothing calls the gateway.
        Services.AddMemoryCache();
        Services.AddSingleton(new GatewayClient(new HttpClient { BaseAddress = new Uri("http://127.0.0.1:9/") }, NullLogger<GatewayClient>.Instance));
        Services.AddSingleton<IntakeApi>();
        Services.AddSingleton<ClinicTime>();
    }

    [Fact]
    public void Clinic_time_shows_and_reads_times_on_the_clinics_wall_clock_across_daylight_saving()
    {
        var time = new ClinicTime(new IntakeApi(new GatewayClient(new HttpClient(), NullLogger<GatewayClient>.Instance),
            new Microsoft.Extensions.Caching.Memory.MemoryCache(new Microsoft.Extensions.Caching.Memory.MemoryCacheOptions())));
        time.UseZone("Europe/Amsterdam");

        Assert.Equal("24 Nov 2026 10:30", time.Format(new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.Zero), time.FromLocalInput("2026-11-24T10:30"));
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 8, 30, 0, TimeSpan.Zero), time.FromLocalInput("2026-07-01T10:30"));
        Assert.Null(time.FromLocalInput("not a time"));
        time.UseZone("Nowhere/Unknown");
        Assert.Equal(TimeZoneInfo.Utc, time.Zone);
    }

    [Fact]
    public void A_time_series_chart_breaks_its_line_at_unknown_values_dots_a_lone_value_and_leaves_out_a_series_without_data()
    {
        var start = new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
        ChartPoint At(int minute, double? value) => new(start.AddMinutes(minute), value);
        var chart = Render<LineChart>(p => p
            .Add(c => c.Id, "rps")
            .Add(c => c.Title, "Requests per second")
            .Add(c => c.From, start)
            .Add(c => c.To, start.AddHours(1))
            .Add(c => c.Series, [
                new ChartSeries("intake", [At(0, 1), At(1, 2), At(2, null), At(3, 4), At(4, 5)]),
                new ChartSeries("sessions", [At(0, null), At(1, 3), At(2, null)]),
                new ChartSeries("portal", [At(0, null), At(1, null)]),
            ]));

        var paths = chart.FindAll("path.series");
        Assert.Equal(2, paths.Count);
        Assert.Equal(2, paths[0].GetAttribute("d")!.Split('M', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Single(chart.FindAll("circle.lone"));
        Assert.DoesNotContain("portal", chart.Find(".chart-legend").TextContent);
        Assert.Contains("intake 5", chart.Find("desc").TextContent);
    }

    private static SessionView Session(int day, int during, int after) => new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1, "home",
        new DateTimeOffset(2026, 11, day, 9, 0, 0, TimeSpan.Zero), 1, during, after, 20, 5, null, []);

    [Fact]
    public void Pain_chart_draws_the_exercise_and_daily_limits_and_marks_a_session_above_the_exercise_limit()
    {
        var chart = Render<PainChart>(p => p
            .Add(c => c.Sessions, [Session(2, 3, 2), Session(4, 7, 5), Session(6, 5, 3)])
            .Add(c => c.ExerciseLimit, 5)
            .Add(c => c.DailyLimit, 2));

        var exerciseLimit = chart.Find("line.limit-exercise");
        Assert.Equal(PainChart.Scale(5, 14, 28, 240).ToString(System.Globalization.CultureInfo.InvariantCulture), exerciseLimit.GetAttribute("y1"));
        Assert.Single(chart.FindAll("line.limit-daily"));
        Assert.Single(chart.FindAll("circle.dot-during.over"));
        Assert.Equal(3, chart.FindAll("circle.dot-during").Count);
        Assert.Contains("1 with pain during exercise above the limit of 5", chart.Find("desc").TextContent);
        Assert.Equal(3, chart.FindAll("details tbody tr").Count);
        Assert.Equal(["0", "2", "4", "6", "8", "10"], chart.FindAll("text.axis-label[text-anchor=end]").Select(t => t.TextContent).ToArray());
    }

    [Fact]
    public void Pain_chart_without_sessions_says_so_instead_of_drawing_an_empty_chart()
    {
        var chart = Render<PainChart>(p => p.Add(c => c.Sessions, []));

        Assert.Empty(chart.FindAll("svg"));
        Assert.Contains("No sessions logged yet", chart.Markup);
    }

    [Fact]
    public void Outcomes_chart_draws_the_baseline_and_the_MCID_line_ten_points_above_it()
    {
        var chart = Render<OutcomesChart>(p => p
            .Add(c => c.Points, [new("Intake", DateTimeOffset.UtcNow.AddDays(-42), 62, 6), new("Follow-up 1", DateTimeOffset.UtcNow, 80, 2)])
            .Add(c => c.AkpsMcid, 10));

        var labels = chart.FindAll("text.limit-label").Select(t => t.TextContent).ToList();
        Assert.Contains("AKPS baseline 62", labels);
        Assert.Contains("MCID +10", labels);
        var baseline = double.Parse(chart.Find("line.limit-daily").GetAttribute("y1")!, System.Globalization.CultureInfo.InvariantCulture);
        var mcid = double.Parse(chart.Find("line.limit-exercise").GetAttribute("y1")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(mcid < baseline, "the MCID line is above the baseline (a higher AKPS is better)");
        Assert.Contains("AKPS from 62 to 80", chart.Find("desc").TextContent);
    }

    [Fact]
    public void Adherence_chart_marks_a_week_below_half_of_the_prescribed_sessions()
    {
        var chart = Render<AdherenceChart>(p => p.Add(c => c.Weeks,
            [new WeekAdherence(new DateOnly(2026, 11, 2), 3, 3), new WeekAdherence(new DateOnly(2026, 11, 9), 1, 3)]));

        Assert.Single(chart.FindAll("rect.bar-low"));
        Assert.Contains("week of 9 Nov: 1 of 3", chart.Find("desc").TextContent);
    }

    [Fact]
    public void Field_error_shows_the_API_message_for_its_field_whatever_the_case_of_the_key()
    {
        var problem = new ApiProblem(400, "One or more validation errors occurred.", null,
            new Dictionary<string, string[]> { ["GivenName"] = ["Required."], ["phone"] = ["Digits only."] }, null);

        var given = Render<FieldError>(p => p.Add(c => c.Field, "givenName").Add(c => c.Problem, problem).Add(c => c.Id, "given-error"));
        var email = Render<FieldError>(p => p.Add(c => c.Field, "email").Add(c => c.Problem, problem));

        Assert.Equal("Required.", given.Find("#given-error").TextContent);
        Assert.Empty(email.Markup.Trim());
    }

    [Fact]
    public void Problem_banner_words_an_unreachable_service_as_a_warning_without_internals()
    {
        var banner = Render<ProblemBanner>(p => p.Add(c => c.Problem, ApiProblem.Unreachable("Sessions")));

        Assert.Contains("alert-warning", banner.Find("[role=alert]").ClassName);
        Assert.Contains("Sessions is not answering", banner.Markup);
        Assert.DoesNotContain("Exception", banner.Markup);
    }

    [Fact]
    public void Problem_with_an_existing_patient_id_offers_it_for_the_duplicate_answer()
    {
        var existing = Guid.NewGuid();
        var body = JsonDocument.Parse($$"""{"title":"Patient already registered","existingPatientId":"{{existing}}"}""").RootElement;
        var problem = new ApiProblem(409, "Patient already registered", null, new Dictionary<string, string[]>(), body);

        Assert.True(problem.IsConflict);
        Assert.Equal(existing, problem.GuidExtension("existingPatientId"));
    }
}
