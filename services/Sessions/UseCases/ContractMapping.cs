using Programs = RehabPlatform.Contracts.Programs;
using Events = RehabPlatform.Contracts.Sessions;

namespace RehabPlatform.Sessions.UseCases;

/// <summary>Sessions' domain values to and from the events; the contracts change only additively, the domain freely.</summary>
internal static class ContractMapping
{
    public static Prescription FromContract(this Programs.Prescription prescription) => new(prescription.Phase, prescription.SessionsPerWeek,
        prescription.Exercises.Select(e => new PrescribedExercise(e.ExerciseCode, e.Sets, e.Reps, e.HoldSeconds, e.TargetCadence, e.RunStage)).ToList());

    public static Events.SessionSetting ToContract(this SessionSetting setting) =>
        setting == SessionSetting.InClinic ? Events.SessionSetting.InClinic : Events.SessionSetting.Home;

    public static Events.PainContext ToContract(this PainContext context) => context switch
    {
        PainContext.NextMorning => Events.PainContext.NextMorning,
        PainContext.WhileRunning => Events.PainContext.WhileRunning,
        _ => Events.PainContext.DailyActivity,
    };
}
