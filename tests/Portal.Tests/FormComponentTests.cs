using Bunit;
using RehabPlatform.Portal.Api;
using RehabPlatform.Portal.Components.Pages.Programs;
using RehabPlatform.Portal.Components.Shared;

namespace RehabPlatform.Portal.Tests;

/// <summary>The running-form result's pieces and the template builder's phase editor, rendered on their own (bUnit).</summary>
public sealed class FormComponentTests : BunitContext
{
    private static readonly MetricNorm KneeNorm = new("knee-flexion-at-contact", "at least 15°", 15, null, "Bramah 2018 (clinic setting)");
    private static readonly MetricNorm TibiaNorm = new("tibia-angle-at-contact", "0° or less (ankle not ahead of the knee)", null, 0, "Souza 2016");

    [Fact]
    public void Metric_table_shows_each_leg_with_its_difference_and_range_and_says_in_words_which_values_are_outside()
    {
        var table = Render<MetricTable>(p => p
            .Add(c => c.Metrics, [
                new GaitMetric("knee-flexion-at-contact", "deg", 17, 5, 14, null, 11.2, 22.8),
                new GaitMetric("tibia-angle-at-contact", "deg", -2.5, 1.2, 14, null, -2, -3),
                new GaitMetric("foot-strike-angle", "deg", null, null, 0, "format-has-no-heel-or-toe-keypoints"),
            ])
            .Add(c => c.Norms, [KneeNorm, TibiaNorm])
            .Add(c => c.AffectedSide, "left"));

        var knee = table.FindAll("tbody tr")[0].Children.Select(c => c.TextContent.Trim()).ToArray();
        Assert.Equal("Knee bend at contact", knee[0]);
        Assert.Equal("11.2° (outside)", knee[1]);
        Assert.Equal("22.8°", knee[2]);
        Assert.Equal("−11.6°", knee[3]);
        Assert.StartsWith("17.0° ± 5.0°, 14 steps", knee[4]);
        Assert.Contains("at least 15°", knee[5]);
        Assert.Contains("Bramah 2018", knee[5]);
        Assert.Single(table.FindAll("td.outside"));
        Assert.Contains("(painful knee)", table.FindAll("thead th")[1].TextContent);
        Assert.DoesNotContain("(painful knee)", table.FindAll("thead th")[2].TextContent);
        // A metric the format cannot give is said so in words, not shown as a number.
        Assert.Contains("no heel or toe points", table.FindAll("tbody tr")[2].TextContent);
    }

    private static KeyPose SideContact(string leg) => new("initial-contact", leg, 1.25,
    [
        new("left-shoulder", 0.52, 0.30), new("right-shoulder", 0.50, 0.30), new("left-hip", 0.50, 0.55), new("right-hip", 0.48, 0.55),
        new("left-knee", 0.60, 0.72), new("right-knee", 0.44, 0.70), new("left-ankle", 0.66, 0.90), new("right-ankle", 0.36, 0.82),
        new("left-heel", 0.65, 0.93), new("left-toe", 0.72, 0.92),
    ], new Dictionary<string, double> { ["tibia-angle-at-contact"] = 4.2, ["knee-flexion-at-contact"] = 12.5 });

    [Fact]
    public void Stick_figure_draws_the_runner_from_the_keypoints_with_the_stance_leg_apart_and_a_plumb_line_through_the_hips()
    {
        var figure = Render<StickFigure>(p => p.Add(c => c.Pose, SideContact("left")).Add(c => c.View, "side-facing-right"));

        // Every segment whose two ends were seen, and none whose end was not (no right heel or toe in this pose).
        var segments = figure.FindAll("line[data-segment]").Select(l => l.GetAttribute("data-segment")).ToList();
        Assert.Contains("left-knee:left-ankle", segments);
        Assert.Contains("mid-shoulder:mid-hip", segments);
        Assert.DoesNotContain("right-ankle:right-heel", segments);
        Assert.Equal(5, figure.FindAll("line.limb.stance").Count);
        Assert.Equal(2, figure.FindAll("line.limb.other").Count);
        // The plumb line through the mid-hip is vertical; at contact a second one drops from the stance knee.
        var guides = figure.FindAll("line.guide");
        Assert.Equal(2, guides.Count);
        Assert.All(guides, g => Assert.Equal(g.GetAttribute("x1"), g.GetAttribute("x2")));
        var hipX = double.Parse(guides[0].GetAttribute("x1")!, System.Globalization.CultureInfo.InvariantCulture);
        var kneeX = double.Parse(guides[1].GetAttribute("x1")!, System.Globalization.CultureInfo.InvariantCulture);
        var ankle = figure.FindAll("line[data-segment='left-knee:left-ankle']").Single();
        // The drawing keeps the image's geometry: the ankle lands ahead of the knee, which is ahead of the hips.
        Assert.True(double.Parse(ankle.GetAttribute("x2")!, System.Globalization.CultureInfo.InvariantCulture) > kneeX && kneeX > hipX);
        Assert.Contains("Left leg, initial contact (1.25 s)", figure.Find("title").TextContent);
        Assert.Contains("Tibia angle at contact 4.2°", figure.Find("desc").TextContent);
    }

    [Fact]
    public void Stick_figure_from_behind_draws_the_level_of_the_stance_hip_instead_of_a_plumb_line()
    {
        var pose = new KeyPose("midstance", "right", 2.0, [new("left-hip", 0.45, 0.52), new("right-hip", 0.55, 0.50), new("right-knee", 0.54, 0.7), new("right-ankle", 0.55, 0.9)],
            new Dictionary<string, double> { ["contralateral-pelvic-drop"] = 6.5 });

        var figure = Render<StickFigure>(p => p.Add(c => c.Pose, pose).Add(c => c.View, "back"));

        var guide = figure.Find("line.guide");
        Assert.Equal(guide.GetAttribute("y1"), guide.GetAttribute("y2"));
        var rightHip = figure.FindAll("line[data-segment='right-hip:right-knee']").Single();
        Assert.Equal(rightHip.GetAttribute("y1"), guide.GetAttribute("y1"));
        Assert.Contains("Pelvic drop at midstance: 6.5°", figure.Find("figcaption").TextContent);
    }

    [Fact]
    public void Metric_trend_plots_each_leg_across_captures_under_their_dates_with_the_range_shaded()
    {
        var at = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
        var trend = Render<MetricTrend>(p => p
            .Add(c => c.Code, "knee-flexion-at-contact").Add(c => c.Unit, "deg").Add(c => c.Norm, KneeNorm)
            .Add(c => c.Points, [new("2 Nov", at, 14, 9, 19), new("16 Nov", at.AddDays(14), 18, 16, 20), new("30 Nov", at.AddDays(28), 21, 21, 21)]));

        Assert.Equal(["2 Nov", "16 Nov", "30 Nov"], trend.FindAll("text.axis-label[text-anchor=middle]").Select(t => t.TextContent).ToArray());
        Assert.Equal(3, trend.FindAll("circle.dot-left").Count);
        Assert.Equal(3, trend.FindAll("polyline.series-right")[0].GetAttribute("points")!.Split(' ').Length);
        // At least 15 degrees is the range: the band runs from 15 to the top of the axis.
        var band = trend.Find("rect.range");
        Assert.True(double.Parse(band.GetAttribute("height")!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Contains("2 Nov left 9.0°, right 19.0°", trend.Find("desc").TextContent);
    }

    private static readonly Dictionary<string, ExerciseView> Library = new()
    {
        ["quad-stretch"] = Exercise("quad-stretch", "Standing quadriceps stretch"),
        ["split-squat"] = Exercise("split-squat", "Split squat"),
    };

    private static ExerciseView Exercise(string code, string name) => new(code, null, name, "stretch", "Instructions", 3, null, 30, [1, 2], "none", "none", [],
        "thigh", "A stretch in the front of the thigh", "Pain at the kneecap");

    [Fact]
    public void Builder_phase_shows_the_APIs_field_errors_beside_the_row_they_are_about_and_what_it_can_tell_itself()
    {
        List<BuilderRow> rows =
        [
            new() { Phase = 1, ExerciseCode = "quad-stretch", Sets = 3, HoldSeconds = 30 },
            new() { Phase = 2, ExerciseCode = "quad-stretch", Sets = 3, HoldSeconds = 30 },
            new() { Phase = 2, ExerciseCode = "split-squat", Sets = 25 },
        ];
        var problem = new ApiProblem(400, "Fix the template", null, new Dictionary<string, string[]> { ["phases[1].exercises[1].sets"] = ["Between 1 and 20."] }, null);

        var phase2 = Render<BuilderPhase>(p => p.Add(c => c.Phase, 2).Add(c => c.Rows, rows).Add(c => c.Library, Library).Add(c => c.Problem, problem));
        var phase3 = Render<BuilderPhase>(p => p.Add(c => c.Phase, 3).Add(c => c.Rows, rows).Add(c => c.Library, Library).Add(c => c.Problem, problem));

        var builderRows = phase2.FindAll(".builder-row");
        Assert.Equal(2, builderRows.Count);
        // The error for the phase's second exercise is on the split squat's row (the page's row 2), not the stretch's.
        Assert.DoesNotContain("Between 1 and 20.", builderRows[0].TextContent);
        Assert.Contains("Between 1 and 20.", phase2.Find("#row-2-error").TextContent);
        Assert.Contains("Give reps or a hold time.", builderRows[1].TextContent);
        // The browser checks dosage bounds as the therapist types.
        Assert.Equal(("1", "20"), (phase2.Find("#sets-2").GetAttribute("min"), phase2.Find("#sets-2").GetAttribute("max")));
        // An exercise already in the phase cannot be added twice.
        Assert.True(phase2.Find("#add-2 option[value='quad-stretch']").HasAttribute("disabled"));
        Assert.Contains("No exercise yet", phase3.Find("#phase-3-empty").TextContent);
    }
}
