namespace RehabPlatform.Clinical;

/// <summary>
/// AKPS answers that imply a red flag, checked against the red-flag screen (clinical reference, "Red flags at
/// intake", and AKPS items 2, 9, 10 and 11). An answer that is itself a red flag refers the patient; one that a
/// therapist must interpret (is the dislocation the first one? is the swelling an effusion?) holds the intake for
/// their review. Each finding is a code, stored with the intake.
/// </summary>
public static class AkpsRedFlagCrossCheck
{
    public sealed record Finding(string Code, string AkpsItem, string Answer, bool Refers);

    public const string ConstantSeverePain = "akps-constant-severe-pain";
    public const string WeightBearingImpossible = "akps-weight-bearing-impossible";
    public const string ConstantSwelling = "akps-constant-swelling";
    public const string DocumentedDislocation = "akps-documented-dislocation";

    /// <param name="answers">The AKPS answers, option code per item code.</param>
    /// <param name="screened">The red flags the checklist already raised: a finding they cover adds nothing.</param>
    public static IReadOnlyList<Finding> Check(IReadOnlyDictionary<string, string?> answers, IReadOnlyCollection<string> screened)
    {
        var findings = new List<Finding>();
        void If(string item, string answer, string code, bool refers, params string[] coveredBy)
        {
            if (answers.TryGetValue(item, out var given) && given == answer && !coveredBy.Any(screened.Contains))
                findings.Add(new Finding(code, item, answer, refers));
        }

        // "Constant or night pain" is a red flag in its own right.
        If("pain", "constant-and-severe", ConstantSeverePain, refers: true, RedFlagCodes.ConstantOrNightPain);
        // Unable to bear weight: an Ottawa criterion after trauma, otherwise a therapist judges what it means.
        If("support", "weight-bearing-impossible", WeightBearingImpossible, refers: false, RedFlagCodes.OttawaUnableToBearWeight);
        // Constant swelling may be an effusion or an infection; the checklist's hot, red, swollen joint already refers.
        If("swelling", "constant", ConstantSwelling, refers: false, RedFlagCodes.PossibleInfection, RedFlagCodes.RapidSwellingAfterInjury);
        // A first dislocation refers; a documented earlier one needs a therapist to say whether it is recent.
        foreach (var answer in new[] { "at-least-one-documented-dislocation", "more-than-two-dislocations" })
            If("patellarMovements", answer, DocumentedDislocation, refers: false, RedFlagCodes.FirstKneecapDislocation);
        return findings;
    }
}
