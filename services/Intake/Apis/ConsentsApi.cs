using RehabPlatform.Contracts.Intake;
using ConsentScope = RehabPlatform.Intake.Model.ConsentScope;

namespace RehabPlatform.Intake.Apis;

public static partial class ConsentsApi
{
    public sealed record RecordConsentRequest(ConsentScope? Scope, bool? Granted, string? Version);

    public sealed record ConsentView(ConsentScope Scope, bool Granted, string Version, DateTimeOffset RecordedAt, string RecordedBy);

    public sealed record ConsentsView(Guid PatientId, IReadOnlyList<ConsentView> Current, IReadOnlyList<ConsentView> History);

    private const string ResourceType = "consent";

    public static RouteGroupBuilder MapConsentsApi(this IEndpointRouteBuilder app)
    {
        // Patients see their own consents and may withdraw one; a consent is given at the clinic, on the signed form.
        var group = app.MapGroup("/api/intake/patients/{patientId:guid}/consents").WithTags("Consents").RequireAuthorization(Policies.PatientOrStaff)
            .RequirePatientReach(ResourceType);
        group.MapPost("/", RecordAsync);
        group.MapGet("/", GetAsync);
        return group;
    }

    private static async Task<Results<Created<ConsentView>, ValidationProblem, ProblemHttpResult>> RecordAsync(
        Guid patientId, RecordConsentRequest request, IntakeDbContext db, CallerContext caller, AuditTrail audit, TimeProvider clock, PatientInScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required(request.Scope, "scope");
        errors.Required(request.Granted, "granted");
        if (errors.Required(request.Version, "version", 32) && !ConsentVersionPattern().IsMatch(request.Version.Trim()))
            errors.Add("version", "The consent form's version as YYYY-MM, optionally with a revision: 2026-01 or 2026-01.2.");
        if (caller.IsPatient && request.Granted == true)
            errors.Add("granted", "A consent is given at your clinic, on the signed form; here you can withdraw one.");
        if (errors.Any)
            return errors.ToProblem();
        var patient = await db.Patients.FindInScopeAsync(scope, ct);

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
            Scope = record.Scope.ToContract(),
            Granted = record.Granted,
            ConsentVersion = record.Version,
            OccurredAt = record.RecordedAt,
        });
        audit.Stage(ResourceType, patient.Id.ToString(), patient.ClinicId, patient.Id, AuditAction.Create, purpose: record.Scope.ToString());
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/intake/patients/{patient.Id}/consents", View(record));
    }

    private static async Task<Results<Ok<ConsentsView>, ProblemHttpResult>> GetAsync(
        Guid patientId, IntakeDbContext db, CallerContext caller, AuditTrail audit, PatientInScope scope, CancellationToken ct)
    {
        var patient = await db.Patients.FindInScopeAsync(scope, ct);
        var history = await db.Consents.AsNoTracking().Where(c => c.PatientId == patientId).OrderByDescending(c => c.Id).ToListAsync(ct);
        var current = history.GroupBy(c => c.Scope).Select(g => View(g.First())).OrderBy(c => c.Scope).ToList();
        await audit.RecordReadAsync(ResourceType, patient.Id.ToString(), patient.ClinicId, patient.Id, ct: ct);
        return TypedResults.Ok(new ConsentsView(patientId, current, history.Select(View).ToList()));
    }

    private static ConsentView View(ConsentRecord c) => new(c.Scope, c.Granted, c.Version, c.RecordedAt, c.RecordedBy);

    /// <summary>Whether the newest decision the patient made for this scope is a grant.</summary>
    public static async Task<bool> IsGrantedAsync(IntakeDbContext db, Guid patientId, ConsentScope scope, CancellationToken ct) =>
        await db.Consents.AsNoTracking().Where(c => c.PatientId == patientId && c.Scope == scope)
            .OrderByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id).Select(c => c.Granted).FirstOrDefaultAsync(ct);

    [System.Text.RegularExpressions.GeneratedRegex(@"^20[0-9]{2}-(0[1-9]|1[0-2])(\.[0-9]{1,3})?$")]
    private static partial System.Text.RegularExpressions.Regex ConsentVersionPattern();
}
