using Microsoft.AspNetCore.Mvc;

namespace RehabPlatform.Programs.Apis;

public static class PatientProgramsApi
{
    public sealed record ProgramView(Guid ProgramId, Guid PatientId, Guid ClinicId, Guid TemplateId, int TemplateVersion, int ProgramVersion, int Phase,
        ProgramStatus Status, Prescription Prescription, ProgressionSettings Settings, int ConsecutiveInLimitSessions, DateTimeOffset UpdatedAt,
        DateTimeOffset PhaseStartedAt, int DoseStep, int RunStage, IReadOnlyList<PrescribedExercise> ScheduledDrills, RunStageView? RunPlan = null);

    /// <summary>The walk/run stage a patient in return to run is on, and how many runs inside the limits it still needs.</summary>
    public sealed record RunStageView(int Stage, int Stages, string Pattern, int RunMinutes, int TotalMinutes, int RunsDone, int RunsNeeded, int RunningPainMax);

    public sealed record AssignRequest(Guid? TemplateId, int? TemplateVersion, int? Phase);

    public sealed record OverrideRequest(int? Phase, string? ReasonCode);

    public sealed record DecisionView(Guid Id, Guid ProgramId, ProgressionDecision Decision, string ReasonCode, int FromPhase, int ToPhase,
        DecisionSource Source, DecisionStatus Status, DateTimeOffset At, string? DecidedBy, int? ResultingProgramVersion,
        string RuleSource, string Explanation, IReadOnlyDictionary<string, string> Inputs, int ToDoseStep, int ToRunStage, IReadOnlyList<PrescribedExercise>? ProposedDrills);

    /// <param name="BriskWalk30MinutesPainFree">A 30-minute brisk walk without pain.</param>
    /// <param name="DailyPainAtMost2">Daily pain at most 2/10.</param>
    /// <param name="SingleLegTasksPainFree">Single-leg tasks (squat, hop, step-down) without pain.</param>
    public sealed record ReadinessRequest(bool? BriskWalk30MinutesPainFree, bool? DailyPainAtMost2, bool? SingleLegTasksPainFree);

    public sealed record ReadinessView(Guid Id, Guid ProgramId, bool BriskWalk30MinutesPainFree, bool DailyPainAtMost2, bool SingleLegTasksPainFree, bool AllMet,
        string RecordedBy, DateTimeOffset RecordedAt);

    private const string ResourceType = "program";

    public static RouteGroupBuilder MapPatientProgramsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/programs/patients/{patientId:guid}").WithTags("Patient programs").RequireAuthorization(Policies.ClinicalStaff)
            .RequirePatientReach(ResourceType);
        group.MapPut("/program", AssignAsync).WithMetadata(new PatientAuditAction(AuditAction.Create));
        group.MapPost("/program/override", OverrideAsync).WithMetadata(new PatientAuditAction(AuditAction.Update));
        group.MapPost("/program/readiness", RecordReadinessAsync).WithMetadata(new PatientAuditAction(AuditAction.Create));
        group.MapPost("/program/decisions/{decisionId:guid}/approve", (Guid patientId, Guid decisionId, [AsParameters] DecisionServices services, CancellationToken ct)
            => DecideAsync(decisionId, approve: true, services, ct)).WithMetadata(new PatientAuditAction(AuditAction.Update));
        group.MapPost("/program/decisions/{decisionId:guid}/reject", (Guid patientId, Guid decisionId, [AsParameters] DecisionServices services, CancellationToken ct)
            => DecideAsync(decisionId, approve: false, services, ct)).WithMetadata(new PatientAuditAction(AuditAction.Update));

        // What the patient's app reads: the program and the engine's decisions with their reasons.
        var own = app.MapGroup("/api/programs/patients/{patientId:guid}").WithTags("Patient programs").RequireAuthorization(Policies.PatientOrStaff)
            .RequirePatientReach(ResourceType);
        own.MapGet("/program", GetAsync);
        own.MapGet("/program/decisions", DecisionsAsync);
        own.MapGet("/program/exercises", ExercisesAsync).WithMetadata(new PatientAuditAction(AuditAction.List));
        return group;
    }

    /// <summary>
    /// How to do each exercise of the patient's program (its drills too), from the chain library and the clinic's own:
    /// what a patient reads at home, without reaching the library's staff routes.
    /// </summary>
    private static async Task<Results<Ok<IReadOnlyList<ExercisesApi.ExerciseView>>, ProblemHttpResult>> ExercisesAsync(
        Guid patientId, ProgramsDbContext db, AuditTrail audit, ProgramPlanner planner, PatientInScope scope, CancellationToken ct)
    {
        if (await planner.ActiveProgramAsync(scope.PatientId, ct) is not { } program)
        {
            await audit.RecordAsync(ResourceType, null, scope.ClinicId, patientId, AuditAction.List, AuditOutcome.NotFound, ct);
            return Problems.NotFound("Active program");
        }
        var codes = program.Prescription.Exercises.Concat(program.FormDrills).Select(e => e.ExerciseCode).Distinct().ToList();
        var exercises = await db.Exercises.AsNoTracking()
            .Where(e => codes.Contains(e.Code) && (e.ClinicId == null || e.ClinicId == program.ClinicId)).OrderBy(e => e.Code).ToListAsync(ct);
        audit.Stage(ResourceType, program.Id.ToString(), program.ClinicId, patientId, AuditAction.List, purpose: "exercises");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok<IReadOnlyList<ExercisesApi.ExerciseView>>(exercises.Select(ExercisesApi.View).ToList());
    }

    private static async Task<Results<Ok<ProgramView>, ProblemHttpResult>> GetAsync(
        Guid patientId, ProgramsDbContext db, AuditTrail audit, ProgramPlanner planner, PatientInScope scope, CancellationToken ct)
    {
        if (await planner.ActiveProgramAsync(scope.PatientId, ct) is not { } program)
        {
            await audit.RecordAsync(ResourceType, null, scope.ClinicId, patientId, AuditAction.Read, AuditOutcome.NotFound, ct);
            return Problems.NotFound("Active program");
        }
        await audit.RecordReadAsync(ResourceType, program.Id.ToString(), program.ClinicId, patientId, ct: ct);
        return TypedResults.Ok(View(program));
    }

    /// <summary>Assigns or replaces the patient's program by hand, on any template version the caller can see.</summary>
    private static async Task<Results<Ok<ProgramView>, ValidationProblem, ProblemHttpResult>> AssignAsync(
        Guid patientId, AssignRequest request, ProgramsDbContext db, CallerContext caller, AuditTrail audit, ProgramPlanner planner, PatientInScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required(request.TemplateId, "templateId");
        if (errors.Required(request.Phase, "phase"))
            errors.Range(request.Phase, "phase", ProgressionEngine.LowestPhase, ProgressionEngine.HighestPhase);
        errors.Range(request.TemplateVersion, "templateVersion", 1, int.MaxValue);
        if (errors.Any)
            return errors.ToProblem();
        var patient = await db.Patients.FindInScopeAsync(scope, ct);
        var outcome = await planner.AssignByTherapistAsync(patient, request.TemplateId!.Value, request.TemplateVersion, request.Phase!.Value, caller, ct);
        if (outcome is not ProgramPlanner.Outcome.Changed { Program: var program })
            return Refused(outcome);
        audit.Stage(ResourceType, program.Id.ToString(), program.ClinicId, patientId, AuditAction.Create);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(program));
    }

    private static async Task<Results<Ok<DecisionView>, ValidationProblem, ProblemHttpResult>> OverrideAsync(
        Guid patientId, OverrideRequest request, ProgramsDbContext db, CallerContext caller, AuditTrail audit, ProgramPlanner planner, PatientInScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (errors.Required(request.Phase, "phase"))
            errors.Range(request.Phase, "phase", ProgressionEngine.LowestPhase, ProgressionEngine.HighestPhase);
        errors.MaxLength(request.ReasonCode, "reasonCode", 64);
        if (errors.Any)
            return errors.ToProblem();
        var patient = await db.Patients.FindInScopeAsync(scope, ct);
        var outcome = await planner.OverrideAsync(patient, request.Phase!.Value, request.ReasonCode ?? "therapist-override", caller.UserId, ct);
        if (outcome is not ProgramPlanner.Outcome.Changed { Program: var program, Decision: { } decision })
            return Refused(outcome);
        audit.Stage(ResourceType, program.Id.ToString(), program.ClinicId, patientId, AuditAction.Update, purpose: "override");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(decision));
    }

    private static async Task<Ok<IReadOnlyList<DecisionView>>> DecisionsAsync(
        Guid patientId, ProgramsDbContext db, AuditTrail audit, PatientInScope scope, CancellationToken ct)
    {
        var decisions = await db.Decisions.AsNoTracking().Where(d => d.PatientId == scope.PatientId).OrderBy(d => d.At).ThenBy(d => d.Id).ToListAsync(ct);
        await audit.RecordReadAsync(ResourceType, null, scope.ClinicId, patientId, purpose: "decisions", ct: ct);
        return TypedResults.Ok<IReadOnlyList<DecisionView>>(decisions.Select(View).ToList());
    }

    /// <summary>What an approval or a rejection needs, as one parameter bundle.</summary>
    public sealed record DecisionServices(ProgramsDbContext Db, CallerContext Caller, AuditTrail Audit, ProgramPlanner Planner, PatientInScope Scope);

    private static async Task<Results<Ok<DecisionView>, ProblemHttpResult>> DecideAsync(Guid decisionId, bool approve, DecisionServices services, CancellationToken ct)
    {
        var (db, caller, audit, planner, scope) = services;
        var patient = await db.Patients.FindInScopeAsync(scope, ct);
        var outcome = await planner.DecideAsync(patient, decisionId, approve, caller.UserId, ct);
        if (outcome is not ProgramPlanner.Outcome.Changed { Program: var program, Decision: { } decision })
            return Refused(outcome);
        audit.Stage(ResourceType, program.Id.ToString(), program.ClinicId, scope.PatientId, AuditAction.Update, purpose: approve ? "approve" : "reject");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(decision));
    }

    /// <summary>The return-to-run readiness criteria a therapist checked; entering phase 4 needs all three within two weeks.</summary>
    private static async Task<Results<Created<ReadinessView>, ValidationProblem, ProblemHttpResult>> RecordReadinessAsync(
        Guid patientId, ReadinessRequest request, ProgramsDbContext db, CallerContext caller, AuditTrail audit, ProgramPlanner planner, PatientInScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required(request.BriskWalk30MinutesPainFree, "briskWalk30MinutesPainFree");
        errors.Required(request.DailyPainAtMost2, "dailyPainAtMost2");
        errors.Required(request.SingleLegTasksPainFree, "singleLegTasksPainFree");
        if (errors.Any)
            return errors.ToProblem();
        var patient = await db.Patients.FindInScopeAsync(scope, ct);
        var (readiness, refused) = await planner.RecordReadinessAsync(patient, request.BriskWalk30MinutesPainFree!.Value, request.DailyPainAtMost2!.Value,
            request.SingleLegTasksPainFree!.Value, caller.UserId, ct);
        if (readiness is null)
            return Refused(new ProgramPlanner.Outcome.Refused(refused!.Value));
        audit.Stage(ResourceType, readiness.ProgramId.ToString(), readiness.ClinicId, patientId, AuditAction.Create, purpose: "return-to-run-readiness");
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/programs/patients/{patientId}/program/decisions",
            new ReadinessView(readiness.Id, readiness.ProgramId, readiness.BriskWalk30MinutesPainFree, readiness.DailyPainAtMost2, readiness.SingleLegTasksPainFree,
                readiness.AllMet, readiness.RecordedBy, readiness.RecordedAt));
    }

    private static ProblemHttpResult Refused(ProgramPlanner.Outcome outcome) => (outcome as ProgramPlanner.Outcome.Refused)?.Reason switch
    {
        ProgramPlanner.Refusal.ConsentWithdrawn => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Treatment consent withdrawn",
            detail: "The patient withdrew consent to treatment; their program cannot change until they consent again.",
            type: "https://rehabplatform.example/problems/consent-required"),
        ProgramPlanner.Refusal.ReferredOut => Problems.Conflict("Patient referred out", "A red flag referred this patient to a physician; a new intake must clear them first."),
        ProgramPlanner.Refusal.TemplateNotFound => Problems.NotFound("Published template"),
        ProgramPlanner.Refusal.NoActiveProgram => Problems.NotFound("Active program"),
        ProgramPlanner.Refusal.DecisionNotFound => Problems.NotFound("Decision"),
        ProgramPlanner.Refusal.ReadinessNotRecorded => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Return-to-run readiness not recorded",
            detail: "Record the readiness criteria (a pain-free 30-minute brisk walk, daily pain at most 2/10, pain-free single-leg tasks), all met, before the patient returns to running.",
            type: "https://rehabplatform.example/problems/return-to-run-readiness"),
        _ => Problems.Conflict("Not pending", "Only a proposal for the current phase of the active program can be approved or rejected."),
    };

    private static ProgramView View(PatientProgram p) => new(p.Id, p.PatientId, p.ClinicId, p.TemplateId, p.TemplateVersion, p.ProgramVersion, p.Phase, p.Status,
        p.Prescription, p.Settings, p.ConsecutiveInLimitSessions, p.UpdatedAt, p.PhaseStartedAt, p.DoseStep, p.RunStage,
        p.Phase >= ProgressionEngine.ReturnToRunPhase ? [] : p.FormDrills, RunPlan(p));

    private static RunStageView? RunPlan(PatientProgram p)
    {
        if (p.Phase != ProgressionEngine.ReturnToRunPhase || p.RunStage < 1)
            return null;
        var stage = RunStages.Of(p.RunStage);
        return new RunStageView(stage.Number, RunStages.Last, stage.Pattern, stage.RunMinutes, stage.TotalMinutes, p.RunsAtStage, p.Settings.RunsPerStage,
            p.Settings.RunningPainMax);
    }

    private static DecisionView View(ProgressionDecisionRecord d) => new(d.Id, d.ProgramId, d.Decision, d.ReasonCode, d.FromPhase, d.ToPhase, d.Source, d.Status,
        d.At, d.DecidedBy, d.ResultingProgramVersion, d.RuleSource, d.Explanation, d.Inputs, d.ToDoseStep, d.ToRunStage, d.ProposedDrills);
}
