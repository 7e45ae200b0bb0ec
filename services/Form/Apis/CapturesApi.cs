using System.Diagnostics;
using Microsoft.Extensions.Options;

namespace RehabPlatform.Form.Apis;

public static class CapturesApi
{
    public sealed record UploadCaptureRequest(KeypointFormat? Format, View? View, double? Fps, double? AspectRatio, double? RunnerHeightCm, double? LegLengthCm,
        double? TreadmillSpeedKmh, JsonElement? Frames);

    public sealed record CaptureAccepted(Guid CaptureId, string Status, string StatusUrl);

    /// <param name="AffectedSide">The painful knee recorded at intake.</param>
    /// <param name="AffectedLegFlags">The per-leg flags on that knee's side: what the one-sided injury may be about.</param>
    /// <param name="Norms">Analysed captures: what each metric is compared with in the clinic's current settings.</param>
    /// <param name="FlagAdvice">Analysed captures: what each raised flag means and the cue for the runner.</param>
    public sealed record CaptureView(Guid CaptureId, Guid PatientId, CaptureStatus Status, KeypointFormat Format, View View, double Fps, int FrameCount,
        DateTimeOffset UploadedAt, DateTimeOffset? CompletedAt, bool? LowReliability, string? Error, GaitAnalysis? Result, string? AffectedSide,
        IReadOnlyList<string> AffectedLegFlags, IReadOnlyList<MetricNorm>? Norms = null, IReadOnlyList<FlagAdvice>? FlagAdvice = null);

    public sealed record ComparisonView(Guid Before, Guid After, IReadOnlyList<MetricChange> Changes);

    private const string ResourceType = CaptureUploads.ResourceType;

    public static IEndpointRouteBuilder MapCapturesApi(this IEndpointRouteBuilder app)
    {
        var patients = app.MapGroup("/api/form/patients/{patientId:guid}").WithTags("Captures").RequireAuthorization(Policies.ClinicalStaff)
            .RequirePatientReach(ResourceType);
        patients.MapPost("/captures", UploadJsonAsync);
        patients.MapPost("/captures/openpose-zip", UploadZipAsync).Accepts<Stream>("application/zip");
        patients.MapGet("/captures", ListAsync).WithMetadata(new PatientAuditAction(AuditAction.List));
        patients.MapGet("/comparison", CompareAsync);
        app.MapGet("/api/form/captures/{captureId:guid}", GetAsync).WithTags("Captures").RequireAuthorization(Policies.ClinicalStaff);
        return app;
    }

    private static async Task<IResult> UploadJsonAsync(Guid patientId, UploadCaptureRequest request, CaptureUploads uploads, PatientInScope scope,
        CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required(request.Format, "format");
        ValidateCommon(errors, request.View, request.Fps, request.AspectRatio, request.RunnerHeightCm, request.LegLengthCm, request.TreadmillSpeedKmh);
        errors.Required(request.Frames, "frames");
        // Normalised coordinates (BlazePose: x and y both 0-1) bend every angle unless x is scaled by width over height.
        if (request.Format == KeypointFormat.BlazePose && request.AspectRatio is null)
            errors.Add("aspectRatio", "Required for BlazePose: its coordinates are normalised, so give the image's width over height (0.5625 for a portrait 1080x1920 video).");
        if (errors.Any)
            return errors.ToProblem();
        if (await uploads.AdmitAsync(scope, ct) is not { } patient)
            return ConsentRequired();
        var (frames, parseErrors) = KeypointParser.Parse(request.Format!.Value, request.Frames!.Value);
        var settings = new CaptureSettings(request.Format.Value, request.View!.Value, request.Fps!.Value,
            request.Format == KeypointFormat.BlazePose ? request.AspectRatio!.Value : 1, request.RunnerHeightCm, request.LegLengthCm, request.TreadmillSpeedKmh);
        return Map(await uploads.AcceptAsync(patient, settings, frames, parseErrors, ct));
    }

    /// <summary>OpenPose's native output zipped: one JSON per frame; view and fps as query parameters.</summary>
    private static async Task<IResult> UploadZipAsync(Guid patientId, string? view, double? fps, HttpRequest http, CaptureUploads uploads, PatientInScope scope,
        CancellationToken ct)
    {
        var errors = new FieldErrors();
        View? parsedView = KebabEnum.TryParse<View>(view, out var v) ? v : null;
        if (view is not null && parsedView is null)
            errors.Add("view", "One of: " + KebabEnum.Allowed<View>() + ".");
        else
            ValidateCommon(errors, parsedView, fps, 1, null, null, null);
        if (!string.Equals(http.ContentType, "application/zip", StringComparison.OrdinalIgnoreCase))
            errors.Add("Content-Type", "Send the archive as application/zip.");
        if (errors.Any)
            return errors.ToProblem();
        // Nothing of the archive is read, let alone decompressed, for a patient the caller cannot reach or who has not consented.
        if (await uploads.AdmitAsync(scope, ct) is not { } patient)
            return ConsentRequired();
        using var buffer = new MemoryStream();
        await http.Body.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        var (frames, parseErrors) = KeypointParser.ParseOpenPoseZip(buffer);
        var settings = new CaptureSettings(KeypointFormat.OpenPoseBody25, parsedView!.Value, fps!.Value, 1, null, null, null);
        return Map(await uploads.AcceptAsync(patient, settings, frames, parseErrors, ct));
    }

    private static void ValidateCommon(FieldErrors errors, View? view, double? fps, double? aspectRatio, double? height, double? legLength, double? speed)
    {
        errors.Required(view, "view");
        if (errors.Required(fps, "fps") && (!double.IsFinite(fps.Value) || fps <= 0 || fps > 1000))
            errors.Add("fps", "Frames per second must be above 0 (and at most 1000).");
        if (aspectRatio is { } ratio && (!double.IsFinite(ratio) || ratio <= 0 || ratio > 10))
            errors.Add("aspectRatio", "Image width over height, above 0.");
        if (height is { } h && (h < 50 || h > 250)) errors.Add("runnerHeightCm", "Between 50 and 250.");
        if (legLength is { } l && (l < 30 || l > 150)) errors.Add("legLengthCm", "Between 30 and 150.");
        if (speed is { } s && (s < 0 || s > 40)) errors.Add("treadmillSpeedKmh", "Between 0 and 40.");
    }

    private static IResult ConsentRequired() => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Form-analysis consent required",
        detail: "The patient has not granted (or has withdrawn) consent to running-form analysis. Record it in Intake first.",
        type: "https://rehabplatform.example/problems/consent-required");

    private static IResult Map(CaptureUploads.Outcome outcome) => outcome switch
    {
        CaptureUploads.Outcome.Accepted { Capture.Id: var id } => TypedResults.Accepted($"/api/form/captures/{id}", new CaptureAccepted(id, "pending", $"/api/form/captures/{id}")),
        CaptureUploads.Outcome.Malformed { Errors: var parseErrors } => TypedResults.ValidationProblem(
            parseErrors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()), title: "The keypoints are malformed"),
        // The reason also under "errors", keyed by the field it is about, so a form shows it beside that field.
        CaptureUploads.Outcome.NotAnalysable { Reason: var reason, Field: var field } => TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "The capture cannot be analysed", detail: reason, extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [reason] } }),
        _ => throw new UnreachableException(outcome.GetType().Name),
    };

    private static async Task<Results<Ok<CaptureView>, ProblemHttpResult>> GetAsync(Guid captureId, FormDbContext db, CallerContext caller, AuditTrail audit,
        IOptions<AnalysisSettings> settings, CancellationToken ct)
    {
        var capture = await db.Captures.AsNoTracking().FirstOrDefaultAsync(c => c.Id == captureId, ct);
        if (capture is null || !caller.CanAccessClinic(capture.ClinicId))
        {
            await audit.RecordAsync(ResourceType, captureId.ToString(), capture?.ClinicId, capture?.PatientId, AuditAction.Read,
                capture is null ? AuditOutcome.NotFound : AuditOutcome.Denied, ct);
            return Problems.NotFound("Capture");
        }
        await audit.RecordReadAsync(ResourceType, capture.Id.ToString(), capture.ClinicId, capture.PatientId, ct: ct);
        var affectedSide = await db.Patients.Where(p => p.PatientId == capture.PatientId).Select(p => p.AffectedSide).FirstOrDefaultAsync(ct);
        return TypedResults.Ok(View(capture, affectedSide, settings.Value));
    }

    private static async Task<Results<Ok<IReadOnlyList<CaptureView>>, ProblemHttpResult>> ListAsync(Guid patientId, FormDbContext db, AuditTrail audit, PatientInScope scope,
        IOptions<AnalysisSettings> settings, CancellationToken ct)
    {
        var patient = await db.Patients.FindInScopeAsync(scope, ct);
        var captures = (await db.Captures.AsNoTracking().Where(c => c.PatientId == patientId).OrderByDescending(c => c.UploadedAt).ToListAsync(ct))
            .Select(c => View(c, patient.AffectedSide, settings.Value)).ToList();
        audit.Stage(ResourceType, null, patient.ClinicId, patientId, AuditAction.List);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok<IReadOnlyList<CaptureView>>(captures);
    }

    private static async Task<Results<Ok<ComparisonView>, ValidationProblem, ProblemHttpResult>> CompareAsync(
        Guid patientId, Guid? before, Guid? after, FormDbContext db, CallerContext caller, AuditTrail audit, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required(before, "before");
        errors.Required(after, "after");
        if (errors.Any)
            return errors.ToProblem();
        var captures = await db.Captures.AsNoTracking().Where(c => c.PatientId == patientId && (c.Id == before || c.Id == after)).ToListAsync(ct);
        if (captures.Count == 0 || captures.Any(c => !caller.CanAccessClinic(c.ClinicId)))
        {
            await audit.RecordAsync(ResourceType, null, captures.FirstOrDefault()?.ClinicId, patientId, AuditAction.Read, captures.Count == 0 ? AuditOutcome.NotFound : AuditOutcome.Denied, ct);
            return Problems.NotFound("Captures");
        }
        var first = captures.SingleOrDefault(c => c.Id == before);
        var second = captures.SingleOrDefault(c => c.Id == after);
        if (first?.Result is null || second?.Result is null)
            return Problems.Conflict("Not comparable yet", "Both captures must exist for this patient and be analysed.");
        if (first.View != second.View)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["after"] = ["Compare captures of the same view."] });
        var changes = CaptureComparison.Compare(first.Result.Metrics, second.Result.Metrics, bothReliable: first.LowReliability != true && second.LowReliability != true);
        await audit.RecordReadAsync(ResourceType, null, first.ClinicId, patientId, purpose: "comparison", ct: ct);
        return TypedResults.Ok(new ComparisonView(first.Id, second.Id, changes));
    }

    private static CaptureView View(Capture c, string? affectedSide, AnalysisSettings settings)
    {
        var measured = c.Result?.Metrics.Select(m => m.Code).ToHashSet() ?? [];
        return new(c.Id, c.PatientId, c.Status, c.Format, c.View, c.Fps, c.FrameCount, c.UploadedAt, c.CompletedAt, c.LowReliability, c.Error, c.Result, affectedSide,
            affectedSide is null ? [] : (c.Result?.LegFlags ?? []).Where(f => affectedSide == "both" || f.EndsWith(":" + affectedSide, StringComparison.Ordinal)).ToList(),
            c.Result is null ? null : FormNorms.For(settings).Where(n => measured.Contains(n.Code)).ToList(),
            c.Result is { } result ? FormNorms.AdviceFor(settings, result.CadenceTarget, result.Flags, result.LegFlags) : null);
    }
}
