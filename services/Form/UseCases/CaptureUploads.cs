using Microsoft.Extensions.Options;

namespace RehabPlatform.Form.UseCases;

/// <summary>What the uploader said about a capture, besides its keypoints.</summary>
public sealed record CaptureSettings(KeypointFormat Format, View View, double Fps, double AspectRatio, double? RunnerHeightCm, double? LegLengthCm,
    double? TreadmillSpeedKmh);

/// <summary>
/// Taking a capture in for analysis: the patient must be in the caller's reach and consent to form analysis before
/// anything of the upload is read; keypoints that cannot parse or can never be analysed are refused before anything
/// is stored; an accepted capture is queued for the background analysis.
/// </summary>
public sealed class CaptureUploads(FormDbContext db, CallerContext caller, AuditTrail audit, CaptureQueue queue, IOptions<AnalysisSettings> settings,
    TimeProvider clock)
{
    public const string ResourceType = "form-capture";

    public abstract record Outcome
    {
        public sealed record Accepted(Capture Capture) : Outcome;
        public sealed record Malformed(IReadOnlyList<CaptureError> Errors) : Outcome;
        public sealed record NotAnalysable(string Reason, string Field) : Outcome;
    }

    /// <summary>The patient when they consent to form analysis; null (and the refusal audited) when they do not.</summary>
    public async Task<KnownPatient?> AdmitAsync(PatientInScope scope, CancellationToken ct)
    {
        var patient = await db.Patients.FindInScopeAsync(scope, ct);
        if (patient.FormAnalysisConsent)
            return patient;
        await audit.RecordAsync(ResourceType, null, patient.ClinicId, patient.PatientId, AuditAction.Create, AuditOutcome.Denied, ct);
        return null;
    }

    /// <summary>For a patient <see cref="AdmitAsync">admitted</see> before the upload's keypoints were parsed.</summary>
    public async Task<Outcome> AcceptAsync(KnownPatient patient, CaptureSettings upload, IReadOnlyList<PoseFrame> frames, IReadOnlyList<CaptureError> parseErrors,
        CancellationToken ct)
    {
        if (parseErrors.Count > 0)
            return new Outcome.Malformed(parseErrors);

        // A cheap first pass rejects what can never be analysed before anything is stored; the stored
        // result comes from the background analysis.
        try
        {
            GaitAnalyzer.Analyze(new PoseSequence(upload.Format, upload.View, upload.Fps, frames), settings.Value, upload.AspectRatio);
        }
        catch (NotAnalysableException ex)
        {
            return new Outcome.NotAnalysable(ex.Message, ex.Field);
        }

        var capture = new Capture
        {
            Id = Guid.CreateVersion7(), PatientId = patient.PatientId, ClinicId = patient.ClinicId, Format = upload.Format, View = upload.View, Fps = upload.Fps,
            AspectRatio = upload.AspectRatio, FrameCount = frames.Count, FramesJson = FrameCodec.Encode(frames), RunnerHeightCm = upload.RunnerHeightCm,
            LegLengthCm = upload.LegLengthCm, TreadmillSpeedKmh = upload.TreadmillSpeedKmh, Status = CaptureStatus.Pending, UploadedBy = caller.UserId,
            UploadedAt = clock.GetUtcNow(),
        };
        db.Captures.Add(capture);
        audit.Stage(ResourceType, capture.Id.ToString(), patient.ClinicId, patient.PatientId, AuditAction.Create);
        await db.SaveChangesAsync(ct);
        queue.Enqueue(capture.Id);
        return new Outcome.Accepted(capture);
    }
}
