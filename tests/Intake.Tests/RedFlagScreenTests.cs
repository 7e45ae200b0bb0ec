using RehabPlatform.Clinical;

namespace RehabPlatform.Intake.Tests;

public sealed class RedFlagScreenTests
{
    internal static readonly RedFlagChecklist NoFlags = new()
    {
        HotRedSwollenJoint = false, Fever = false, RecentTrauma = false, IsolatedKneecapTenderness = false, FibularHeadTenderness = false,
        UnableToFlexTo90Degrees = false, UnableToBearWeightFourSteps = false, RapidSwellingAfterInjury = false, LockedKnee = false,
        Deformity = false, FirstKneecapDislocation = false, SuspectedTendonRupture = false, NumbnessOrWeakness = false, PoorCirculation = false,
        CalfSwellingAndWarmth = false, ConstantOrNightPain = false, UnexplainedWeightLoss = false, HistoryOfCancer = false, Limp = false,
        PinpointBonePain = false,
    };

    public static TheoryData<string, string> EachFlag => new()
    {
        { nameof(RedFlagChecklist.HotRedSwollenJoint), RedFlagCodes.PossibleInfection },
        { nameof(RedFlagChecklist.Fever), RedFlagCodes.PossibleInfection },
        { nameof(RedFlagChecklist.RapidSwellingAfterInjury), RedFlagCodes.RapidSwellingAfterInjury },
        { nameof(RedFlagChecklist.LockedKnee), RedFlagCodes.LockedKnee },
        { nameof(RedFlagChecklist.Deformity), RedFlagCodes.Deformity },
        { nameof(RedFlagChecklist.FirstKneecapDislocation), RedFlagCodes.FirstKneecapDislocation },
        { nameof(RedFlagChecklist.SuspectedTendonRupture), RedFlagCodes.SuspectedTendonRupture },
        { nameof(RedFlagChecklist.NumbnessOrWeakness), RedFlagCodes.NeurovascularDeficit },
        { nameof(RedFlagChecklist.PoorCirculation), RedFlagCodes.NeurovascularDeficit },
        { nameof(RedFlagChecklist.CalfSwellingAndWarmth), RedFlagCodes.PossibleClot },
        { nameof(RedFlagChecklist.ConstantOrNightPain), RedFlagCodes.ConstantOrNightPain },
        { nameof(RedFlagChecklist.UnexplainedWeightLoss), RedFlagCodes.UnexplainedWeightLoss },
        { nameof(RedFlagChecklist.HistoryOfCancer), RedFlagCodes.HistoryOfCancer },
        { nameof(RedFlagChecklist.PinpointBonePain), RedFlagCodes.PossibleBoneStressInjury },
    };

    internal static RedFlagChecklist With(string property)
    {
        var checklist = NoFlags with { };
        typeof(RedFlagChecklist).GetProperty(property)!.SetValue(checklist, true);
        return checklist;
    }

    [Fact]
    public void A_clean_checklist_has_no_flag() =>
        Assert.Empty(RedFlagScreen.Evaluate(NoFlags, 30, isRunner: true, limpReported: false));

    [Theory]
    [MemberData(nameof(EachFlag))]
    public void Each_red_flag_on_its_own_is_found(string property, string code) =>
        Assert.Equal([code], RedFlagScreen.Evaluate(With(property), 30, isRunner: true, limpReported: false));

    [Theory]
    [InlineData(nameof(RedFlagChecklist.IsolatedKneecapTenderness), RedFlagCodes.OttawaIsolatedKneecapTenderness)]
    [InlineData(nameof(RedFlagChecklist.FibularHeadTenderness), RedFlagCodes.OttawaFibularHeadTenderness)]
    [InlineData(nameof(RedFlagChecklist.UnableToFlexTo90Degrees), RedFlagCodes.OttawaUnableToFlex90)]
    [InlineData(nameof(RedFlagChecklist.UnableToBearWeightFourSteps), RedFlagCodes.OttawaUnableToBearWeight)]
    public void Ottawa_criteria_count_after_recent_trauma_only(string property, string code)
    {
        var withoutTrauma = With(property);
        Assert.Empty(RedFlagScreen.Evaluate(withoutTrauma, 30, true, false));
        Assert.Equal([code], RedFlagScreen.Evaluate(withoutTrauma with { RecentTrauma = true }, 30, true, false));
    }

    [Fact]
    public void Age_55_or_over_with_recent_trauma_meets_the_Ottawa_rule()
    {
        var trauma = NoFlags with { RecentTrauma = true };
        Assert.Empty(RedFlagScreen.Evaluate(trauma, 54, true, false));
        Assert.Equal([RedFlagCodes.OttawaAge55OrOver], RedFlagScreen.Evaluate(trauma, 55, true, false));
        Assert.Empty(RedFlagScreen.Evaluate(NoFlags, 70, true, false));
    }

    [Fact]
    public void An_adolescent_with_a_limp_is_referred_but_an_adult_is_not()
    {
        Assert.Equal([RedFlagCodes.AdolescentWithLimp], RedFlagScreen.Evaluate(NoFlags with { Limp = true }, 14, true, false));
        Assert.Equal([RedFlagCodes.AdolescentWithLimp], RedFlagScreen.Evaluate(NoFlags, 16, true, limpReported: true));
        Assert.Empty(RedFlagScreen.Evaluate(NoFlags with { Limp = true }, 30, true, false));
    }

    [Fact]
    public void Pinpoint_bone_pain_is_a_bone_stress_flag_in_runners()
    {
        var checklist = NoFlags with { PinpointBonePain = true };
        Assert.Equal([RedFlagCodes.PossibleBoneStressInjury], RedFlagScreen.Evaluate(checklist, 30, isRunner: true, false));
    }

    [Theory]
    [InlineData("2000-06-15", "2026-06-14", 25)]
    [InlineData("2000-06-15", "2026-06-15", 26)]
    [InlineData("2000-02-29", "2026-02-28", 25)]
    public void Age_counts_whole_years(string birth, string day, int age) =>
        Assert.Equal(age, RedFlagScreen.AgeOn(DateOnly.Parse(birth), DateOnly.Parse(day)));
}
