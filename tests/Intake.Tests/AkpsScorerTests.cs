using RehabPlatform.Clinical;

namespace RehabPlatform.Intake.Tests;

public sealed class AkpsScorerTests
{
    private static Dictionary<string, string?> Answers(Func<AkpsItemDefinition, AkpsOption> pick) =>
        Akps.Items.ToDictionary(i => i.Code, i => (string?)pick(i).Code);

    [Fact]
    public void All_best_answers_score_100()
    {
        var (score, errors) = AkpsScorer.Score(Answers(i => i.Options.MaxBy(o => o.Points)!));
        Assert.Empty(errors);
        Assert.Equal(100, score!.Total);
        Assert.Equal(Akps.Version, score.Version);
    }

    [Fact]
    public void All_worst_answers_score_0()
    {
        var (score, errors) = AkpsScorer.Score(Answers(i => i.Options.MinBy(o => o.Points)!));
        Assert.Empty(errors);
        Assert.Equal(0, score!.Total);
    }

    [Fact]
    public void A_mixed_response_scores_its_hand_computed_total()
    {
        var answers = new Dictionary<string, string?>
        {
            ["limp"] = "slight-or-periodical",                 // 3
            ["support"] = "full-support-without-pain",         // 5
            ["walking"] = "more-than-2-km",                    // 3
            ["stairs"] = "slight-pain-when-descending",        // 8
            ["squatting"] = "repeated-squatting-painful",      // 4
            ["running"] = "slight-pain-from-start",            // 6
            ["jumping"] = "slight-difficulty",                 // 7
            ["prolongedSitting"] = "pain-forces-to-extend-knees", // 4
            ["pain"] = "interferes-with-sleep",                // 6
            ["swelling"] = "after-severe-exertion",            // 8
            ["patellarMovements"] = "occasionally-in-sports",  // 6
            ["thighAtrophy"] = "slight",                       // 3
            ["flexionDeficiency"] = "none",                    // 5
        };
        var (score, _) = AkpsScorer.Score(answers);
        Assert.Equal(3 + 5 + 3 + 8 + 4 + 6 + 7 + 4 + 6 + 8 + 6 + 3 + 5, score!.Total);
        Assert.Equal(68, score.Total);
    }

    [Fact]
    public void A_missing_item_is_named_and_no_score_is_given()
    {
        var answers = Answers(i => i.Options[0]);
        answers.Remove("stairs");
        answers["jumping"] = null;

        var (score, errors) = AkpsScorer.Score(answers);

        Assert.Null(score);
        Assert.Equal(["jumping", "stairs"], errors.Select(e => e.ItemCode).Order());
    }

    [Fact]
    public void An_unknown_answer_or_item_is_an_error_listing_what_is_allowed()
    {
        var answers = Answers(i => i.Options[0]);
        answers["limp"] = "sometimes";
        answers["mood"] = "good";

        var (score, errors) = AkpsScorer.Score(answers);

        Assert.Null(score);
        Assert.Contains(errors, e => e.ItemCode == "limp" && e.Message.Contains("slight-or-periodical"));
        Assert.Contains(errors, e => e.ItemCode == "mood");
    }

    [Theory]
    [InlineData(60, 70, true)]
    [InlineData(60, 69, false)]
    [InlineData(70, 60, false)]
    public void The_mcid_is_a_gain_of_10_points(int baseline, int followUp, bool reached) =>
        Assert.Equal(reached, AkpsScorer.ReachesMcid(baseline, followUp));
}
