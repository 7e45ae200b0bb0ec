namespace RehabPlatform.Sessions.Model;

public enum SessionSetting { InClinic, Home }

/// <summary>When pain was felt: the morning after a session, while running, or in daily activity.</summary>
public enum PainContext { NextMorning, WhileRunning, DailyActivity }

/// <summary>One exercise of a prescription, as Programs published it.</summary>
public sealed record PrescribedExercise(string ExerciseCode, int Sets, int? Reps, int? HoldSeconds, int? TargetCadence, int? RunStage = null);

/// <summary>A program's prescription as Sessions keeps it: what a logged session is checked against.</summary>
public sealed record Prescription(int Phase, int SessionsPerWeek, IReadOnlyList<PrescribedExercise> Exercises);

public sealed record ExerciseDone(string ExerciseCode, int SetsDone, int? RepsDone, int? HoldSecondsDone, bool Extra);
