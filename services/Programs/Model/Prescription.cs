namespace RehabPlatform.Programs.Model;

/// <summary>One exercise as prescribed: a dose in sets and either reps or a hold time.</summary>
public sealed record PrescribedExercise
{
    public required string ExerciseCode { get; init; }
    public required int Sets { get; init; }
    public int? Reps { get; init; }
    public int? HoldSeconds { get; init; }
    /// <summary>Target cadence in steps/min for metronome drills; null otherwise.</summary>
    public int? TargetCadence { get; init; }
}

/// <summary>What the patient does now: one phase of the program's template, with any form drills on top.</summary>
public sealed record Prescription
{
    /// <summary>Phase 1 (settle) to 4 (return to run).</summary>
    public required int Phase { get; init; }
    public required int SessionsPerWeek { get; init; }
    public required IReadOnlyList<PrescribedExercise> Exercises { get; init; }

    /// <summary>A closed program prescribes nothing.</summary>
    public static Prescription None(int phase) => new() { Phase = phase, SessionsPerWeek = 0, Exercises = [] };

    /// <summary>The prescription of one phase of a template, with any form drills added on top.</summary>
    public static Prescription Build(IReadOnlyList<TemplatePhase> phases, int phase, int sessionsPerWeek, IReadOnlyList<PrescribedExercise> formDrills)
    {
        var exercises = phases.FirstOrDefault(p => p.Phase == phase)?.Exercises
            .Select(e => new PrescribedExercise { ExerciseCode = e.ExerciseCode, Sets = e.Sets, Reps = e.Reps, HoldSeconds = e.HoldSeconds })
            .ToList() ?? [];
        foreach (var drill in formDrills)
        {
            exercises.RemoveAll(e => e.ExerciseCode == drill.ExerciseCode);
            exercises.Add(drill);
        }
        return new Prescription { Phase = phase, SessionsPerWeek = sessionsPerWeek, Exercises = exercises };
    }
}

/// <summary>What a decision did to a program.</summary>
public enum ProgressionDecision { Progress, Hold, Regress, Override, FormDrillsAdded, Closed }
