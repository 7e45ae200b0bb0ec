using System.Net.Mail;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using RehabPlatform.Contracts.Intake;

namespace RehabPlatform.Intake.Apis;

public static partial class PatientsApi
{
    public sealed record RegisterPatientRequest(Guid? ClinicId, string? GivenName, string? FamilyName, DateOnly? BirthDate, Sex? Sex,
        string? Email, string? Phone, string? PreferredLanguage, string? ExternalRecordNumber);

    public sealed record UpdatePatientRequest(string? GivenName, string? FamilyName, string? Email, string? Phone, string? PreferredLanguage, string? ExternalRecordNumber);

    public sealed record TransferPatientRequest(Guid? ToClinicId);

    /// <param name="PatientIds">Only these patients (a worklist's names); at most 100.</param>
    public sealed record SearchPatientsRequest(Guid? ClinicId, string? Search, IReadOnlyList<Guid>? PatientIds, int? Page, int? PageSize);

    /// <summary>A patient in a list, with where onboarding stands.</summary>
    public sealed record PatientSummary(PatientView Patient, OnboardingStatus Status, DateTimeOffset? LastIntakeAt);

    public sealed record PatientView(Guid Id, Guid ClinicId, string GivenName, string FamilyName, DateOnly BirthDate, Sex Sex,
        string? Email, string? Phone, string PreferredLanguage, string? ExternalRecordNumber, DateTimeOffset RegisteredAt, bool ReferredOut);

    private const string RegisterOperation = "register-patient";

    public static RouteGroupBuilder MapPatientsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/intake/patients").WithTags("Patients").RequireAuthorization(Policies.ClinicalStaff)
            .RequirePatientReach(PatientAccess.ResourceType);
        group.MapPost("/", RegisterAsync);
        group.MapGet("/", ListAsync);
        group.MapPost("/search", SearchAsync);
        group.MapGet("/{patientId:guid}", GetAsync);
        group.MapPut("/{patientId:guid}", UpdateAsync);
        group.MapPost("/{patientId:guid}/transfer", TransferAsync).WithMetadata(new PatientAuditAction(AuditAction.Transfer));
        return group;
    }

    private static async Task<IResult> RegisterAsync(
        RegisterPatientRequest request, [FromHeader(Name = IdempotentRequests.HeaderName)] string? idempotencyKey,
        IntakeDbContext db, CallerContext caller, AuditTrail audit, IdempotentRequests idempotency, IntakeTelemetry telemetry, TimeProvider clock, CancellationToken ct)
    {
        if (IdempotentRequests.ValidateKey(idempotencyKey) is { } keyErrors)
            return TypedResults.ValidationProblem(keyErrors);
        if (await idempotency.ReplayAsync(idempotencyKey, RegisterOperation, (id, c) => ReadForReplayAsync(db, audit, id, c), ct) is { } replay)
            return replay;

        var errors = Validate(request, clock);
        if (errors.Any)
            return errors.ToProblem();
        var clinicId = request.ClinicId!.Value;
        if (!await PatientAccess.CanUseClinicAsync(db, caller, clinicId, ct))
        {
            await audit.RecordAsync(PatientAccess.ResourceType, null, clinicId, null, AuditAction.Create, AuditOutcome.Denied, ct);
            return Problems.NotFound("Clinic");
        }

        var nameKey = Patient.NameKeyOf(request.GivenName!, request.FamilyName!);
        var emailKey = Patient.EmailKeyOf(request.Email);
        var decision = DuplicateDecision.For(await MatchesAsync(db, nameKey, request.BirthDate!.Value, emailKey, exceptPatientId: null, ct), caller.CanAccessClinic);
        if (decision is DuplicateDecision.UseExisting existing)
        {
            await audit.RecordAsync(PatientAccess.ResourceType, existing.PatientId.ToString(), clinicId, existing.PatientId, AuditAction.Create, AuditOutcome.Invalid, ct);
            return Problems.Conflict("Patient already registered",
                "A patient with the same name and birth date, or the same email, is registered at your clinics. Use the existing record.",
                new Dictionary<string, object?> { ["existingPatientId"] = existing.PatientId });
        }

        var patient = new Patient
        {
            Id = Guid.CreateVersion7(),
            ClinicId = clinicId,
            GivenName = request.GivenName!.Trim(),
            FamilyName = request.FamilyName!.Trim(),
            BirthDate = request.BirthDate!.Value,
            Sex = request.Sex!.Value,
            Email = request.Email?.Trim(),
            Phone = request.Phone?.Trim(),
            PreferredLanguage = request.PreferredLanguage!.Trim(),
            ExternalRecordNumber = request.ExternalRecordNumber?.Trim(),
            NameKey = nameKey,
            EmailKey = emailKey,
            RegisteredAt = clock.GetUtcNow(),
        };
        db.Patients.Add(patient);
        FlagPossibleDuplicates(db, audit, patient, decision, clock);
        db.AddEvent(new PatientRegistered { PatientId = patient.Id, ClinicId = clinicId, OccurredAt = patient.RegisteredAt });
        audit.Stage(PatientAccess.ResourceType, patient.Id.ToString(), clinicId, patient.Id, AuditAction.Create);
        var location = $"/api/intake/patients/{patient.Id}";
        var view = View(patient);
        idempotency.Remember(idempotencyKey, RegisterOperation, StatusCodes.Status201Created, patient.Id, location);
        if (await idempotency.SaveOrReplayAsync(idempotencyKey, RegisterOperation, (id, c) => ReadForReplayAsync(db, audit, id, c), ct) is { } concurrent)
            return concurrent;
        telemetry.PatientsRegistered.Add(1, MetricTags.Clinic(clinicId));
        return TypedResults.Created(location, view);
    }

    private static async Task<List<RegistrationMatch>> MatchesAsync(IntakeDbContext db, string? nameKey, DateOnly? birthDate, string? emailKey, Guid? exceptPatientId, CancellationToken ct)
    {
        var candidates = await db.Patients.AsNoTracking()
            .Where(p => p.Id != exceptPatientId && ((nameKey != null && p.NameKey == nameKey && p.BirthDate == birthDate) || (emailKey != null && p.EmailKey == emailKey)))
            .Select(p => new { p.Id, p.ClinicId, p.NameKey, p.BirthDate })
            .Take(20)
            .ToListAsync(ct);
        return candidates.Select(c => new RegistrationMatch(c.Id, c.ClinicId,
            c.NameKey == nameKey && c.BirthDate == birthDate ? DuplicateMatch.NameAndBirthDate : DuplicateMatch.Email)).ToList();
    }

    /// <summary>Records each match in another clinic for a chain admin's review, and that this request touched that patient.</summary>
    private static void FlagPossibleDuplicates(IntakeDbContext db, AuditTrail audit, Patient patient, DuplicateDecision decision, TimeProvider clock)
    {
        if (decision is not DuplicateDecision.RegisterAndFlag flagged)
            return;
        foreach (var match in flagged.Matches)
        {
            db.PossibleDuplicates.Add(new PossibleDuplicate
            {
                Id = Guid.CreateVersion7(), PatientId = patient.Id, ClinicId = patient.ClinicId, ExistingPatientId = match.PatientId,
                ExistingClinicId = match.ClinicId, Match = match.Match, DetectedAt = clock.GetUtcNow(),
            });
            audit.Stage(PatientAccess.ResourceType, match.PatientId.ToString(), match.ClinicId, match.PatientId, AuditAction.Read, AuditOutcome.Denied, AuditPurposes.PossibleDuplicate);
        }
    }

    /// <summary>The patient an earlier registration with the same key created, as the caller may see it now.</summary>
    private static async Task<PatientView?> ReadForReplayAsync(IntakeDbContext db, AuditTrail audit, Guid patientId, CancellationToken ct)
    {
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, ct);
        if (!await audit.CanReachPatientAsync(patient?.ClinicId, patientId, PatientAccess.ResourceType, AuditAction.Create, ct))
            return null;
        audit.Stage(PatientAccess.ResourceType, patientId.ToString(), patient!.ClinicId, patientId, AuditAction.Read, purpose: AuditPurposes.IdempotentReplay);
        return View(patient);
    }

    private static Task<Results<Ok<Page<PatientView>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        Guid? clinicId, string? search, int? page, int? pageSize, PatientDirectory directory, CallerContext caller, AuditTrail audit, IntakeDbContext db, CancellationToken ct) =>
        FindAsync(new SearchPatientsRequest(clinicId, search, null, page, pageSize), directory, caller, audit, db, found => View(found.Patient), ct);

    /// <summary>The list as a POST: what staff type into a search box never lands in a URL or an access log.</summary>
    private static Task<Results<Ok<Page<PatientSummary>>, ValidationProblem, ProblemHttpResult>> SearchAsync(
        SearchPatientsRequest request, PatientDirectory directory, CallerContext caller, AuditTrail audit, IntakeDbContext db, CancellationToken ct) =>
        FindAsync(request, directory, caller, audit, db, found => new PatientSummary(View(found.Patient), found.Status, found.LastIntakeAt), ct);

    private static async Task<Results<Ok<Page<T>>, ValidationProblem, ProblemHttpResult>> FindAsync<T>(
        SearchPatientsRequest request, PatientDirectory directory, CallerContext caller, AuditTrail audit, IntakeDbContext db, Func<PatientDirectory.Found, T> map, CancellationToken ct)
    {
        var errors = PageRequest.Validate(request.Page, request.PageSize) ?? new Dictionary<string, string[]>();
        if (request.Search is { Length: > 100 })
            errors["search"] = ["At most 100 characters."];
        if (request.PatientIds is { Count: > PatientIdsRequest.MaxIds })
            errors["patientIds"] = [$"At most {PatientIdsRequest.MaxIds} ids."];
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors);
        if (request.ClinicId is { } requested && !caller.CanAccessClinic(requested))
        {
            await audit.RecordAsync(PatientAccess.ResourceType, null, requested, null, AuditAction.List, AuditOutcome.Denied, ct);
            return Problems.NotFound("Clinic");
        }

        var page = PageRequest.From(request.Page, request.PageSize);
        var (patients, total) = await directory.FindAsync(new PatientDirectory.Query(request.ClinicId, request.Search, request.PatientIds, page), ct);
        ClinicWorklist.StageListed(audit, PatientAccess.ResourceType, request.ClinicId, patients.Select(f => (f.Patient.Id, f.Patient.ClinicId)), "list");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(page.Of(patients.Select(map), total));
    }

    private static async Task<Results<Ok<PatientView>, ProblemHttpResult>> GetAsync(
        Guid patientId, IntakeDbContext db, CallerContext caller, AuditTrail audit, PatientInScope scope, CancellationToken ct)
    {
        var patient = await db.Patients.FindInScopeAsync(scope, ct);
        await audit.RecordReadAsync(PatientAccess.ResourceType, patient.Id.ToString(), patient.ClinicId, patient.Id, ct: ct);
        return TypedResults.Ok(View(patient));
    }

    private static async Task<Results<Ok<PatientView>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid patientId, UpdatePatientRequest request, IntakeDbContext db, CallerContext caller, AuditTrail audit, TimeProvider clock, PatientInScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required(request.GivenName, "givenName", 100);
        errors.Required(request.FamilyName, "familyName", 100);
        errors.Required(request.PreferredLanguage, "preferredLanguage", 35);
        ValidateContact(errors, request.Email, request.Phone, request.PreferredLanguage, request.ExternalRecordNumber);
        if (errors.Any)
            return errors.ToProblem();
        var patient = await db.Patients.FindInScopeAsync(scope, ct);

        var emailKey = Patient.EmailKeyOf(request.Email);
        var emailDecision = emailKey is null || emailKey == patient.EmailKey ? new DuplicateDecision.None()
            : DuplicateDecision.For(await MatchesAsync(db, nameKey: null, birthDate: null, emailKey, exceptPatientId: patientId, ct), caller.CanAccessClinic);
        if (emailDecision is DuplicateDecision.UseExisting)
            return Problems.Conflict("Email in use", "Another patient at your clinics has this email.");
        FlagPossibleDuplicates(db, audit, patient, emailDecision, clock);

        patient.GivenName = request.GivenName!.Trim();
        patient.FamilyName = request.FamilyName!.Trim();
        patient.NameKey = Patient.NameKeyOf(patient.GivenName, patient.FamilyName);
        patient.Email = request.Email?.Trim();
        patient.EmailKey = emailKey;
        patient.Phone = request.Phone?.Trim();
        patient.PreferredLanguage = request.PreferredLanguage!.Trim();
        patient.ExternalRecordNumber = request.ExternalRecordNumber?.Trim();
        audit.Stage(PatientAccess.ResourceType, patient.Id.ToString(), patient.ClinicId, patient.Id, AuditAction.Update);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(patient));
    }

    private static async Task<IResult> TransferAsync(
        Guid patientId, TransferPatientRequest request, IntakeDbContext db, CallerContext caller, AuditTrail audit, PatientTransfers transfers, PatientInScope scope, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required(request.ToClinicId, "toClinicId");
        if (errors.Any)
            return errors.ToProblem();
        var patient = await db.Patients.FindInScopeAsync(scope, ct);
        return await transfers.TransferOrRequestAsync(patient, request.ToClinicId!.Value, ct) switch
        {
            PatientTransfers.Outcome.Moved moved => TypedResults.Ok(View(moved.Patient)),
            PatientTransfers.Outcome.Requested requested => TypedResults.Accepted($"/api/intake/transfer-requests/{requested.Request.Id}", TransferRequestsApi.View(requested.Request)),
            PatientTransfers.Outcome.AlreadyRequested already => Problems.Conflict("Transfer already requested",
                "A request to move this patient waits for the receiving clinic.", new Dictionary<string, object?> { ["transferRequestId"] = already.RequestId }),
            PatientTransfers.Outcome.SameClinic => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["toClinicId"] = ["The patient is already at this clinic."] }),
            _ => Problems.NotFound("Clinic"),
        };
    }

    private static FieldErrors Validate(RegisterPatientRequest request, TimeProvider clock)
    {
        var errors = new FieldErrors();
        errors.Required(request.ClinicId, "clinicId");
        errors.Required(request.GivenName, "givenName", 100);
        errors.Required(request.FamilyName, "familyName", 100);
        errors.Required(request.Sex, "sex");
        errors.Required(request.PreferredLanguage, "preferredLanguage", 35);
        if (errors.Required(request.BirthDate, "birthDate"))
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            if (request.BirthDate > today || request.BirthDate < new DateOnly(1900, 1, 1))
                errors.Add("birthDate", "Must be a past date after 1900-01-01.");
        }
        ValidateContact(errors, request.Email, request.Phone, request.PreferredLanguage, request.ExternalRecordNumber);
        return errors;
    }

    private static void ValidateContact(FieldErrors errors, string? email, string? phone, string? language, string? externalRecordNumber)
    {
        // A field sent but blank is a mistake, not "no email": leave it out (or null) for none.
        if (errors.MaxLength(email, "email", 254) && email is not null && (string.IsNullOrWhiteSpace(email) || !MailAddress.TryCreate(email.Trim(), out _)))
            errors.Add("email", "Not a valid email address.");
        if (errors.MaxLength(phone, "phone", 32) && phone is not null && !PhonePattern().IsMatch(phone.Trim()))
            errors.Add("phone", "Digits, spaces, dashes and an optional leading +.");
        if (!string.IsNullOrWhiteSpace(language) && !LanguagePattern().IsMatch(language.Trim()))
            errors.Add("preferredLanguage", "A BCP 47 language tag such as en or nl-NL.");
        errors.MaxLength(externalRecordNumber, "externalRecordNumber", 64);
    }

    private static PatientView View(Patient p) => new(p.Id, p.ClinicId, p.GivenName, p.FamilyName, p.BirthDate, p.Sex, p.Email, p.Phone,
        p.PreferredLanguage, p.ExternalRecordNumber, p.RegisteredAt, p.ReferredOut);

    [GeneratedRegex(@"^\+?[0-9][0-9 \-]{5,30}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguagePattern();
}
