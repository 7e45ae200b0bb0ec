namespace RehabPlatform.Clinical;

/// <summary>The 13 items of the Anterior Knee Pain Scale (Kujala 1993), in questionnaire order.</summary>
public enum AkpsItem
{
    Limp, Support, Walking, Stairs, Squatting, Running, Jumping, ProlongedSitting, Pain, Swelling,
    PatellarMovements, ThighAtrophy, FlexionDeficiency,
}

public sealed record AkpsOption(string Code, string Label, int Points);

public sealed record AkpsItemDefinition(AkpsItem Item, string Code, string Label, IReadOnlyList<AkpsOption> Options)
{
    public int MaxPoints => Options.Max(o => o.Points);
}

/// <summary>
/// The AKPS as published (Kujala et al. 1993; clinical reference table), total 0-100, higher is better.
/// Version "akps-kujala-13-v1" is stored with every response so that a later wording change is traceable.
/// </summary>
public static class Akps
{
    public const string Version = "akps-kujala-13-v1";

    /// <summary>Minimal clinically important difference in points (Crossley 2004).</summary>
    public const int Mcid = 10;

    public static readonly IReadOnlyList<AkpsItemDefinition> Items =
    [
        Item(AkpsItem.Limp, "limp", "Limp", ("none", "None", 5), ("slight-or-periodical", "Slight or periodical", 3), ("constant", "Constant", 0)),
        Item(AkpsItem.Support, "support", "Support", ("full-support-without-pain", "Full support without pain", 5), ("painful", "Painful", 3), ("weight-bearing-impossible", "Weight bearing impossible", 0)),
        Item(AkpsItem.Walking, "walking", "Walking", ("unlimited", "Unlimited", 5), ("more-than-2-km", "More than 2 km", 3), ("1-to-2-km", "1-2 km", 2), ("unable", "Unable", 0)),
        Item(AkpsItem.Stairs, "stairs", "Stairs", ("no-difficulty", "No difficulty", 10), ("slight-pain-when-descending", "Slight pain when descending", 8), ("pain-descending-and-ascending", "Pain both when descending and ascending", 5), ("unable", "Unable", 0)),
        Item(AkpsItem.Squatting, "squatting", "Squatting", ("no-difficulty", "No difficulty", 5), ("repeated-squatting-painful", "Repeated squatting painful", 4), ("painful-each-time", "Painful each time", 3), ("possible-with-partial-weight-bearing", "Possible with partial weight bearing", 2), ("unable", "Unable", 0)),
        Item(AkpsItem.Running, "running", "Running", ("no-difficulty", "No difficulty", 10), ("pain-after-more-than-2-km", "Pain after more than 2 km", 8), ("slight-pain-from-start", "Slight pain from start", 6), ("severe-pain", "Severe pain", 3), ("unable", "Unable", 0)),
        Item(AkpsItem.Jumping, "jumping", "Jumping", ("no-difficulty", "No difficulty", 10), ("slight-difficulty", "Slight difficulty", 7), ("constant-pain", "Constant pain", 2), ("unable", "Unable", 0)),
        Item(AkpsItem.ProlongedSitting, "prolongedSitting", "Prolonged sitting with knees flexed", ("no-difficulty", "No difficulty", 10), ("pain-after-exercise", "Pain after exercise", 8), ("constant-pain", "Constant pain", 6), ("pain-forces-to-extend-knees", "Pain forces to extend knees temporarily", 4), ("unable", "Unable", 0)),
        Item(AkpsItem.Pain, "pain", "Pain", ("none", "None", 10), ("slight-and-occasional", "Slight and occasional", 8), ("interferes-with-sleep", "Interferes with sleep", 6), ("occasionally-severe", "Occasionally severe", 3), ("constant-and-severe", "Constant and severe", 0)),
        Item(AkpsItem.Swelling, "swelling", "Swelling", ("none", "None", 10), ("after-severe-exertion", "After severe exertion", 8), ("after-daily-activities", "After daily activities", 6), ("every-evening", "Every evening", 4), ("constant", "Constant", 0)),
        Item(AkpsItem.PatellarMovements, "patellarMovements", "Abnormal painful kneecap (patellar) movements", ("none", "None", 10), ("occasionally-in-sports", "Occasionally in sports activities", 6), ("occasionally-in-daily-activities", "Occasionally in daily activities", 4), ("at-least-one-documented-dislocation", "At least one documented dislocation", 2), ("more-than-two-dislocations", "More than two dislocations", 0)),
        Item(AkpsItem.ThighAtrophy, "thighAtrophy", "Atrophy of thigh", ("none", "None", 5), ("slight", "Slight", 3), ("severe", "Severe", 0)),
        Item(AkpsItem.FlexionDeficiency, "flexionDeficiency", "Flexion deficiency", ("none", "None", 5), ("slight", "Slight", 3), ("severe", "Severe", 0)),
    ];

    private static AkpsItemDefinition Item(AkpsItem item, string code, string label, params (string Code, string Label, int Points)[] options) =>
        new(item, code, label, options.Select(o => new AkpsOption(o.Code, o.Label, o.Points)).ToList());
}

public sealed record AkpsScore(int Total, IReadOnlyDictionary<AkpsItem, int> ItemPoints, string Version);

/// <summary>A problem with one answer, keyed by the item's code so an API can name the field.</summary>
public sealed record AkpsAnswerError(string ItemCode, string Message);

/// <summary>Scores a complete AKPS response. The one implementation used by Intake and by Sessions' follow-ups.</summary>
public static class AkpsScorer
{
    /// <param name="answers">Option code per item code (for example "stairs" -> "slight-pain-when-descending").</param>
    /// <returns>The score, or every missing item and unknown option; never a partial score.</returns>
    public static (AkpsScore? Score, IReadOnlyList<AkpsAnswerError> Errors) Score(IReadOnlyDictionary<string, string?> answers)
    {
        var errors = new List<AkpsAnswerError>();
        var points = new Dictionary<AkpsItem, int>();
        foreach (var item in Akps.Items)
        {
            if (!answers.TryGetValue(item.Code, out var code) || string.IsNullOrWhiteSpace(code))
            {
                errors.Add(new AkpsAnswerError(item.Code, "All 13 AKPS items are required; this one is missing."));
                continue;
            }
            var option = item.Options.FirstOrDefault(o => o.Code == code);
            if (option is null)
            {
                errors.Add(new AkpsAnswerError(item.Code, "Unknown answer. Allowed: " + string.Join(", ", item.Options.Select(o => o.Code)) + "."));
                continue;
            }
            points[item.Item] = option.Points;
        }

        foreach (var unknown in answers.Keys.Where(k => Akps.Items.All(i => i.Code != k)))
            errors.Add(new AkpsAnswerError(unknown, "Not an AKPS item."));

        return errors.Count > 0 ? (null, errors) : (new AkpsScore(points.Values.Sum(), points, Akps.Version), errors);
    }

    /// <summary>Whether a change between two totals reaches the MCID (10 points).</summary>
    public static bool ReachesMcid(int baseline, int followUp) => followUp - baseline >= Akps.Mcid;

    /// <summary>Whether a follow-up is worse than the baseline by the MCID (10 points) or more: a therapist should look.</summary>
    public static bool WorsensByMcid(int baseline, int followUp) => baseline - followUp >= Akps.Mcid;
}
