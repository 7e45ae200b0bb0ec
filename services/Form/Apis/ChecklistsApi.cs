using Microsoft.Extensions.Options;
using RehabPlatform.Form.Model.Checklist;

namespace RehabPlatform.Form.Apis;

public static class ChecklistsApi
{
    /// <summary>An item as the portal lays it out: which view, what to look for, the choices and the angle it may take.</summary>
    public sealed record ChecklistItemView(string Code, string View, string Title, string Look, IReadOnlyList<string> Categories, bool PerSide, string? AngleLabel,
        string? Flag, string Source);

    /// <summary>The published items and the clinic's step-rate rule.</summary>
    public sealed record ChecklistDefinition(IReadOnlyList<ChecklistItemView> Items, double LowStepRateAtOrBelow, double StepRateIncreasePercent);

    /// <param name="Advice">What each raised flag means and the cue for the runner, as for a pose capture.</param>
    public sealed record ChecklistResultView(Guid ChecklistId, Guid PatientId, DateTimeOffset AssessedAt, double? StepRate, double? TreadmillSpeedKmh,
        IReadOnlyList<ChecklistFinding> Findings, ChecklistConclusion Conclusion, IReadOnlyList<FlagAdvice> Advice);

    public sealed record ChecklistCaptureComparison(Guid ChecklistId, Guid CaptureId, IReadOnlyList<ItemComparison> Items, StepRateComparison? StepRate);

    private const string ResourceType = ChecklistAssessments.ResourceType;

    public static IEndpointRouteBuilder MapChecklistsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/form/checklist", Definition).WithTags("Running-form checklist").RequireAuthorization(Policies.ClinicalStaff);
        var patients = app.MapGroup("/api/form/patients/{patientId:guid}/checklists").WithTags("Running-form checklist")
            .RequireAuthorization(Policies.ClinicalStaff).RequirePatientReach(ResourceType);
        patients.MapPost("/", RecordAsync);
        patients.MapGet("/", ListAsync).WithMetadata(new PatientAuditAction(AuditAction.List));
        patients.MapGet("/{checklistId:guid}", GetAsync).WithMetadata(new PatientAuditAction(AuditAction.Read));
        patients.MapGet("/{checklistId:guid}/comparison", CompareAsync).WithMetadata(new PatientAuditAction(AuditAction.Read));
        return app;
    }

    private static Ok<ChecklistDefinition> Definition(IOptions<AnalysisSettings> settings) => TypedResults.Ok(new ChecklistDefinition(
        RunningChecklist.Items.Select(i => new ChecklistItemView(i.Code, i.View == ChecklistView.Side ? "side" : "rear", i.Title, i.Look, i.Categories, i.PerSide,
            i.AngleLabel, i.Flag, i.Source)).ToList(),
        settings.Value.LowCadenceAtOrBelow, settings.Value.CadenceIncreasePercent));

    private static async Task<Results<Created<ChecklistResultView>, ValidationProblem>> RecordAsync(Guid patientId, ChecklistRequest request, ChecklistAssessments checklists,
        FormDbContext db, PatientInScope scope, IOptions<AnalysisSettings> settings, CancellationToken ct)
    {
        var errors = ChecklistAssessments.Validate(request);
        if (errors.Any)
            return errors.ToProblem();
        var patient = await db.Patients.FindInScopeAsync(scope, ct);
        var checklist = await checklists.RecordAsync(patient, request, ct);
        return TypedResults.Created($"/api/form/patients/{patientId}/checklists/{checklist.Id}", View(checklist, settings.Value));
    }

    private static async Task<Ok<IReadOnlyList<ChecklistResultView>>> ListAsync(Guid patientId, FormDbContext db, AuditTrail audit, PatientInScope scope,
        IOptions<AnalysisSettings> settings, CancellationToken ct)
    {
        var checklists = await db.Checklists.AsNoTracking().Where(c => c.PatientId == patientId).OrderByDescending(c => c.AssessedAt).ToListAsync(ct);
        audit.Stage(ResourceType, null, scope.ClinicId, patientId, AuditAction.List);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok<IReadOnlyList<ChecklistResultView>>(checklists.Select(c => View(c, settings.Value)).ToList());
    }

    private static async Task<Results<Ok<ChecklistResultView>, ProblemHttpResult>> GetAsync(Guid patientId, Guid checklistId, FormDbContext db, AuditTrail audit,
        PatientInScope scope, IOptions<AnalysisSettings> settings, CancellationToken ct)
    {
        if (await db.Checklists.AsNoTracking().FirstOrDefaultAsync(c => c.Id == checklistId && c.PatientId == patientId, ct) is not { } checklist)
            return Problems.NotFound("Checklist");
        await audit.RecordReadAsync(ResourceType, checklist.Id.ToString(), scope.ClinicId, patientId, ct: ct);
        return TypedResults.Ok(View(checklist, settings.Value));
    }

    /// <summary>The checklist against an analysed pose capture of the same patient, item by item where they overlap.</summary>
    private static async Task<Results<Ok<ChecklistCaptureComparison>, ValidationProblem, ProblemHttpResult>> CompareAsync(Guid patientId, Guid checklistId,
        Guid? captureId, FormDbContext db, AuditTrail audit, PatientInScope scope, IOptions<AnalysisSettings> settings, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (!errors.Required(captureId, "captureId"))
            return errors.ToProblem();
        var checklist = await db.Checklists.AsNoTracking().FirstOrDefaultAsync(c => c.Id == checklistId && c.PatientId == patientId, ct);
        var capture = await db.Captures.AsNoTracking().FirstOrDefaultAsync(c => c.Id == captureId && c.PatientId == patientId, ct);
        if (checklist is null || capture is null)
            return Problems.NotFound(checklist is null ? "Checklist" : "Capture");
        if (capture.Result is not { } result)
            return Problems.Conflict("Not analysed yet", "Compare with a capture once its analysis has completed.");
        var (items, stepRate) = ChecklistComparison.Compare(checklist.Findings, checklist.StepRate, result, settings.Value);
        await audit.RecordReadAsync(ResourceType, checklist.Id.ToString(), scope.ClinicId, patientId, purpose: "comparison", ct: ct);
        return TypedResults.Ok(new ChecklistCaptureComparison(checklist.Id, capture.Id, items, stepRate));
    }

    private static ChecklistResultView View(ChecklistAssessment c, AnalysisSettings settings) => new(c.Id, c.PatientId, c.AssessedAt, c.StepRate, c.TreadmillSpeedKmh,
        c.Findings, c.Conclusion, FormNorms.AdviceFor(settings, c.Conclusion.CadenceTarget, c.Conclusion.Flags, c.Conclusion.LegFlags));
}
