namespace RehabPlatform.Portal.Api;

/// <summary>Programs through the gateway: the active program, its decisions, approvals and overrides, the exercise library.</summary>
public sealed class ProgramsApi(GatewayClient gateway)
{
    private const string Service = "Programs";

    public Task<ApiResult<ProgramView>> ProgramAsync(Guid patientId, CancellationToken ct = default) =>
        gateway.GetAsync<ProgramView>(Service, $"api/programs/patients/{patientId}/program", ct);

    public Task<ApiResult<IReadOnlyList<DecisionView>>> DecisionsAsync(Guid patientId, CancellationToken ct = default) =>
        gateway.GetAsync<IReadOnlyList<DecisionView>>(Service, $"api/programs/patients/{patientId}/program/decisions", ct);

    public Task<ApiResult<DecisionView>> DecideAsync(Guid patientId, Guid decisionId, bool approve, CancellationToken ct = default) =>
        gateway.PostAsync<DecisionView>(Service, $"api/programs/patients/{patientId}/program/decisions/{decisionId}/{(approve ? "approve" : "reject")}", null, ct);

    public Task<ApiResult<DecisionView>> OverrideAsync(Guid patientId, int phase, string reasonCode, CancellationToken ct = default) =>
        gateway.PostAsync<DecisionView>(Service, $"api/programs/patients/{patientId}/program/override", new { phase, reasonCode }, ct);

    public Task<ApiResult<IReadOnlyList<ExerciseView>>> ExercisesAsync(CancellationToken ct = default) =>
        gateway.GetAsync<IReadOnlyList<ExerciseView>>(Service, "api/programs/exercises", ct);

    public Task<ApiResult<IReadOnlyList<WorklistItem>>> WorklistAsync(Guid clinicId, CancellationToken ct = default) =>
        gateway.GetAsync<IReadOnlyList<WorklistItem>>(Service, $"api/programs/clinics/{clinicId}/worklist", ct);
}
