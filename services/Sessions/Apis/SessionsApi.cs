using Microsoft.AspNetCore.Mvc;
using RehabPlatform.Clinical;
using RehabPlatform.Contracts.Sessions;
using PainContext = RehabPlatform.Sessions.Model.PainContext;
using SessionSetting = RehabPlatform.Sessions.Model.SessionSetting;

namespace RehabPlatform.Sessions.Apis;

public static class SessionsApi
{
    public sealed record ExerciseDoneRequest(string? ExerciseCode, int? SetsDone, int? RepsDone, int? HoldSecondsDone, bool? Extra);

    public sealed record LogSessionRequest(SessionSetting? Setting, DateTimeOffset? PerformedAt, int? PainBefore, int? PainDuring, int? PainAfter,
        int? MinutesToSettle, int? Rpe, string? Notes, ExerciseDoneRequest[]? Exercises);

    public sealed record SessionView(Guid Id, Guid PatientId, Guid ProgramId, int ProgramVersion, SessionSetting Setting, DateTimeOffset PerformedAt,
        int PainBefore, int PainDuring, int PainAfter, int? MinutesToSettle, int? Rpe, string? Notes, IReadOnlyList<ExerciseDone> Exercises);

    public sealed record ReportPainRequest(PainContext? Context, int? Pain, Guid? SessionId, bool? WorseThanBaseline, int? FlareHours,
        int? RunMinutes, decimal? RunDistanceKm, DateTimeOffset? ReportedAt);

    public sealed record PainReportView(Guid Id, PainContext Context, int Pain, Guid? SessionId, bool? WorseThanBaseline, int? FlareHours,
        int? RunMinutes, decimal? RunDistanceKm, DateTimeOffset ReportedAt);

    internal const string SessionResource = "session";
    private const string PainResource = "pain-report";
    internal const string LogOperation = "log-session";
    private const string ReportPainOperation = "report-pain";

    /// <summary>How far back a session or a pain report may be logged: a paper diary brought to the next visit, not an old record.</summary>
    private static readonly TimeSpan BackdatingLimit = TimeSpan.FromDays(60);

    public static RouteGroupBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        // Patients log their own home sessions and pain from the app, as staff do for them.
        var group = app.MapGroup("/api/sessions/patients/{patientId:guid}").WithTags("Sessions").RequireAuthorization(Policies.PatientOrStaff)
            .RequirePatientReach(SessionResource);
        group.MapPost("/sessions", LogAsync);
        group.MapGet("/sessions", ListAsync).WithMetadata(new PatientAuditAction(AuditAction.List));
        group.MapPost("/pain-reports", ReportPainAsync);
        return group;
    }

    /// <summary>What logging a session needs besides the request, bundled so the handler's signature stays readable.</summary>
    public sealed record LogServices(SessionsDbContext Db, CallerContext Caller, AuditTrail Audit, IdempotentRequests Idempotency, SessionLog Log);

    private static async Task<IResult> LogAsync(Guid patientId, LogSessionRequest request, [FromHeader(Name = IdempotentRequests.HeaderName)] string? idempotencyKey,
        [AsParameters] LogServices services, PatientInScope scope, CancellationToken ct)
    {
        if (IdempotentRequests.ValidateKey(idempotencyKey) is { } keyErrors)
            return TypedResults.ValidationProblem(keyErrors);
        var clinicId = scope.ClinicId;
        if (await services.Idempotency.ReplayAsync(idempotencyKey, LogOperation, ReplayReader(services.Db, services.Audit, patientId, clinicId), ct) is { } replay)
            return replay;
        return await services.Log.LogAsync(patientId, clinicId, request, idempotencyKey, ct) switch
        {
            SessionLog.Outcome.Logged logged => TypedResults.Created($"/api/sessions/patients/{patientId}/sessions/{logged.Session.Id}", View(logged.Session)),
            SessionLog.Outcome.Invalid invalid => invalid.Errors.ToProblem(),
            SessionLog.Outcome.Retried retried => retried.Answer,
            _ => Problems.Conflict("No active program", "Sessions are logged against the patient's current prescription; none is active."),
        };
    }

    /// <summary>The session an earlier request with the same key logged, for this patient only.</summary>
    internal static Func<Guid, CancellationToken, Task<SessionView?>> ReplayReader(SessionsDbContext db, AuditTrail audit, Guid patientId, Guid clinicId) =>
        IdempotentRequests.PatientRecordReader<TreatmentSession, SessionView>(db.Sessions, audit, SessionResource, patientId, clinicId, View);

    private static async Task<Results<Ok<IReadOnlyList<SessionView>>, ProblemHttpResult>> ListAsync(
        Guid patientId, SessionsDbContext db, CallerContext caller, AuditTrail audit, PatientInScope scope, CancellationToken ct)
    {
        var clinicId = scope.ClinicId;
        var sessions = (await db.Sessions.AsNoTracking().Where(s => s.PatientId == patientId).OrderByDescending(s => s.PerformedAt).ToListAsync(ct)).Select(View).ToList();
        audit.Stage(SessionResource, null, clinicId, patientId, AuditAction.List);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok<IReadOnlyList<SessionView>>(sessions);
    }

    /// <summary>A pain report; with an Idempotency-Key (a phone that resends), a repeat answers with the report already stored.</summary>
    private static async Task<IResult> ReportPainAsync(Guid patientId, ReportPainRequest request, [FromHeader(Name = IdempotentRequests.HeaderName)] string? idempotencyKey,
        SessionsDbContext db, AuditTrail audit, IdempotentRequests idempotency, TimeProvider clock, PatientInScope scope, CancellationToken ct)
    {
        if (IdempotentRequests.ValidateKey(idempotencyKey) is { } keyErrors)
            return TypedResults.ValidationProblem(keyErrors);
        var replayReader = IdempotentRequests.PatientRecordReader<PainReport, PainReportView>(db.PainReports, audit, PainResource, patientId, scope.ClinicId, View);
        if (await idempotency.ReplayAsync(idempotencyKey, ReportPainOperation, replayReader, ct) is { } replay)
            return replay;
        var now = clock.GetUtcNow();
        var errors = new FieldErrors();
        errors.Required(request.Context, "context");
        if (errors.Required(request.Pain, "pain"))
            errors.Range(request.Pain, "pain", Nprs.Min, Nprs.Max);
        errors.Range(request.FlareHours, "flareHours", 0, 24 * 14);
        errors.Range(request.RunMinutes, "runMinutes", 0, 600);
        errors.Range(request.RunDistanceKm, "runDistanceKm", 0m, 300m);
        if (request.ReportedAt > now.AddMinutes(5) || request.ReportedAt < now - BackdatingLimit)
            errors.Add("reportedAt", $"Between {BackdatingLimit.TotalDays:0} days ago and now.");
        var clinicId = scope.ClinicId;
        if (request.SessionId is { } sessionId && !await db.Sessions.AnyAsync(s => s.Id == sessionId && s.PatientId == patientId, ct))
            errors.Add("sessionId", "Not a session of this patient.");
        if (errors.Any)
            return errors.ToProblem();

        var report = new PainReport
        {
            Id = Guid.CreateVersion7(), PatientId = patientId, ClinicId = clinicId, SessionId = request.SessionId, Context = request.Context!.Value,
            Pain = request.Pain!.Value, WorseThanBaseline = request.WorseThanBaseline, FlareHours = request.FlareHours, RunMinutes = request.RunMinutes,
            RunDistanceKm = request.RunDistanceKm, ReportedAt = request.ReportedAt ?? now,
        };
        db.PainReports.Add(report);
        db.AddEvent(new PainReported
        {
            ReportId = report.Id, PatientId = patientId, ClinicId = clinicId, SessionId = report.SessionId, Context = report.Context.ToContract(), Pain = report.Pain,
            WorseThanBaseline = report.WorseThanBaseline, FlareHours = report.FlareHours, RunMinutes = report.RunMinutes, RunDistanceKm = report.RunDistanceKm,
            ReportedAt = report.ReportedAt, OccurredAt = now,
        });
        audit.Stage(PainResource, report.Id.ToString(), clinicId, patientId, AuditAction.Create);
        idempotency.Remember(idempotencyKey, ReportPainOperation, StatusCodes.Status201Created, report.Id, $"/api/sessions/patients/{patientId}/pain-reports/{report.Id}");
        if (await idempotency.SaveOrReplayAsync(idempotencyKey, ReportPainOperation, replayReader, ct) is { } concurrent)
            return concurrent;
        return TypedResults.Created($"/api/sessions/patients/{patientId}/pain-reports/{report.Id}", View(report));
    }

    internal static FieldErrors Validate(LogSessionRequest request, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        errors.Required(request.Setting, "setting");
        if (errors.Required(request.PerformedAt, "performedAt") && (request.PerformedAt > now.AddMinutes(5) || request.PerformedAt < now - BackdatingLimit))
            errors.Add("performedAt", "Within the last 60 days and not in the future.");
        foreach (var (value, field) in new[] { (request.PainBefore, "painBefore"), (request.PainDuring, "painDuring"), (request.PainAfter, "painAfter") })
        {
            if (errors.Required(value, field))
                errors.Range(value, field, Nprs.Min, Nprs.Max);
        }
        errors.Range(request.MinutesToSettle, "minutesToSettle", 0, 24 * 60);
        errors.Range(request.Rpe, "rpe", 0, 10);
        errors.MaxLength(request.Notes, "notes", 2000);
        if (errors.Required(request.Exercises, "exercises"))
        {
            if (request.Exercises.Length is 0 or > 50)
                errors.Add("exercises", "Between 1 and 50 exercises.");
            for (var i = 0; i < request.Exercises.Length; i++)
            {
                var e = request.Exercises[i];
                errors.Required(e.ExerciseCode, $"exercises[{i}].exerciseCode", 64);
                if (errors.Required(e.SetsDone, $"exercises[{i}].setsDone"))
                    errors.Range(e.SetsDone, $"exercises[{i}].setsDone", 0, 50);
                errors.Range(e.RepsDone, $"exercises[{i}].repsDone", 0, 500);
                errors.Range(e.HoldSecondsDone, $"exercises[{i}].holdSecondsDone", 0, 7200);
            }
        }
        return errors;
    }

    public static SessionView View(TreatmentSession s) => new(s.Id, s.PatientId, s.ProgramId, s.ProgramVersion, s.Setting, s.PerformedAt, s.PainBefore, s.PainDuring,
        s.PainAfter, s.MinutesToSettle, s.Rpe, s.Notes, s.Exercises);

    public static PainReportView View(PainReport r) => new(r.Id, r.Context, r.Pain, r.SessionId, r.WorseThanBaseline, r.FlareHours, r.RunMinutes, r.RunDistanceKm, r.ReportedAt);
}
