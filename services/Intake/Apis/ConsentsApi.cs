using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using RehabPlatform.Contracts.Intake;
using RehabPlatform.Intake.Data;
using RehabPlatform.Intake.Model;
using RehabPlatform.Messaging.Outbox;
using RehabPlatform.ServiceDefaults.Audit;
using RehabPlatform.ServiceDefaults.Auth;
using RehabPlatform.ServiceDefaults.Http;

namespace RehabPlatform.Intake.Apis;

public static partial class ConsentsApi
{
    public sealed record RecordConsentRequest(ConsentScope? Scope, bool? Granted, string? Version);

    public sealed record ConsentView(ConsentScope Scope, bool Granted, string Version, DateTimeOffset RecordedAt, string RecordedBy);

    public sealed record ConsentsView(Guid PatientId, IReadOnlyList<ConsentView> Current, IReadOnlyList<ConsentView> History);

    private const string ResourceType = "consent";

    public static RouteGroupBuilder MapConsentsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/intake/patients/{patientId:guid}/consents").WithTags("Consents").RequireAuthorization(Policies.ClinicalStaff)
            .RequirePatientReach(ResourceType);
        group.MapPost("/", RecordAsync);
        group.MapGet("/", GetAsync);
        return group;
    }

    private static async Task<Results<Created<ConsentView>, ValidationProblem, ProblemHttpResult>> RecordAsync(
        Guid patientId, RecordConsentRequest request, IntakeDbContext db, CallerContext caller, AuditTrail audit, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required(request.Scope, "scope");
        errors.Required(request.Granted, "granted");
        if (errors.Required(request.Version, "version", 32) && !ConsentVersionPattern().IsMatch(request.Version.Trim()))
            errors.Add("version", "The consent form's version as YYYY-MM, optionally with a revision: 2026-01 or 2026-01.2.");
        if (errors.Any)
            return errors.ToProblem();
        if (await PatientAccess.FindAsync(db, caller, audit, patientId, ResourceType, AuditAction.Create, ct) is not { } patient)
            return Problems.NotFound("Patient");

        var record = new ConsentRecord
        {
            PatientId = patient.Id,
            ClinicId = patient.ClinicId,
            Scope = request.Scope!.Value,
            Granted = request.Granted!.Value,
            Version = request.Version!.Trim(),
            RecordedAt = clock.GetUtcNow(),
            RecordedBy = caller.UserId,
        };
        db.Consents.Add(record);
        db.AddEvent(new ConsentChanged
        {
            PatientId = patient.Id,
            ClinicId = patient.ClinicId,
            Scope = record.Scope,
            Granted = record.Granted,
            ConsentVersion = record.Version,
            OccurredAt = record.RecordedAt,
        });
        audit.Stage(ResourceType, patient.Id.ToString(), patient.ClinicId, patient.Id, AuditAction.Create, purpose: record.Scope.ToString());
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/intake/patients/{patient.Id}/consents", View(record));
    }

    private static async Task<Results<Ok<ConsentsView>, ProblemHttpResult>> GetAsync(
        Guid patientId, IntakeDbContext db, CallerContext caller, AuditTrail audit, CancellationToken ct)
    {
        if (await PatientAccess.FindAsync(db, caller, audit, patientId, ResourceType, AuditAction.Read, ct) is not { } patient)
            return Problems.NotFound("Patient");
        var history = await db.Consents.AsNoTracking().Where(c => c.PatientId == patientId).OrderByDescending(c => c.Id).ToListAsync(ct);
        var current = history.GroupBy(c => c.Scope).Select(g => View(g.First())).OrderBy(c => c.Scope).ToList();
        audit.Stage(ResourceType, patient.Id.ToString(), patient.ClinicId, patient.Id, AuditAction.Read);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new ConsentsView(patientId, current, history.Select(View).ToList()));
    }

    private static ConsentView View(ConsentRecord c) => new(c.Scope, c.Granted, c.Version, c.RecordedAt, c.RecordedBy);

    /// <summary>Whether the newest decision the patient made for this scope is a grant.</summary>
    public static async Task<bool> IsGrantedAsync(IntakeDbContext db, Guid patientId, ConsentScope scope, CancellationToken ct) =>
        // Ordered in memory: SQLite cannot order DateTimeOffset, and a patient has a handful of consent records.
        (await db.Consents.AsNoTracking().Where(c => c.PatientId == patientId && c.Scope == scope).Select(c => new { c.Granted, c.RecordedAt, c.Id }).ToListAsync(ct))
            .OrderBy(c => c.RecordedAt).ThenBy(c => c.Id).LastOrDefault()?.Granted == true;

    [System.Text.RegularExpressions.GeneratedRegex(@"^20[0-9]{2}-(0[1-9]|1[0-2])(\.[0-9]{1,3})?$")]
    private static partial System.Text.RegularExpressions.Regex ConsentVersionPattern();
}
