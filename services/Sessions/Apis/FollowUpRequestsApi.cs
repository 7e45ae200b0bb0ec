using Microsoft.AspNetCore.Mvc;

namespace RehabPlatform.Sessions.Apis;

/// <summary>
/// Follow-up questionnaires a therapist sends to the patient's app: staff schedule and cancel them, the patient answers
/// one once it is due, and the answer is recorded as a self-reported follow-up outcome.
/// </summary>
public static class FollowUpRequestsApi
{
    /// <param name="DueFrom">From when the app asks; now when left out.</param>
    public sealed record ScheduleRequest(DateTimeOffset? DueFrom);

    public sealed record FollowUpRequestView(Guid Id, DateTimeOffset DueFrom, FollowUpRequestStatus Status, bool Due, DateTimeOffset RequestedAt,
        Guid? OutcomeId, DateTimeOffset? ClosedAt);

    private const string ResourceType = "follow-up-request";
    private const string AnswerOperation = "answer-follow-up";

    /// <summary>A date a moment in the past is the same as now (a form filled in a minute ago); older is a mistake.</summary>
    private static readonly TimeSpan PastTolerance = TimeSpan.FromDays(1);

    public static IEndpointRouteBuilder MapFollowUpRequestsApi(this IEndpointRouteBuilder app)
    {
        const string Prefix = "/api/sessions/patients/{patientId:guid}/follow-up-requests";
        var staff = app.MapGroup(Prefix).WithTags("Follow-up questionnaires").RequireAuthorization(Policies.ClinicalStaff).RequirePatientReach(ResourceType);
        staff.MapPost("/", ScheduleAsync);
        staff.MapPost("/{requestId:guid}/cancel", CancelAsync).WithMetadata(new PatientAuditAction(AuditAction.Update));

        var own = app.MapGroup(Prefix).WithTags("Follow-up questionnaires").RequireAuthorization(Policies.PatientOrStaff).RequirePatientReach(ResourceType);
        own.MapGet("/", ListAsync).WithMetadata(new PatientAuditAction(AuditAction.List));
        // Staff pass the reach check (another clinic's patient stays a 404) and are then refused: only the patient answers.
        own.MapPost("/{requestId:guid}/answer", AnswerAsync).WithMetadata(new PatientAuditAction(AuditAction.Create));
        return app;
    }

    private static async Task<Results<Created<FollowUpRequestView>, ValidationProblem, ProblemHttpResult>> ScheduleAsync(
        Guid patientId, ScheduleRequest request, SessionsDbContext db, CallerContext caller, AuditTrail audit, TimeProvider clock, PatientInScope scope,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = new FieldErrors();
        if (request.DueFrom < now - PastTolerance || request.DueFrom > now + FollowUpRequest.LongestLeadTime)
            errors.Add("dueFrom", $"From today up to {FollowUpRequest.LongestLeadTime.TotalDays:0} days ahead.");
        if (errors.Any)
            return errors.ToProblem();
        if (!await db.Baselines.AnyAsync(b => b.PatientId == patientId, ct))
            return OutcomesApi.NoBaseline();
        if (await db.FollowUpRequests.AnyAsync(r => r.PatientId == patientId && r.Status == FollowUpRequestStatus.Open, ct))
            return AlreadyOpen();

        var followUp = new FollowUpRequest
        {
            Id = Guid.CreateVersion7(), PatientId = patientId, ClinicId = scope.ClinicId, DueFrom = request.DueFrom ?? now, RequestedBy = caller.UserId,
            RequestedAt = now,
        };
        db.FollowUpRequests.Add(followUp);
        audit.Stage(ResourceType, followUp.Id.ToString(), scope.ClinicId, patientId, AuditAction.Create);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another schedule committed first: the unique index on open requests keeps it to one.
            return AlreadyOpen();
        }
        return TypedResults.Created($"/api/sessions/patients/{patientId}/follow-up-requests/{followUp.Id}", View(followUp, now));
    }

    private static async Task<Results<Ok<FollowUpRequestView>, ProblemHttpResult>> CancelAsync(
        Guid patientId, Guid requestId, SessionsDbContext db, AuditTrail audit, TimeProvider clock, PatientInScope scope, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (await db.FollowUpRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.PatientId == patientId, ct) is not { } followUp)
            return Problems.NotFound("Follow-up questionnaire");
        if (!followUp.TryCancel(now))
            return Problems.Conflict("Not open", "Only a questionnaire the patient has not answered can be cancelled.");
        audit.Stage(ResourceType, followUp.Id.ToString(), scope.ClinicId, patientId, AuditAction.Update);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(followUp, now));
    }

    private static async Task<Ok<IReadOnlyList<FollowUpRequestView>>> ListAsync(Guid patientId, SessionsDbContext db, AuditTrail audit, TimeProvider clock,
        PatientInScope scope, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var requests = await db.FollowUpRequests.AsNoTracking().Where(r => r.PatientId == patientId).ToListAsync(ct);
        audit.Stage(ResourceType, null, scope.ClinicId, patientId, AuditAction.List);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok<IReadOnlyList<FollowUpRequestView>>(requests.OrderByDescending(r => r.RequestedAt).Select(r => View(r, now)).ToList());
    }

    /// <summary>What answering needs besides the request, bundled so the handler's signature stays readable.</summary>
    public sealed record AnswerServices(SessionsDbContext Db, CallerContext Caller, AuditTrail Audit, IdempotentRequests Idempotency, FollowUpOutcomes Outcomes, SessionsTelemetry Telemetry,
        TimeProvider Clock);

    /// <summary>
    /// The patient's answer to a due questionnaire, recorded as a self-reported outcome; with an Idempotency-Key a phone
    /// that resends gets the outcome already stored.
    /// </summary>
    private static async Task<IResult> AnswerAsync(Guid patientId, Guid requestId, OutcomesApi.RecordOutcomeRequest request,
        [FromHeader(Name = IdempotentRequests.HeaderName)] string? idempotencyKey, [AsParameters] AnswerServices services, PatientInScope scope, CancellationToken ct)
    {
        if (!services.Caller.IsPatient)
        {
            await services.Audit.RecordAsync(FollowUpOutcomes.ResourceType, null, scope.ClinicId, patientId, AuditAction.Create, AuditOutcome.Denied, ct);
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only the patient answers",
                detail: "Staff record what a patient answers at a visit as a follow-up outcome (POST .../outcomes).");
        }
        if (IdempotentRequests.ValidateKey(idempotencyKey) is { } keyErrors)
            return TypedResults.ValidationProblem(keyErrors);
        var db = services.Db;
        var replayReader = IdempotentRequests.PatientRecordReader<FollowUpOutcome, OutcomesApi.OutcomeView>(db.Outcomes, services.Audit,
            FollowUpOutcomes.ResourceType, patientId, scope.ClinicId, OutcomesApi.View);
        if (await services.Idempotency.ReplayAsync(idempotencyKey, AnswerOperation, replayReader, ct) is { } replay)
            return replay;

        var errors = FollowUpOutcomes.Validate(request, out var akps);
        if (errors.Any || akps is null)
            return errors.ToProblem();
        var now = services.Clock.GetUtcNow();
        if (await db.FollowUpRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.PatientId == patientId, ct) is not { } followUp)
            return Problems.NotFound("Follow-up questionnaire");
        if (!followUp.IsDue(now))
            return NotOpen(followUp);
        if (await services.Outcomes.StageAsync(patientId, scope.ClinicId, request, akps, selfReported: true, ct) is not { } outcome)
            return OutcomesApi.NoBaseline();

        followUp.TryAnswer(outcome.Id, now);
        var location = $"/api/sessions/patients/{patientId}/outcomes/{outcome.Id}";
        services.Idempotency.Remember(idempotencyKey, AnswerOperation, StatusCodes.Status201Created, outcome.Id, location);
        try
        {
            if (await services.Idempotency.SaveOrReplayAsync(idempotencyKey, AnswerOperation, replayReader, ct) is { } concurrent)
                return concurrent;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Answered from another device (another key) in the meantime: the first answer stands.
            return Problems.Conflict("Already answered", "This questionnaire has been answered already.");
        }
        services.Telemetry.OutcomeRecorded(outcome);
        return TypedResults.Created(location, OutcomesApi.View(outcome));
    }

    private static ProblemHttpResult AlreadyOpen() =>
        Problems.Conflict("A questionnaire is already open", "The patient has a follow-up questionnaire they have not answered; cancel it to schedule another.");

    private static ProblemHttpResult NotOpen(FollowUpRequest followUp) => followUp.Status switch
    {
        FollowUpRequestStatus.Answered => Problems.Conflict("Already answered", "This questionnaire has been answered already."),
        FollowUpRequestStatus.Cancelled => Problems.Conflict("Withdrawn", "Your clinic withdrew this questionnaire."),
        _ => Problems.Conflict("Not open yet", "This questionnaire opens on the date your therapist chose."),
    };

    private static FollowUpRequestView View(FollowUpRequest r, DateTimeOffset now) =>
        new(r.Id, r.DueFrom, r.Status, r.IsDue(now), r.RequestedAt, r.OutcomeId, r.ClosedAt);
}
