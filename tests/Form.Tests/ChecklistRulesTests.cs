using RehabPlatform.Form.Model.Analysis;
using RehabPlatform.Form.Model.Checklist;

namespace RehabPlatform.Form.Tests;

public sealed class ChecklistRulesTests
{
    private static readonly AnalysisSettings Settings = new();

    [Fact]
    public void A_step_rate_at_or_below_the_clinic_limit_flags_low_cadence_with_the_same_target_as_a_pose_capture()
    {
        var conclusion = ChecklistRules.Conclude([], stepRate: 160, Settings);

        Assert.Equal(["low-cadence"], conclusion.Flags);
        // GaitAnalyzer: round(cadence * (1 + 7.5 %)).
        Assert.Equal(172, conclusion.CadenceTarget);
        Assert.Equal((168, 176), (conclusion.TargetLow!.Value, conclusion.TargetHigh!.Value));
    }

    [Fact]
    public void A_step_rate_above_the_limit_flags_nothing()
    {
        var conclusion = ChecklistRules.Conclude([], stepRate: 176, Settings);

        Assert.Empty(conclusion.Flags);
        Assert.Null(conclusion.CadenceTarget);
    }

    [Fact]
    public void Marked_flags_mild_only_when_relevant_to_the_complaint_and_absent_never()
    {
        var conclusion = ChecklistRules.Conclude(
        [
            new("overstride", "left", RunningChecklist.Marked, null, false),
            new("pelvic-drop", "right", RunningChecklist.Mild, null, false),
            new("knee-collapse", "right", RunningChecklist.Mild, null, true),
            new("trunk-lean", RunningChecklist.Both, RunningChecklist.Absent, null, true),
        ], stepRate: null, Settings);

        Assert.Equal(["overstride", "dynamic-knee-valgus"], conclusion.Flags);
        Assert.Equal(["overstride:left", "dynamic-knee-valgus:right"], conclusion.LegFlags);
    }

    [Fact]
    public void A_measured_angle_beyond_the_pose_analysis_limit_flags_even_when_scored_mild()
    {
        var conclusion = ChecklistRules.Conclude(
        [
            new("knee-flexion", "left", RunningChecklist.Mild, 9, false),
            new("pelvic-drop", "left", RunningChecklist.Absent, 4, false),
        ], stepRate: null, Settings);

        Assert.Equal(["straight-knee-landing"], conclusion.Flags);
    }

    [Fact]
    public void A_rearfoot_strike_is_flagged_as_a_pose_capture_flags_a_heel_strike()
    {
        var conclusion = ChecklistRules.Conclude([new("foot-strike", "right", "rearfoot", null, false)], stepRate: null, Settings);

        Assert.Equal(["heel-strike"], conclusion.Flags);
    }

    [Fact]
    public void Every_item_names_its_source_and_flags_only_codes_the_pose_analysis_uses()
    {
        var poseFlags = FormNorms.Advice(Settings, null).Select(a => a.Flag).ToHashSet();

        Assert.All(RunningChecklist.Items, item =>
        {
            Assert.False(string.IsNullOrWhiteSpace(item.Source));
            Assert.True(item.Flag is null || poseFlags.Contains(item.Flag), item.Code);
        });
        Assert.Equal(11, RunningChecklist.Items.Count);
    }

    [Fact]
    public void Compared_with_a_capture_each_overlapping_item_agrees_or_differs_per_leg_and_other_views_are_not_measured()
    {
        var capture = new GaitAnalysis(View.SideFacingRight,
            [
                new MetricResult(MetricCodes.TibiaAngle, "deg", 3, 1, 14, Left: 6, Right: -1),
                new MetricResult(MetricCodes.KneeFlexion, "deg", 20, 2, 14, Left: 19, Right: 21),
            ],
            ["overstride"], Cadence: 162, CadenceTarget: 174, FootStrike: "heel", LeftSteps: 7, RightSteps: 7, LowReliability: false, ReliabilityNotes: [],
            LegFlags: ["overstride:left"]);

        var (items, stepRate) = ChecklistComparison.Compare(
        [
            new("tibia-angle", "left", RunningChecklist.Marked, null, false),
            new("tibia-angle", "right", RunningChecklist.Marked, null, false),
            new("knee-flexion", "left", RunningChecklist.Absent, null, false),
            new("foot-strike", "left", "rearfoot", null, false),
            new("pelvic-drop", "left", RunningChecklist.Marked, null, false),
        ], stepRate: 158, capture, Settings);

        Assert.Equal([ChecklistComparison.Agree, ChecklistComparison.Differ, ChecklistComparison.Agree, ChecklistComparison.Agree, ChecklistComparison.NotMeasured],
            items.Select(i => i.Verdict));
        Assert.Equal(6, items[0].CaptureValue);
        Assert.Equal(4, stepRate!.Difference);
    }
}
