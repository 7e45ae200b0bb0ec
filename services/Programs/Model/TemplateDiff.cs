using System.Globalization;
using System.Reflection;

namespace RehabPlatform.Programs.Model;

/// <summary>One difference between two versions of a template, in the words a therapist reads in its history.</summary>
/// <param name="What">What changed: "Name", "Phase 2: step-up-forward", "Pain monitoring: exercise pain max".</param>
/// <param name="Before">The earlier value; null when the thing was added.</param>
/// <param name="After">The later value; null when the thing was removed.</param>
public sealed record TemplateChange(string What, string? Before, string? After);

/// <summary>What changed between two versions of a template: its description, each phase's exercises and dosage, and the pain-monitoring settings.</summary>
public static class TemplateDiff
{
    private static readonly PropertyInfo[] SettingProperties =
        typeof(ProgressionSettings).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead).OrderBy(p => p.MetadataToken).ToArray();

    public static IReadOnlyList<TemplateChange> Between(ProgramTemplateVersion before, ProgramTemplateVersion after)
    {
        var changes = new List<TemplateChange>();
        void Compare(string what, string? earlier, string? later)
        {
            if (earlier != later)
                changes.Add(new TemplateChange(what, earlier, later));
        }

        Compare("Name", before.Name, after.Name);
        Compare("Description", before.Description, after.Description);
        Compare("Visibility", before.Visibility.ToString(), after.Visibility.ToString());
        Compare("Sessions per week", Text(before.SessionsPerWeek), Text(after.SessionsPerWeek));
        Compare("Tags", string.Join(", ", before.Tags.Order()), string.Join(", ", after.Tags.Order()));
        foreach (var phase in before.Phases.Select(p => p.Phase).Union(after.Phases.Select(p => p.Phase)).Order())
            changes.AddRange(PhaseChanges(phase, Exercises(before, phase), Exercises(after, phase)));
        foreach (var setting in SettingProperties)
            Compare("Pain monitoring: " + Words(setting.Name), Text(setting.GetValue(before.Settings)), Text(setting.GetValue(after.Settings)));
        return changes;
    }

    /// <summary>"3 x 12" for reps, "5 x 45 s" for holds, "3 x 10, 30 s" for both.</summary>
    public static string Dose(TemplateExercise exercise) => (exercise.Reps, exercise.HoldSeconds) switch
    {
        ({ } reps, { } hold) => $"{exercise.Sets} x {reps}, {hold} s",
        ({ } reps, null) => $"{exercise.Sets} x {reps}",
        (null, { } hold) => $"{exercise.Sets} x {hold} s",
        _ => $"{exercise.Sets} x",
    };

    private static IEnumerable<TemplateChange> PhaseChanges(int phase, IReadOnlyDictionary<string, TemplateExercise> before, IReadOnlyDictionary<string, TemplateExercise> after)
    {
        foreach (var code in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var earlier = before.GetValueOrDefault(code) is { } b ? Dose(b) : null;
            var later = after.GetValueOrDefault(code) is { } a ? Dose(a) : null;
            if (earlier != later)
                yield return new TemplateChange($"Phase {phase}: {code}", earlier, later);
        }
    }

    // A template lists an exercise once per phase; should an old version hold a repeat, the last dose is the one compared.
    private static IReadOnlyDictionary<string, TemplateExercise> Exercises(ProgramTemplateVersion template, int phase) =>
        template.Phases.Where(p => p.Phase == phase).SelectMany(p => p.Exercises).GroupBy(e => e.ExerciseCode).ToDictionary(g => g.Key, g => g.Last());

    /// <summary>"ExercisePainMax" as "exercise pain max".</summary>
    private static string Words(string pascalCase) => string.Concat(pascalCase.Select((c, i) => char.IsUpper(c) ? (i == 0 ? "" : " ") + char.ToLowerInvariant(c) : c.ToString()));

    private static string? Text(object? value) => value switch
    {
        null => null,
        bool b => b ? "yes" : "no",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
