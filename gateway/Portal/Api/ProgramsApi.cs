namespace RehabPlatform.Portal.Api;

/// <summary>Programs through the gateway: the active program, its decisions, approvals and overrides, the exercise library and the templates.</summary>
public sealed class ProgramsApi(GatewayClient gateway)
{
    private const string Service = "Programs";

    public Task<ApiResult<ProgramView>> ProgramAsync(Guid patientId, CancellationToken ct = default) =>
        gateway.GetAsync<ProgramView>(Service, $"api/programs/patients/{patientId}/program", ct);

    /// <summary>How to do each exercise of the patient's program: what the patient's app shows.</summary>
    public Task<ApiResult<IReadOnlyList<ExerciseView>>> ProgramExercisesAsync(Guid patientId, CancellationToken ct = default) =>
        gateway.GetAsync<IReadOnlyList<ExerciseView>>(Service, $"api/programs/patients/{patientId}/program/exercises", ct);

    public Task<ApiResult<IReadOnlyList<DecisionView>>> DecisionsAsync(Guid patientId, CancellationToken ct = default) =>
        gateway.GetAsync<IReadOnlyList<DecisionView>>(Service, $"api/programs/patients/{patientId}/program/decisions", ct);

    public Task<ApiResult<DecisionView>> DecideAsync(Guid patientId, Guid decisionId, bool approve, CancellationToken ct = default) =>
        gateway.PostAsync<DecisionView>(Service, $"api/programs/patients/{patientId}/program/decisions/{decisionId}/{(approve ? "approve" : "reject")}", null, ct);

    public Task<ApiResult<DecisionView>> OverrideAsync(Guid patientId, int phase, string reasonCode, CancellationToken ct = default) =>
        gateway.PostAsync<DecisionView>(Service, $"api/programs/patients/{patientId}/program/override", new { phase, reasonCode }, ct);

    /// <summary>The library the caller sees, filtered as the library page asks (empty filters are not sent); all of it without a filter.</summary>
    public Task<ApiResult<IReadOnlyList<ExerciseView>>> ExercisesAsync(ExerciseFilter? filter = null, CancellationToken ct = default) =>
        gateway.GetAsync<IReadOnlyList<ExerciseView>>(Service, "api/programs/exercises" + Query.Of(("phase", filter?.Phase?.ToString()),
            ("category", filter?.Category), ("region", filter?.Region), ("q", filter?.Search)), ct);

    public Task<ApiResult<ExerciseView>> AddExerciseAsync(object exercise, CancellationToken ct = default) =>
        gateway.PostAsync<ExerciseView>(Service, "api/programs/exercises", exercise, ct);

    /// <summary>Published templates the caller sees, by visibility; or, with <paramref name="mine"/>, the caller's own with drafts.</summary>
    public Task<ApiResult<Page<TemplateView>>> TemplatesAsync(string? visibility, bool mine, int page, int pageSize, CancellationToken ct = default) =>
        gateway.GetAsync<Page<TemplateView>>(Service, "api/programs/templates" + Query.Of(("visibility", visibility), ("author", mine ? "me" : null),
            ("page", page.ToString()), ("pageSize", pageSize.ToString())), ct);

    public Task<ApiResult<TemplateView>> TemplateAsync(Guid templateId, CancellationToken ct = default) =>
        gateway.GetAsync<TemplateView>(Service, $"api/programs/templates/{templateId}", ct);

    public Task<ApiResult<TemplateView>> TemplateVersionAsync(Guid templateId, int version, CancellationToken ct = default) =>
        gateway.GetAsync<TemplateView>(Service, $"api/programs/templates/{templateId}/versions/{version}", ct);

    public Task<ApiResult<IReadOnlyList<TemplateVersionSummary>>> TemplateHistoryAsync(Guid templateId, CancellationToken ct = default) =>
        gateway.GetAsync<IReadOnlyList<TemplateVersionSummary>>(Service, $"api/programs/templates/{templateId}/versions", ct);

    public Task<ApiResult<TemplateView>> CreateTemplateAsync(object template, CancellationToken ct = default) =>
        gateway.PostAsync<TemplateView>(Service, "api/programs/templates", template, ct);

    public Task<ApiResult<TemplateView>> EditTemplateAsync(Guid templateId, object template, CancellationToken ct = default) =>
        gateway.PutAsync<TemplateView>(Service, $"api/programs/templates/{templateId}", template, ct);

    public Task<ApiResult<TemplateView>> PublishTemplateAsync(Guid templateId, CancellationToken ct = default) =>
        gateway.PostAsync<TemplateView>(Service, $"api/programs/templates/{templateId}/publish", null, ct);

    public Task<ApiResult<TemplateView>> ForkTemplateAsync(Guid templateId, Guid clinicId, CancellationToken ct = default) =>
        gateway.PostAsync<TemplateView>(Service, $"api/programs/templates/{templateId}/fork", new { authorClinicId = clinicId }, ct);

    public Task<ApiResult<ProgramView>> AssignAsync(Guid patientId, Guid templateId, int phase, CancellationToken ct = default) =>
        gateway.PutAsync<ProgramView>(Service, $"api/programs/patients/{patientId}/program", new { templateId, phase }, ct);

    /// <summary>The clinic's active programs and the template version each follows.</summary>
    public Task<ApiResult<IReadOnlyList<ActiveProgramView>>> ProgramsInUseAsync(Guid clinicId, Guid? templateId, CancellationToken ct = default) =>
        gateway.GetAsync<IReadOnlyList<ActiveProgramView>>(Service, $"api/programs/clinics/{clinicId}/programs" + Query.Of(("templateId", templateId?.ToString())), ct);

    public Task<ApiResult<IReadOnlyList<WorklistItem>>> WorklistAsync(Guid clinicId, CancellationToken ct = default) =>
        gateway.GetAsync<IReadOnlyList<WorklistItem>>(Service, $"api/programs/clinics/{clinicId}/worklist", ct);
}

/// <summary>The exercise library's filters as its page holds them.</summary>
public sealed record ExerciseFilter(int? Phase, string? Category, string? Region, string? Search);
