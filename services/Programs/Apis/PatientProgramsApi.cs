using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using RehabPlatform.Contracts.Programs;
using RehabPlatform.Programs.Data;
using RehabPlatform.Programs.Model;
using RehabPlatform.Programs.Planning;
using RehabPlatform.ServiceDefaults.Audit;
using RehabPlatform.ServiceDefaults.Auth;
using RehabPlatform.ServiceDefaults.Http;

namespace RehabPlatform.Programs.Apis;

public static class PatientProgramsApi
{
    public sealed record ProgramView(Guid ProgramId, Guid PatientId, Guid ClinicId, Guid TemplateId, int TemplateVersion, int ProgramVersion, int Phase,
        ProgramStatus Status, Prescription Prescription, ProgressionSettings Settings, int ConsecutiveInLimitSessions, DateTimeOffset UpdatedAt);

    public sealed record AssignRequest(Guid? TemplateId, int? TemplateVersion, int? Phase);

    public sealed record OverrideRequest(int? Phase, string? ReasonCode);

    public sealed record DecisionView(Guid Id, Guid ProgramId, ProgressionDecision Decision, string ReasonCode, int FromPhase, int ToPhase,
        DecisionSource Source, DecisionStatus Status, DateTimeOffset At, string? DecidedBy, int? ResultingProgramVersion);

    private const string ResourceType = "program";

    public static RouteGroupBuilder MapPatientProgramsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/programs/patients/{patientId:guid}").WithTags("Patient programs").RequireAuthorization(Policies.ClinicalStaff)
            .RequirePatientReach(ResourceType);
        group.MapGet("/program", GetAsync);
        group.MapPut("/program", AssignAsync).WithMetadata(new PatientAuditAction(AuditAction.Create));
        group.MapPost("/program/override", OverrideAsync).WithMetadata(new PatientAuditAction(AuditAction.Update));
        group.MapGet("/program/decisions", DecisionsAsync);
        group.MapPost("/program/decisions/{decisionId:guid}/approve", (Guid patientId, Guid decisionId, ProgramsDbContext db, CallerContext caller, AuditTrail audit, ProgramPlanner planner, CancellationToken ct)
            => DecideAsync(patientId, decisionId, approve: true, db, caller, audit, planner, ct)).WithMetadata(new PatientAuditAction(AuditAction.Update));
        group.MapPost("/program/decisions/{decisionId:guid}/reject", (Guid patientId, Guid decisionId, ProgramsDbContext db, CallerContext caller, AuditTrail audit, ProgramPlanner planner, CancellationToken ct)
            => DecideAsync(patientId, decisionId, approve: false, db, caller, audit, planner, ct)).WithMetadata(new PatientAuditAction(AuditAction.Update));
        return group;
    }

    private static ProblemHttpResult ConsentWithdrawn() => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict,
        title: "Treatment consent withdrawn", detail: "The patient withdrew consent to treatment; their program cannot change until they consent again.",
        type: "https://rehabplatform.example/problems/consent-required");

    /// <summary>A patient Programs knows (from Intake's events) in one of the caller's clinics; otherwise null, audited.</summary>
    private static async Task<KnownPatient?> FindPatientAsync(ProgramsDbContext db, CallerContext caller, AuditTrail audit, Guid patientId, AuditAction action, CancellationToken ct)
    {
        var patient = await db.Patients.FindAsync([patientId], ct);
        return await audit.CanReachPatientAsync(patient?.ClinicId, patientId, ResourceType, action, ct) ? patient : null;
    }

    private static async Task<Results<Ok<ProgramView>, ProblemHttpResult>> GetAsync(
        Guid patientId, ProgramsDbContext db, CallerContext caller, AuditTrail audit, ProgramPlanner planner, CancellationToken ct)
    {
        if (await FindPatientAsync(db, caller, audit, patientId, AuditAction.Read, ct) is not { } patient)
            return Problems.NotFound("Patient");
        if (await planner.ActiveProgramAsync(patientId, ct) is not { } program)
        {
            await audit.RecordAsync(ResourceType, null, patient.ClinicId, patientId, AuditAction.Read, AuditOutcome.NotFound, ct);
            return Problems.NotFound("Active program");
        }
        audit.Stage(ResourceType, program.Id.ToString(), program.ClinicId, patientId, AuditAction.Read);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(program));
    }

    /// <summary>Assigns or replaces the patient's program by hand, on any template version the caller can see.</summary>
    private static async Task<Results<Ok<ProgramView>, ValidationProblem, ProblemHttpResult>> AssignAsync(
        Guid patientId, AssignRequest request, ProgramsDbContext db, CallerContext caller, AuditTrail audit, ProgramPlanner planner, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required(request.TemplateId, "templateId");
        if (errors.Required(request.Phase, "phase"))
            errors.Range(request.Phase, "phase", ProgressionEngine.LowestPhase, ProgressionEngine.HighestPhase);
        errors.Range(request.TemplateVersion, "templateVersion", 1, int.MaxValue);
        if (errors.Any)
            return errors.ToProblem();
        if (await FindPatientAsync(db, caller, audit, patientId, AuditAction.Create, ct) is not { } patient)
            return Problems.NotFound("Patient");
        if (patient.TreatmentConsentWithdrawn)
            return ConsentWithdrawn();
        if (patient.ReferredOut)
            return Problems.Conflict("Patient referred out", "A red flag referred this patient to a physician; a new intake must clear them first.");

        var versions = await db.Templates.AsNoTracking()
            .Where(t => t.TemplateId == request.TemplateId && t.Status == TemplateStatus.Published).ToListAsync(ct);
        var template = versions.Where(t => request.TemplateVersion is null || t.Version == request.TemplateVersion)
            .OrderByDescending(t => t.Version).FirstOrDefault(t => TemplatesApi.CanSee(t, caller));
        if (template is null)
            return Problems.NotFound("Published template");

        var program = await planner.AssignAsync(patient, template, request.Phase!.Value, ct);
        audit.Stage(ResourceType, program.Id.ToString(), program.ClinicId, patientId, AuditAction.Create);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(program));
    }

    private static async Task<Results<Ok<DecisionView>, ValidationProblem, ProblemHttpResult>> OverrideAsync(
        Guid patientId, OverrideRequest request, ProgramsDbContext db, CallerContext caller, AuditTrail audit, ProgramPlanner planner, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (errors.Required(request.Phase, "phase"))
            errors.Range(request.Phase, "phase", ProgressionEngine.LowestPhase, ProgressionEngine.HighestPhase);
        errors.MaxLength(request.ReasonCode, "reasonCode", 64);
        if (errors.Any)
            return errors.ToProblem();
        if (await FindPatientAsync(db, caller, audit, patientId, AuditAction.Update, ct) is not { } patient)
            return Problems.NotFound("Patient");
        if (patient.TreatmentConsentWithdrawn)
            return ConsentWithdrawn();
        if (await planner.ActiveProgramAsync(patientId, ct) is not { } program)
            return Problems.NotFound("Active program");

        var decision = await planner.OverrideAsync(program, request.Phase!.Value, request.ReasonCode ?? "therapist-override", caller.UserId, ct);
        audit.Stage(ResourceType, program.Id.ToString(), program.ClinicId, patientId, AuditAction.Update, purpose: "override");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(decision));
    }

    private static async Task<Results<Ok<IReadOnlyList<DecisionView>>, ProblemHttpResult>> DecisionsAsync(
        Guid patientId, ProgramsDbContext db, CallerContext caller, AuditTrail audit, CancellationToken ct)
    {
        if (await FindPatientAsync(db, caller, audit, patientId, AuditAction.Read, ct) is not { } patient)
            return Problems.NotFound("Patient");
        var decisions = (await db.Decisions.AsNoTracking().Where(d => d.PatientId == patientId).ToListAsync(ct))
            .OrderBy(d => d.At).Select(View).ToList();
        audit.Stage(ResourceType, null, patient.ClinicId, patientId, AuditAction.Read, purpose: "decisions");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok<IReadOnlyList<DecisionView>>(decisions);
    }

    private static async Task<Results<Ok<DecisionView>, ProblemHttpResult>> DecideAsync(
        Guid patientId, Guid decisionId, bool approve, ProgramsDbContext db, CallerContext caller, AuditTrail audit, ProgramPlanner planner, CancellationToken ct)
    {
        if (await FindPatientAsync(db, caller, audit, patientId, AuditAction.Update, ct) is not { } patient)
            return Problems.NotFound("Patient");
        if (patient.TreatmentConsentWithdrawn)
            return ConsentWithdrawn();
        var proposal = await db.Decisions.SingleOrDefaultAsync(d => d.Id == decisionId && d.PatientId == patientId, ct);
        if (proposal is null)
            return Problems.NotFound("Decision");
        var program = await planner.ActiveProgramAsync(patientId, ct);
        if (proposal.Status != DecisionStatus.Proposed || program is null || program.Id != proposal.ProgramId || program.Phase != proposal.FromPhase)
            return Problems.Conflict("Not pending", "Only a proposal for the current phase of the active program can be approved or rejected.");

        if (approve)
            await planner.ApproveAsync(program, proposal, caller.UserId, ct);
        else
        {
            proposal.Status = DecisionStatus.Rejected;
            proposal.DecidedBy = caller.UserId;
        }
        audit.Stage(ResourceType, program.Id.ToString(), program.ClinicId, patientId, AuditAction.Update, purpose: approve ? "approve" : "reject");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(proposal));
    }

    private static ProgramView View(PatientProgram p) => new(p.Id, p.PatientId, p.ClinicId, p.TemplateId, p.TemplateVersion, p.ProgramVersion, p.Phase, p.Status,
        JsonSerializer.Deserialize<Prescription>(p.PrescriptionJson, ProgramJson.Options)!, ProgramPlanner.Settings(p), p.ConsecutiveInLimitSessions, p.UpdatedAt);

    private static DecisionView View(ProgressionDecisionRecord d) => new(d.Id, d.ProgramId, d.Decision, d.ReasonCode, d.FromPhase, d.ToPhase, d.Source, d.Status,
        d.At, d.DecidedBy, d.ResultingProgramVersion);
}

/// <summary>
/// The clinic of a patient Programs knows from Intake's events, for the shared patient-reach check. The patient stays
/// tracked, so the handler's own <c>FindAsync</c> that follows is answered without a second query.
/// </summary>
internal sealed class ProgramsPatientClinics(ProgramsDbContext db) : IPatientClinics
{
    public async Task<Guid?> ClinicOfAsync(Guid patientId, CancellationToken ct) => (await db.Patients.FindAsync([patientId], ct))?.ClinicId;
}
