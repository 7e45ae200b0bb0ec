namespace RehabPlatform.Portal.Api;

/// <summary>Running-form captures through the gateway: upload, follow the analysis, compare.</summary>
public sealed class FormApi(GatewayClient gateway)
{
    private const string Service = "Form";

    public Task<ApiResult<IReadOnlyList<CaptureView>>> CapturesAsync(Guid patientId, CancellationToken ct = default) =>
        gateway.GetAsync<IReadOnlyList<CaptureView>>(Service, $"api/form/patients/{patientId}/captures", ct);

    public Task<ApiResult<CaptureView>> CaptureAsync(Guid captureId, CancellationToken ct = default) =>
        gateway.GetAsync<CaptureView>(Service, $"api/form/captures/{captureId}", ct);

    /// <summary>Keypoints as JSON: format, view, fps, aspect ratio and the frames array.</summary>
    public Task<ApiResult<CaptureAccepted>> UploadAsync(Guid patientId, object capture, CancellationToken ct = default) =>
        gateway.PostAsync<CaptureAccepted>(Service, $"api/form/patients/{patientId}/captures", capture, ct);

    /// <summary>OpenPose's own output: a zip of one JSON file per frame.</summary>
    public Task<ApiResult<CaptureAccepted>> UploadOpenPoseZipAsync(Guid patientId, string view, double fps, Stream zip, CancellationToken ct = default)
    {
        var content = new StreamContent(zip);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/zip");
        return gateway.PostContentAsync<CaptureAccepted>(Service, $"api/form/patients/{patientId}/captures/openpose-zip" + Query.Of(("view", view), ("fps", fps.ToString(System.Globalization.CultureInfo.InvariantCulture))), content, ct);
    }

    public Task<ApiResult<CaptureComparison>> CompareAsync(Guid patientId, Guid before, Guid after, CancellationToken ct = default) =>
        gateway.GetAsync<CaptureComparison>(Service, $"api/form/patients/{patientId}/comparison" + Query.Of(("before", before.ToString()), ("after", after.ToString())), ct);

    public Task<ApiResult<ChecklistDefinition>> ChecklistDefinitionAsync(CancellationToken ct = default) =>
        gateway.GetAsync<ChecklistDefinition>(Service, "api/form/checklist", ct);

    public Task<ApiResult<IReadOnlyList<ChecklistResult>>> ChecklistsAsync(Guid patientId, CancellationToken ct = default) =>
        gateway.GetAsync<IReadOnlyList<ChecklistResult>>(Service, $"api/form/patients/{patientId}/checklists", ct);

    public Task<ApiResult<ChecklistResult>> ChecklistAsync(Guid patientId, Guid checklistId, CancellationToken ct = default) =>
        gateway.GetAsync<ChecklistResult>(Service, $"api/form/patients/{patientId}/checklists/{checklistId}", ct);

    /// <summary>An observational checklist: step rate, treadmill speed and the findings per item and side.</summary>
    public Task<ApiResult<ChecklistResult>> RecordChecklistAsync(Guid patientId, object checklist, CancellationToken ct = default) =>
        gateway.PostAsync<ChecklistResult>(Service, $"api/form/patients/{patientId}/checklists", checklist, ct);

    public Task<ApiResult<ChecklistCaptureComparison>> CompareChecklistAsync(Guid patientId, Guid checklistId, Guid captureId, CancellationToken ct = default) =>
        gateway.GetAsync<ChecklistCaptureComparison>(Service, $"api/form/patients/{patientId}/checklists/{checklistId}/comparison" + Query.Of(("captureId", captureId.ToString())), ct);
}
