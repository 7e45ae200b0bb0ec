namespace RehabPlatform.Portal.Components.Shared;

/// <summary>The platform's codes in the words a page shows.</summary>
public static class Labels
{
    /// <summary>"hip-strength" as "Hip strength".</summary>
    public static string Words(string code) =>
        string.IsNullOrEmpty(code) ? "" : char.ToUpperInvariant(code[0]) + code[1..].Replace('-', ' ');

    /// <summary>"3 × 12", "5 × 45 s hold", "1 set"; the same words as a patient's program shows.</summary>
    public static string Dose(int? sets, int? reps, int? holdSeconds)
    {
        var parts = new List<string>();
        if (sets is { } s) parts.Add(reps is { } r ? $"{s} × {r}" : s == 1 ? "1 set" : $"{s} sets");
        else if (reps is { } onlyReps) parts.Add($"{onlyReps} reps");
        if (holdSeconds is { } hold) parts.Add($"hold {hold} s");
        return parts.Count == 0 ? "as instructed" : string.Join(", ", parts);
    }

    /// <summary>A free-text field with something to say ("none" is the library's word for nothing).</summary>
    public static bool IsGiven(string? text) => !string.IsNullOrWhiteSpace(text) && !text.Equals("none", StringComparison.OrdinalIgnoreCase);

    public static string Phase(int phase) => phase switch
    {
        1 => "settle",
        2 => "strengthen",
        3 => "load and control",
        4 => "return to run",
        _ => $"phase {phase}",
    };

    /// <summary>Where a patient is in the program, in their words: "Stage 2 of 4: strengthen".</summary>
    public static string Stage(int phase) => $"Stage {phase} of 4: {Phase(phase)}";
}
