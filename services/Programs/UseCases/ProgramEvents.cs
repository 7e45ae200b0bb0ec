using Events = RehabPlatform.Contracts.Programs;

namespace RehabPlatform.Programs.UseCases;

/// <summary>The events Programs publishes, mapped from its domain; the contracts change only additively, the domain freely.</summary>
internal static class ProgramEvents
{
    public static Events.ProgramAssigned ToAssignedEvent(this PatientProgram program) => new()
    {
        ProgramId = program.Id,
        PatientId = program.PatientId,
        ClinicId = program.ClinicId,
        TemplateId = program.TemplateId,
        TemplateVersion = program.TemplateVersion,
        ProgramVersion = program.ProgramVersion,
        Prescription = program.Prescription.ToContract(),
        OccurredAt = program.UpdatedAt,
    };

    public static Events.ProgramAdjusted ToAdjustedEvent(this PatientProgram program, ProgressionDecision decision, string reasonCode) => new()
    {
        ProgramId = program.Id,
        PatientId = program.PatientId,
        ClinicId = program.ClinicId,
        ProgramVersion = program.ProgramVersion,
        Decision = decision.ToContract(),
        ReasonCode = reasonCode,
        Prescription = program.Status == ProgramStatus.Closed ? Prescription.None(program.Phase).ToContract() : program.Prescription.ToContract(),
        OccurredAt = program.UpdatedAt,
    };

    public static Events.ProgramTemplatePublished ToPublishedEvent(this ProgramTemplateVersion template) => new()
    {
        TemplateId = template.TemplateId,
        Version = template.Version,
        AuthorClinicId = template.AuthorClinicId,
        Visibility = template.Visibility switch
        {
            TemplateVisibility.Chain => Events.TemplateVisibility.Chain,
            TemplateVisibility.Clinic => Events.TemplateVisibility.Clinic,
            _ => Events.TemplateVisibility.Private,
        },
        Tags = template.Tags,
        OccurredAt = template.PublishedAt ?? template.CreatedAt,
    };

    public static Events.Prescription ToContract(this Prescription prescription) => new()
    {
        Phase = prescription.Phase,
        SessionsPerWeek = prescription.SessionsPerWeek,
        Exercises = prescription.Exercises.Select(e => new Events.PrescribedExercise
        {
            ExerciseCode = e.ExerciseCode, Sets = e.Sets, Reps = e.Reps, HoldSeconds = e.HoldSeconds, TargetCadence = e.TargetCadence, RunStage = e.RunStage,
        }).ToList(),
    };

    public static Events.ProgressionDecision ToContract(this ProgressionDecision decision) => decision switch
    {
        ProgressionDecision.Progress => Events.ProgressionDecision.Progress,
        ProgressionDecision.Hold => Events.ProgressionDecision.Hold,
        ProgressionDecision.Regress => Events.ProgressionDecision.Regress,
        ProgressionDecision.Override => Events.ProgressionDecision.Override,
        ProgressionDecision.FormDrillsAdded => Events.ProgressionDecision.FormDrillsAdded,
        ProgressionDecision.Closed => Events.ProgressionDecision.Closed,
        ProgressionDecision.DoseProgressed => Events.ProgressionDecision.DoseProgressed,
        ProgressionDecision.DoseRegressed => Events.ProgressionDecision.DoseRegressed,
        ProgressionDecision.RunStageAdvanced => Events.ProgressionDecision.RunStageAdvanced,
        ProgressionDecision.RunStageSteppedBack => Events.ProgressionDecision.RunStageSteppedBack,
        ProgressionDecision.FormFindingRecorded => Events.ProgressionDecision.FormFindingRecorded,
        _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, "No event value for this decision."),
    };
}
