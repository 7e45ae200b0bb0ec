using RehabPlatform.Clinical;

namespace RehabPlatform.Intake.Tests;

/// <summary>AKPS answers that imply a red flag (clinical reference, "Red flags at intake"; AKPS items 2, 9, 10, 11).</summary>
public sealed class AkpsRedFlagCrossCheckTests
{
    private static Dictionary<string, string?> Answers(string item, string answer)
    {
        var answers = Akps.Items.ToDictionary(i => i.Code, i => (string?)i.Options[1].Code);
        answers[item] = answer;
        return answers;
    }

    [Theory]
    [InlineData("pain", "constant-and-severe", AkpsRedFlagCrossCheck.ConstantSeverePain, true)]
    [InlineData("support", "weight-bearing-impossible", AkpsRedFlagCrossCheck.WeightBearingImpossible, false)]
    [InlineData("swelling", "constant", AkpsRedFlagCrossCheck.ConstantSwelling, false)]
    [InlineData("patellarMovements", "at-least-one-documented-dislocation", AkpsRedFlagCrossCheck.DocumentedDislocation, false)]
    [InlineData("patellarMovements", "more-than-two-dislocations", AkpsRedFlagCrossCheck.DocumentedDislocation, false)]
    public void An_answer_that_implies_a_red_flag_refers_or_asks_for_review(string item, string answer, string code, bool refers)
    {
        var finding = Assert.Single(AkpsRedFlagCrossCheck.Check(Answers(item, answer), []));

        Assert.Equal((code, refers, item, answer), (finding.Code, finding.Refers, finding.AkpsItem, finding.Answer));
    }

    [Theory]
    [InlineData("pain", "constant-and-severe", RedFlagCodes.ConstantOrNightPain)]
    [InlineData("support", "weight-bearing-impossible", RedFlagCodes.OttawaUnableToBearWeight)]
    [InlineData("swelling", "constant", RedFlagCodes.PossibleInfection)]
    [InlineData("patellarMovements", "at-least-one-documented-dislocation", RedFlagCodes.FirstKneecapDislocation)]
    public void A_red_flag_the_checklist_already_raised_adds_nothing(string item, string answer, string screened) =>
        Assert.Empty(AkpsRedFlagCrossCheck.Check(Answers(item, answer), [screened]));

    [Fact]
    public void Ordinary_answers_find_nothing() =>
        Assert.Empty(AkpsRedFlagCrossCheck.Check(Akps.Items.ToDictionary(i => i.Code, i => (string?)i.Options[1].Code), []));

    [Theory]
    [InlineData(85, 75, true)]
    [InlineData(85, 76, false)]
    public void An_akps_drop_of_10_is_a_deterioration(int baseline, int followUp, bool worse) =>
        Assert.Equal(worse, AkpsScorer.WorsensByMcid(baseline, followUp));

    [Theory]
    [InlineData(2, 4, true)]
    [InlineData(2, 3, true)]
    [InlineData(5, 6, false)]
    [InlineData(0, 1, false)]
    public void An_nprs_rise_of_2_points_or_30_percent_is_a_deterioration(int baseline, int followUp, bool worse) =>
        Assert.Equal(worse, Nprs.WorsensByMcid(baseline, followUp));
}
