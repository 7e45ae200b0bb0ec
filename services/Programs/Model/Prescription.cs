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
    /// <summary>The walk/run stage (1-6) for the walk/run exercise in return to run; null otherwise.</summary>
    public int? RunStage { get; init; }
}

/// <summary>Where a program stands within its phase: the dose step and, in return to run, the walk/run stage.</summary>
public sealed record Dose(int Step, int RunStage, int RepsPerStep, int HoldSecondsPerStep)
{
    public static readonly Dose Base = new(0, 0, 0, 0);

    // Caps keep a long phase inside what the exercise is for: endurance sets of up to 30, holds of up to 2 minutes.
    private const int MaxReps = 30;
    private const int MaxHoldSeconds = 120;

    /// <summary>
    /// Strength and hopping exercises gain reps, isometric holds gain seconds (ACSM 2009 progression models); stretches,
    /// self-massage and education keep their dose; the walk/run exercise follows the walk/run stage.
    /// </summary>
    public PrescribedExercise Apply(PrescribedExercise exercise, ExerciseCategory? category) => category switch
    {
        ExerciseCategory.HipStrength or ExerciseCategory.KneeStrength or ExerciseCategory.Plyometric when exercise.Reps is { } reps && Step > 0 =>
            exercise with { Reps = Math.Min(reps + Step * RepsPerStep, MaxReps) },
        ExerciseCategory.Isometric when exercise.HoldSeconds is { } hold && Step > 0 =>
            exercise with { HoldSeconds = Math.Min(hold + Step * HoldSecondsPerStep, MaxHoldSeconds) },
        ExerciseCategory.WalkRun when RunStage > 0 =>
            exercise with { RunStage = RunStage, HoldSeconds = RunStages.Of(RunStage).TotalMinutes * 60 },
        _ => exercise,
    };
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

    /// <summary>
    /// The prescription of one phase of a template at a dose. Form drills are running drills: they join the
    /// prescription in return to run, and wait (kept on the program) before it.
    /// </summary>
    public static Prescription Build(IReadOnlyList<TemplatePhase> phases, int phase, int sessionsPerWeek, IReadOnlyList<PrescribedExercise> formDrills,
        Dose dose, IReadOnlyDictionary<string, ExerciseCategory> categories)
    {
        var exercises = phases.FirstOrDefault(p => p.Phase == phase)?.Exercises
            .Select(e => dose.Apply(new PrescribedExercise { ExerciseCode = e.ExerciseCode, Sets = e.Sets, Reps = e.Reps, HoldSeconds = e.HoldSeconds },
                categories.TryGetValue(e.ExerciseCode, out var category) ? category : null))
            .ToList() ?? [];
        foreach (var drill in phase >= ProgressionEngine.ReturnToRunPhase ? formDrills : [])
        {
            exercises.RemoveAll(e => e.ExerciseCode == drill.ExerciseCode);
            exercises.Add(drill);
        }
        return new Prescription { Phase = phase, SessionsPerWeek = sessionsPerWeek, Exercises = exercises };
    }
}

/// <summary>What a decision did to a program: its phase (Progress, Regress), its dose within the phase, its walk/run stage, its drills.</summary>
public enum ProgressionDecision { Progress, Hold, Regress, Override, FormDrillsAdded, Closed, DoseProgressed, DoseRegressed, RunStageAdvanced, RunStageSteppedBack, FormFindingRecorded }
