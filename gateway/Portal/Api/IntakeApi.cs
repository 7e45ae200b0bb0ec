using Microsoft.Extensions.Caching.Memory;
using RehabPlatform.ServiceDefaults.Http;

namespace RehabPlatform.Portal.Api;

/// <summary>Intake through the gateway: clinics, patients, consents, intakes, transfers.</summary>
public sealed class IntakeApi(GatewayClient gateway, IMemoryCache cache)
{
    private const string Service = "Intake";
    private static readonly TimeSpan ClinicsCachedFor = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The chain's clinics (one page of the largest size: a chain has tens of clinics, not hundreds). The list is the
    /// same for every caller and holds no patient data, so pages share it for a few minutes instead of each asking;
    /// a clinic opened meanwhile appears within that time.
    /// </summary>
    public async Task<ApiResult<IReadOnlyList<Clinic>>> ClinicsAsync(CancellationToken ct = default)
    {
        if (cache.TryGetValue(nameof(ClinicsAsync), out IReadOnlyList<Clinic>? cached) && cached is not null)
            return ApiResult<IReadOnlyList<Clinic>>.Ok(cached);
        var page = await gateway.GetAsync<Page<Clinic>>(Service, $"api/intake/clinics?pageSize={PageRequest.MaxSize}", ct);
        if (!page.IsOk)
            return ApiResult<IReadOnlyList<Clinic>>.Failed(page.Problem!);
        return ApiResult<IReadOnlyList<Clinic>>.Ok(cache.Set(nameof(ClinicsAsync), page.Value!.Items, ClinicsCachedFor));
    }

    /// <summary>A POST: search terms never travel in a URL.</summary>
    public Task<ApiResult<Page<PatientSummary>>> SearchAsync(Guid? clinicId, string? search, IReadOnlyList<Guid>? patientIds, int page, int pageSize, CancellationToken ct = default) =>
        gateway.PostAsync<Page<PatientSummary>>(Service, "api/intake/patients/search", new { clinicId, search, patientIds, page, pageSize }, ct);

    /// <summary>The names of the given patients, as far as the caller may see them, a page of patients at a time.</summary>
    public async Task<ApiResult<IReadOnlyDictionary<Guid, string>>> NamesAsync(IEnumerable<Guid> patientIds, CancellationToken ct = default)
    {
        var names = new Dictionary<Guid, string>();
        foreach (var chunk in patientIds.Distinct().Chunk(PageRequest.MaxSize))
        {
            var found = await SearchAsync(null, null, chunk, 1, chunk.Length, ct);
            if (!found.IsOk)
                return ApiResult<IReadOnlyDictionary<Guid, string>>.Failed(found.Problem!);
            foreach (var summary in found.Value!.Items)
                names[summary.Patient.Id] = summary.Patient.FullName;
        }
        return ApiResult<IReadOnlyDictionary<Guid, string>>.Ok(names);
    }

    public Task<ApiResult<PatientView>> PatientAsync(Guid patientId, CancellationToken ct = default) =>
        gateway.GetAsync<PatientView>(Service, $"api/intake/patients/{patientId}", ct);

    public Task<ApiResult<PatientView>> RegisterAsync(object registration, string idempotencyKey, CancellationToken ct = default) =>
        gateway.PostAsync<PatientView>(Service, "api/intake/patients", registration, ct, idempotencyKey);

    /// <summary>A new invitation code for the patients' app; the code is shown once.</summary>
    public Task<ApiResult<InvitationView>> InviteToAppAsync(Guid patientId, CancellationToken ct = default) =>
        gateway.PostAsync<InvitationView>(Service, $"api/intake/patients/{patientId}/app-access", null, ct);

    public Task<ApiResult<IReadOnlyList<AppAccessView>>> AppAccessAsync(Guid patientId, CancellationToken ct = default) =>
        gateway.GetAsync<IReadOnlyList<AppAccessView>>(Service, $"api/intake/patients/{patientId}/app-access", ct);

    public Task<ApiResult<AppAccessView>> EndAppAccessAsync(Guid patientId, Guid accessId, CancellationToken ct = default) =>
        gateway.PostAsync<AppAccessView>(Service, $"api/intake/patients/{patientId}/app-access/{accessId}/end", null, ct);

    public Task<ApiResult<ConsentsView>> ConsentsAsync(Guid patientId, CancellationToken ct = default) =>
        gateway.GetAsync<ConsentsView>(Service, $"api/intake/patients/{patientId}/consents", ct);

    public Task<ApiResult<ConsentView>> RecordConsentAsync(Guid patientId, string scope, bool granted, string version, CancellationToken ct = default) =>
        gateway.PostAsync<ConsentView>(Service, $"api/intake/patients/{patientId}/consents", new { scope, granted, version }, ct);

    public Task<ApiResult<Questionnaire>> AkpsAsync(CancellationToken ct = default) =>
        gateway.GetAsync<Questionnaire>(Service, "api/intake/questionnaires/akps", ct);

    public Task<ApiResult<IReadOnlyList<IntakeView>>> IntakesAsync(Guid patientId, CancellationToken ct = default) =>
        gateway.GetAsync<IReadOnlyList<IntakeView>>(Service, $"api/intake/patients/{patientId}/intakes", ct);

    public Task<ApiResult<IntakeView>> SubmitIntakeAsync(Guid patientId, object intake, CancellationToken ct = default) =>
        gateway.PostAsync<IntakeView>(Service, $"api/intake/patients/{patientId}/intakes", intake, ct);

    public Task<ApiResult<IntakeView>> ReviewIntakeAsync(Guid patientId, Guid intakeId, string decision, CancellationToken ct = default) =>
        gateway.PostAsync<IntakeView>(Service, $"api/intake/patients/{patientId}/intakes/{intakeId}/review", new { decision }, ct);

    /// <summary>The therapist contacted the physician and told the patient: the referral leaves the worklist.</summary>
    public Task<ApiResult<IntakeView>> ActOnReferralAsync(Guid patientId, Guid intakeId, CancellationToken ct = default) =>
        gateway.PostAsync<IntakeView>(Service, $"api/intake/patients/{patientId}/intakes/{intakeId}/referral-acted-on", new { }, ct);

    /// <summary>Moves the patient (the caller works at both clinics) or asks the receiving clinic (202).</summary>
    public Task<ApiResult<System.Text.Json.JsonElement>> TransferAsync(Guid patientId, Guid? toClinicId, CancellationToken ct = default) =>
        gateway.PostAsync<System.Text.Json.JsonElement>(Service, $"api/intake/patients/{patientId}/transfer", new { toClinicId }, ct);

    public Task<ApiResult<IReadOnlyList<WorklistItem>>> WorklistAsync(Guid clinicId, CancellationToken ct = default) =>
        gateway.GetAsync<IReadOnlyList<WorklistItem>>(Service, $"api/intake/clinics/{clinicId}/worklist", ct);
}
