using Xunit.Abstractions;
using RehabPlatform.Sessions.Model;

namespace RehabPlatform.Sessions.Tests;

/// <summary>
/// A synthetic chain with a known truth: AKPS change = 40 - 0.35 x baseline - 3 x ln(1 + symptom weeks) + the template's
/// effect + noise (SD 6). Template C helps by 8 points, but it is also given the more severe cases (baselines about 18
/// points lower, symptoms a little longer), which by themselves gain more on the AKPS: the raw medians overstate it, the
/// adjusted figure must not.
/// </summary>
public sealed class OutcomeAnalyticsTests(ITestOutputHelper output)
{
    private const double TemplateCEffect = 8;

    private static List<OutcomeCase> Cohort(int patients, Func<string, string, string> groupOf, int seed = 20261124)
    {
        var random = new Random(seed);
        double Normal(double mean, double sd) => mean + sd * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var cases = new List<OutcomeCase>();
        for (var i = 0; i < patients; i++)
        {
            var clinic = $"clinic-{i % 3}";
            var template = random.NextDouble() switch { < 0.35 => "A", < 0.7 => "B", _ => "C" };
            var baseline = (int)Math.Clamp(Math.Round(Normal(template == "C" ? 52 : 70, 9)), 20, 95);
            var weeks = (int)Math.Clamp(Math.Round(Math.Exp(Normal(template == "C" ? 2.7 : 2.4, 0.6))), 1, 200);
            var followedUp = random.NextDouble() < 0.85;
            int? change = followedUp
                ? (int)Math.Round(40 - 0.35 * baseline - 3 * Math.Log(1 + weeks) + (template == "C" ? TemplateCEffect : 0) + Normal(0, 6))
                : null;
            cases.Add(new OutcomeCase(groupOf(template, clinic), baseline, weeks, change, change is null ? null : -2, change >= 10,
                change >= 10 ? 6 : null, 0.7, !followedUp && random.NextDouble() < 0.5));
        }
        return cases;
    }

    [Fact]
    public void On_500_patients_across_3_clinics_and_3_templates_the_case_mix_adjusted_report_recovers_the_template_effect_within_its_interval()
    {
        var report = OutcomeAnalytics.Report(Cohort(500, (template, _) => template));

        var a = report.Groups.Single(g => g.Group == "A");
        var b = report.Groups.Single(g => g.Group == "B");
        var c = report.Groups.Single(g => g.Group == "C");
        var effect = c.CaseMixAdjusted!.ObservedMinusExpected - a.CaseMixAdjusted!.ObservedMinusExpected;
        var margin = Half(c.CaseMixAdjusted) + Half(a.CaseMixAdjusted);
        var naive = c.MedianAkpsChange!.Value - a.MedianAkpsChange!.Value;
        output.WriteLine($"model: {report.Model}; C - A adjusted {effect:0.00} ± {margin:0.00}, raw medians {naive:0.0}; B - A {b.CaseMixAdjusted!.ObservedMinusExpected - a.CaseMixAdjusted.ObservedMinusExpected:0.00}");
        TestEnvironment.Report($"Outcome analytics: 500 synthetic patients, template effect 8 AKPS recovered as {effect:0.0} (±{margin:0.0}); raw medians said {naive:0.0}");

        Assert.InRange(TemplateCEffect, effect - margin, effect + margin);
        Assert.True(c.CaseMixAdjusted.Low > a.CaseMixAdjusted.High, "C's interval lies above A's");
        // B has no effect: its interval overlaps A's.
        Assert.True(b.CaseMixAdjusted.Low < a.CaseMixAdjusted.High && a.CaseMixAdjusted.Low < b.CaseMixAdjusted.High);
        // The more severe cases inflate the raw difference: adjusting brings it closer to the truth.
        Assert.True(naive > TemplateCEffect && Math.Abs(naive - TemplateCEffect) > Math.Abs(effect - TemplateCEffect), $"raw difference {naive}, adjusted {effect}");
        Assert.InRange(report.Model!.PerBaselinePoint, -0.45, -0.25);
    }

    [Fact]
    public void Clinics_without_an_effect_of_their_own_come_out_near_zero_after_adjustment()
    {
        var report = OutcomeAnalytics.Report(Cohort(500, (_, clinic) => clinic));

        Assert.Equal(3, report.Groups.Count);
        // Templates are spread evenly over clinics, so each clinic carries about the same share of C's effect.
        Assert.All(report.Groups, g => Assert.InRange(g.CaseMixAdjusted!.ObservedMinusExpected, -2.5, 2.5));
    }

    [Fact]
    public void A_group_of_fewer_than_5_patients_is_suppressed_and_fewer_than_20_follow_ups_withholds_the_comparison()
    {
        var cases = Cohort(300, (template, _) => template).Concat(Cohort(4, (_, _) => "tiny", seed: 1)).Concat(Cohort(12, (_, _) => "small", seed: 2)).ToList();

        var report = OutcomeAnalytics.Report(cases);

        var tiny = report.Groups.Single(g => g.Group == "tiny");
        Assert.True(tiny.Suppressed);
        Assert.Null(tiny.Started);
        Assert.Null(tiny.MedianAkpsChange);
        var small = report.Groups.Single(g => g.Group == "small");
        Assert.False(small.Suppressed);
        Assert.Null(small.CaseMixAdjusted);
        Assert.Contains("20 follow-ups", small.ComparisonWithheld);
    }

    [Fact]
    public void Without_enough_follow_ups_no_model_is_fitted_and_nothing_is_compared()
    {
        var cases = Cohort(15, (_, _) => "only");

        var report = OutcomeAnalytics.Report(cases);

        Assert.Null(report.Model);
        Assert.Null(report.Groups.Single().CaseMixAdjusted);
    }

    [Fact]
    public void Completeness_and_mcid_are_shares_of_the_started_and_of_the_followed_up()
    {
        OutcomeCase Case(int? change) => new("g", 60, 8, change, change is null ? null : -3, change >= 10, change >= 10 ? 5 : null, 0.5, change is null);
        var report = OutcomeAnalytics.Report([Case(12), Case(15), Case(4), Case(null), Case(null), Case(null)]);

        var group = report.Groups.Single();
        Assert.Equal(6, group.Started);
        Assert.Equal(0.5, group.FollowUpCompleteness);
        Assert.Equal(0.333, group.McidAmongStarted);
        Assert.Equal(0.667, group.McidAmongFollowedUp);
        Assert.Equal(12, group.MedianAkpsChange);
        Assert.Equal(5, group.MedianWeeksToMcid);
        Assert.Equal(0.5, group.DropOut);
    }

    private static double Half(AdjustedDifference d) => (d.High - d.Low) / 2;
}
