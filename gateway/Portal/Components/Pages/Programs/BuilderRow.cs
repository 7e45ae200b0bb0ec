namespace RehabPlatform.Portal.Components.Pages.Programs;

/// <summary>One exercise of a template in the builder's form.</summary>
public sealed class BuilderRow
{
    public static readonly string[] Fields = ["exerciseCode", "sets", "reps", "holdSeconds"];

    public int Phase { get; set; }
    public string? ExerciseCode { get; set; }
    public int? Sets { get; set; }
    public int? Reps { get; set; }
    public int? HoldSeconds { get; set; }

    /// <summary>Where a row stands in the request, "phases[p].exercises[e]": rows are grouped by phase, so e counts the phase's rows before it.</summary>
    public static string ApiField(IReadOnlyList<BuilderRow> rows, int row, string name)
    {
        var phase = rows[row].Phase;
        return $"phases[{phase - 1}].exercises[{rows.Take(row).Count(r => r.Phase == phase)}].{name}";
    }
}
