namespace RehabPlatform.Portal.Api;

/// <summary>Sessions through the gateway: logging sessions and pain, the timeline, and care status for lists.</summary>
public sealed class SessionsApi(GatewayClient gateway)
{
    private const string Service = "Sessions";

    public Task<ApiResult<TimelineView>> TimelineAsync(Guid patientId, int weeks, CancellationToken ct = default) =>
        gateway.GetAsync<TimelineView>(Service, $"api/sessions/patients/{patientId}/timeline?weeks={weeks}", ct);

    public Task<ApiResult<SessionView>> LogSessionAsync(Guid patientId, object session, string idempotencyKey, CancellationToken ct = default) =>
        gateway.PostAsync<SessionView>(Service, $"api/sessions/patients/{patientId}/sessions", session, ct, idempotencyKey);

    public Task<ApiResult<System.Text.Json.JsonElement>> ReportPainAsync(Guid patientId, object report, CancellationToken ct = default, string? idempotencyKey = null) =>
        gateway.PostAsync<System.Text.Json.JsonElement>(Service, $"api/sessions/patients/{patientId}/pain-reports", report, ct, idempotencyKey);

    /// <summary>A follow-up AKPS and pain now, compared by Sessions with the intake baseline.</summary>
    public Task<ApiResult<OutcomeView>> RecordOutcomeAsync(Guid patientId, object outcome, CancellationToken ct = default) =>
        gateway.PostAsync<OutcomeView>(Service, $"api/sessions/patients/{patientId}/outcomes", outcome, ct);

    public Task<ApiResult<IReadOnlyList<FollowUpRequestView>>> FollowUpRequestsAsync(Guid patientId, CancellationToken ct = default) =>
        gateway.GetAsync<IReadOnlyList<FollowUpRequestView>>(Service, $"api/sessions/patients/{patientId}/follow-up-requests", ct);

    /// <summary>Sends the follow-up questionnaire to the patient's app, open from <paramref name="dueFrom"/>.</summary>
    public Task<ApiResult<FollowUpRequestView>> ScheduleFollowUpAsync(Guid patientId, DateTimeOffset dueFrom, CancellationToken ct = default) =>
        gateway.PostAsync<FollowUpRequestView>(Service, $"api/sessions/patients/{patientId}/follow-up-requests", new { dueFrom }, ct);

    public Task<ApiResult<FollowUpRequestView>> CancelFollowUpAsync(Guid patientId, Guid requestId, CancellationToken ct = default) =>
        gateway.PostAsync<FollowUpRequestView>(Service, $"api/sessions/patients/{patientId}/follow-up-requests/{requestId}/cancel", new { }, ct);

    /// <summary>The patient's own answer to a questionnaire sent to them.</summary>
    public Task<ApiResult<OutcomeView>> AnswerFollowUpAsync(Guid patientId, Guid requestId, object answer, string idempotencyKey, CancellationToken ct = default) =>
        gateway.PostAsync<OutcomeView>(Service, $"api/sessions/patients/{patientId}/follow-up-requests/{requestId}/answer", answer, ct, idempotencyKey);

    /// <summary>Program and adherence status of a page of patients (POST: ids stay out of URLs).</summary>
    public Task<ApiResult<IReadOnlyList<PatientCare>>> CareAsync(IReadOnlyList<Guid> patientIds, CancellationToken ct = default) =>
        gateway.PostAsync<IReadOnlyList<PatientCare>>(Service, "api/sessions/patients/care", new { patientIds }, ct);

    public Task<ApiResult<IReadOnlyList<WorklistItem>>> WorklistAsync(Guid clinicId, CancellationToken ct = default) =>
        gateway.GetAsync<IReadOnlyList<WorklistItem>>(Service, $"api/sessions/clinics/{clinicId}/worklist", ct);

    /// <summary>Outcomes per template version or clinic over a period: aggregates only, small cells suppressed by Sessions.</summary>
    public Task<ApiResult<OutcomeReportView>> OutcomeReportAsync(string by, DateOnly from, DateOnly to, CancellationToken ct = default) =>
        gateway.GetAsync<OutcomeReportView>(Service, "api/sessions/analytics/outcomes" + Query.Of(("by", by),
            ("from", from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), ("to", to.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))), ct);
}
