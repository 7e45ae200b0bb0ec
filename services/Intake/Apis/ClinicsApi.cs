using RehabPlatform.Contracts.Intake;

namespace RehabPlatform.Intake.Apis;

public static class ClinicsApi
{
    /// <param name="Id">Optional, for chains that bring their own location ids.</param>
    public sealed record OpenClinicRequest(Guid? Id, string? Name, string? Region, string? TimeZone);

    public sealed record ClinicView(Guid Id, string Name, string Region, string TimeZone, DateTimeOffset OpenedAt);

    public static RouteGroupBuilder MapClinicsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/intake/clinics").WithTags("Clinics");
        group.MapPost("/", OpenAsync).RequireAuthorization(Policies.ChainAdmin);
        // The chain's locations and their time zones, as its website lists them: patients' app shows times in their clinic's zone.
        group.MapGet("/", ListAsync);
        return group;
    }

    private static async Task<Results<Created<ClinicView>, ValidationProblem, ProblemHttpResult>> OpenAsync(
        OpenClinicRequest request, IntakeDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required(request.Name, "name", 200);
        errors.Required(request.Region, "region", 100);
        if (errors.Required(request.TimeZone, "timeZone", 64) && !TimeZoneInfo.TryFindSystemTimeZoneById(request.TimeZone!, out _))
            errors.Add("timeZone", "Not a known IANA time zone (for example Europe/Amsterdam).");
        if (request.Id == Guid.Empty)
            errors.Add("id", "Must not be the empty id.");
        if (errors.Any)
            return errors.ToProblem();

        var name = request.Name!.Trim();
        if (await db.Clinics.AnyAsync(c => c.Name == name || c.Id == request.Id, ct))
            return ClinicExists();

        var clinic = new Clinic { Id = request.Id ?? Guid.NewGuid(), Name = name, Region = request.Region!.Trim(), TimeZone = request.TimeZone!, OpenedAt = clock.GetUtcNow() };
        db.Clinics.Add(clinic);
        db.AddEvent(new ClinicOpened { ClinicId = clinic.Id, Region = clinic.Region, TimeZone = clinic.TimeZone, OccurredAt = clinic.OpenedAt });
        if (!await db.TrySaveUniqueAsync(ct))
            return ClinicExists();
        return TypedResults.Created($"/api/intake/clinics/{clinic.Id}", View(clinic));
    }

    private static ProblemHttpResult ClinicExists() => Problems.Conflict("Clinic exists", "A clinic with this name or id is already open.");

    private static async Task<Results<Ok<Page<ClinicView>>, ValidationProblem>> ListAsync(IntakeDbContext db, int? page, int? pageSize, CancellationToken ct)
    {
        if (!PageRequest.TryFrom(page, pageSize, out var request, out var errors))
            return TypedResults.ValidationProblem(errors);
        var (clinics, total) = await db.Clinics.AsNoTracking().OrderBy(c => c.Name).ThenBy(c => c.Id).ReadPageAsync(request, ct);
        return TypedResults.Ok(request.Of(clinics.Select(View), total));
    }

    private static ClinicView View(Clinic c) => new(c.Id, c.Name, c.Region, c.TimeZone, c.OpenedAt);
}
