using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using RehabPlatform.Contracts.Programs;
using RehabPlatform.Messaging.Outbox;
using RehabPlatform.Programs.Data;
using RehabPlatform.Programs.Model;
using RehabPlatform.Programs.Planning;
using RehabPlatform.ServiceDefaults.Auth;
using RehabPlatform.ServiceDefaults.Http;

namespace RehabPlatform.Programs.Apis;

public static class TemplatesApi
{
    public sealed record TemplateExerciseRequest(string? ExerciseCode, int? Sets, int? Reps, int? HoldSeconds);

    public sealed record TemplatePhaseRequest(int? Phase, TemplateExerciseRequest[]? Exercises);

    public sealed record TemplateRequest(Guid? AuthorClinicId, string? Name, string? Description, TemplateVisibility? Visibility, string[]? Tags,
        int? SessionsPerWeek, TemplatePhaseRequest[]? Phases, ProgressionSettings? Settings);

    public sealed record ForkRequest(Guid? AuthorClinicId, string? Name);

    public sealed record TemplateView(Guid TemplateId, int Version, string Name, string Description, Guid AuthorClinicId, TemplateVisibility Visibility,
        TemplateStatus Status, IReadOnlyList<string> Tags, int SessionsPerWeek, IReadOnlyList<TemplatePhase> Phases, ProgressionSettings Settings,
        Guid? ForkedFromTemplateId, int? ForkedFromVersion, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt);

    public static RouteGroupBuilder MapTemplatesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/programs/templates").WithTags("Templates").RequireAuthorization(Policies.ClinicalStaff);
        group.MapPost("/", CreateAsync);
        group.MapGet("/", SearchAsync);
        group.MapGet("/{templateId:guid}", GetLatestAsync);
        group.MapGet("/{templateId:guid}/versions/{version:int}", GetVersionAsync);
        group.MapPut("/{templateId:guid}", EditAsync);
        group.MapPost("/{templateId:guid}/publish", PublishAsync);
        group.MapPost("/{templateId:guid}/fork", ForkAsync);
        return group;
    }

    /// <summary>Chain: everyone; Clinic: staff of the author's clinic; Private: the author. Drafts: the author only.</summary>
    public static bool CanSee(ProgramTemplateVersion t, CallerContext caller) =>
        (t.Status == TemplateStatus.Published || t.AuthorUserId == caller.UserId) && t.Visibility switch
        {
            TemplateVisibility.Chain => true,
            TemplateVisibility.Clinic => caller.ClinicIds.Contains(t.AuthorClinicId) || t.AuthorUserId == caller.UserId,
            _ => t.AuthorUserId == caller.UserId,
        };

    private static async Task<Results<Created<TemplateView>, ValidationProblem>> CreateAsync(
        TemplateRequest request, ProgramsDbContext db, CallerContext caller, TimeProvider clock, CancellationToken ct)
    {
        var errors = await ValidateAsync(request, db, caller, ct);
        if (errors.Any)
            return errors.ToProblem();
        var template = NewVersion(Guid.CreateVersion7(), 1, request, caller, clock, null, null);
        db.Templates.Add(template);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/programs/templates/{template.TemplateId}", View(template));
    }

    private static async Task<Results<Ok<Page<TemplateView>>, ValidationProblem>> SearchAsync(
        ProgramsDbContext db, CallerContext caller, string? tag, int? phase, string? visibility, int? page, int? pageSize, CancellationToken ct)
    {
        TemplateVisibility? wanted = null;
        if (visibility is not null)
        {
            if (!KebabEnum.TryParse<TemplateVisibility>(visibility, out var parsed))
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["visibility"] = ["One of: " + KebabEnum.Allowed<TemplateVisibility>() + "."] });
            wanted = parsed;
        }
        if (PageRequest.Validate(page, pageSize) is { } pageErrors)
            return TypedResults.ValidationProblem(pageErrors);
        if (phase is < 1 or > 4)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["phase"] = ["Between 1 and 4."] });
        var published = await db.Templates.AsNoTracking().Where(t => t.Status == TemplateStatus.Published).ToListAsync(ct);
        var matches = published
            .GroupBy(t => t.TemplateId).Select(g => g.MaxBy(t => t.Version)!)
            .Where(t => CanSee(t, caller))
            .Where(t => wanted is null || t.Visibility == wanted)
            .Where(t => tag is null || ProgramPlanner.Tags(t).Contains(tag, StringComparer.OrdinalIgnoreCase))
            .Where(t => phase is null || ProgramPlanner.Phases(t).Any(p => p.Phase == phase && p.Exercises.Count > 0))
            .OrderBy(t => t.Name).ThenBy(t => t.TemplateId)
            .ToList();
        var request = PageRequest.From(page, pageSize);
        return TypedResults.Ok(new Page<TemplateView>(matches.Skip(request.Skip).Take(request.Size).Select(View).ToList(), request.Number, request.Size, matches.Count));
    }

    private static async Task<Results<Ok<TemplateView>, ProblemHttpResult>> GetLatestAsync(Guid templateId, ProgramsDbContext db, CallerContext caller, CancellationToken ct) =>
        await LatestVisibleAsync(db, caller, templateId, ct) is { } template ? TypedResults.Ok(View(template)) : Problems.NotFound("Template");

    private static async Task<Results<Ok<TemplateView>, ProblemHttpResult>> GetVersionAsync(Guid templateId, int version, ProgramsDbContext db, CallerContext caller, CancellationToken ct)
    {
        var template = await db.Templates.AsNoTracking().SingleOrDefaultAsync(t => t.TemplateId == templateId && t.Version == version, ct);
        return template is not null && CanSee(template, caller) ? TypedResults.Ok(View(template)) : Problems.NotFound("Template");
    }

    /// <summary>Editing a published version makes the next draft version; a draft is edited in place.</summary>
    private static async Task<Results<Ok<TemplateView>, Created<TemplateView>, ValidationProblem, ProblemHttpResult>> EditAsync(
        Guid templateId, TemplateRequest request, ProgramsDbContext db, CallerContext caller, TimeProvider clock, CancellationToken ct)
    {
        var latest = await LatestVisibleAsync(db, caller, templateId, ct);
        if (latest is null)
            return Problems.NotFound("Template");
        if (latest.AuthorUserId != caller.UserId)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only the author edits a template", detail: "Fork it to make your own.");
        var errors = await ValidateAsync(request with { AuthorClinicId = latest.AuthorClinicId }, db, caller, ct);
        if (errors.Any)
            return errors.ToProblem();

        if (latest.Status == TemplateStatus.Published)
        {
            var draft = NewVersion(templateId, latest.Version + 1, request with { AuthorClinicId = latest.AuthorClinicId }, caller, clock, latest.ForkedFromTemplateId, latest.ForkedFromVersion);
            db.Templates.Add(draft);
            await db.SaveChangesAsync(ct);
            return TypedResults.Created($"/api/programs/templates/{templateId}/versions/{draft.Version}", View(draft));
        }
        Fill(latest, request);
        db.Templates.Update(latest);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(latest));
    }

    private static async Task<Results<Ok<TemplateView>, ProblemHttpResult>> PublishAsync(
        Guid templateId, ProgramsDbContext db, CallerContext caller, TimeProvider clock, CancellationToken ct)
    {
        var latest = await db.Templates.Where(t => t.TemplateId == templateId).OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct);
        if (latest is null || !CanSee(latest, caller))
            return Problems.NotFound("Template");
        if (latest.AuthorUserId != caller.UserId)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only the author publishes a template");
        if (latest.Status == TemplateStatus.Published)
            return Problems.Conflict("Already published", $"Version {latest.Version} is published; edit it to make a new draft.");

        latest.Status = TemplateStatus.Published;
        latest.PublishedAt = clock.GetUtcNow();
        db.AddEvent(new ProgramTemplatePublished
        {
            TemplateId = latest.TemplateId,
            Version = latest.Version,
            AuthorClinicId = latest.AuthorClinicId,
            Visibility = latest.Visibility,
            Tags = ProgramPlanner.Tags(latest),
            OccurredAt = latest.PublishedAt.Value,
        });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(latest));
    }

    private static async Task<Results<Created<TemplateView>, ValidationProblem, ProblemHttpResult>> ForkAsync(
        Guid templateId, ForkRequest request, ProgramsDbContext db, CallerContext caller, TimeProvider clock, CancellationToken ct)
    {
        var source = (await db.Templates.AsNoTracking().Where(t => t.TemplateId == templateId && t.Status == TemplateStatus.Published).ToListAsync(ct))
            .OrderByDescending(t => t.Version).FirstOrDefault(t => CanSee(t, caller));
        if (source is null)
            return Problems.NotFound("Template");
        var clinic = request.AuthorClinicId ?? caller.ClinicIds.FirstOrDefault();
        if (!caller.ClinicIds.Contains(clinic))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["authorClinicId"] = ["A clinic you work at."] });
        if (request.Name is { Length: > 200 })
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["At most 200 characters."] });

        var fork = new ProgramTemplateVersion
        {
            TemplateId = Guid.CreateVersion7(),
            Version = 1,
            Name = string.IsNullOrWhiteSpace(request.Name) ? source.Name + " (fork)" : request.Name.Trim(),
            Description = source.Description,
            AuthorUserId = caller.UserId,
            AuthorClinicId = clinic,
            Visibility = TemplateVisibility.Private,
            Status = TemplateStatus.Draft,
            Tags = source.Tags.Replace("default", "", StringComparison.Ordinal).Trim(',').Replace(",,", ",", StringComparison.Ordinal),
            SessionsPerWeek = source.SessionsPerWeek,
            PhasesJson = source.PhasesJson,
            SettingsJson = source.SettingsJson,
            ForkedFromTemplateId = source.TemplateId,
            ForkedFromVersion = source.Version,
            CreatedAt = clock.GetUtcNow(),
        };
        db.Templates.Add(fork);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/programs/templates/{fork.TemplateId}", View(fork));
    }

    private static async Task<ProgramTemplateVersion?> LatestVisibleAsync(ProgramsDbContext db, CallerContext caller, Guid templateId, CancellationToken ct) =>
        (await db.Templates.Where(t => t.TemplateId == templateId).ToListAsync(ct))
            .OrderByDescending(t => t.Version).FirstOrDefault(t => CanSee(t, caller));

    private static async Task<FieldErrors> ValidateAsync(TemplateRequest request, ProgramsDbContext db, CallerContext caller, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (errors.Required(request.AuthorClinicId, "authorClinicId") && !caller.ClinicIds.Contains(request.AuthorClinicId.Value))
            errors.Add("authorClinicId", "A clinic you work at.");
        errors.Required(request.Name, "name", 200);
        errors.MaxLength(request.Description, "description", 2000);
        errors.Required(request.Visibility, "visibility");
        if (errors.Required(request.SessionsPerWeek, "sessionsPerWeek"))
            errors.Range(request.SessionsPerWeek, "sessionsPerWeek", 1, 14);
        if (request.Tags is { } tags && (tags.Length > 20 || tags.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > 40 || t.Contains(','))))
            errors.Add("tags", "Up to 20 tags of at most 40 characters, without commas.");
        foreach (var (field, message) in request.Settings?.Validate() ?? [])
            errors.Add("settings." + field, message);

        if (errors.Required(request.Phases, "phases"))
        {
            var numbers = request.Phases.Select(p => p.Phase).ToList();
            if (!numbers.Order().SequenceEqual(new int?[] { 1, 2, 3, 4 }))
                errors.Add("phases", "Give phases 1, 2, 3 and 4, once each.");
            var clinics = caller.ClinicIds.ToList();
            var known = await db.Exercises.Where(e => e.ClinicId == null || clinics.Contains(e.ClinicId.Value)).Select(e => e.Code).ToListAsync(ct);
            for (var p = 0; p < request.Phases.Length; p++)
            {
                var exercises = request.Phases[p].Exercises;
                if (exercises is null || exercises.Length == 0)
                {
                    errors.Add($"phases[{p}].exercises", "At least one exercise.");
                    continue;
                }
                for (var e = 0; e < exercises.Length; e++)
                {
                    var path = $"phases[{p}].exercises[{e}]";
                    if (errors.Required(exercises[e].ExerciseCode, path + ".exerciseCode", 64) && !known.Contains(exercises[e].ExerciseCode!))
                        errors.Add(path + ".exerciseCode", "Not in the exercise library.");
                    if (errors.Required(exercises[e].Sets, path + ".sets"))
                        errors.Range(exercises[e].Sets, path + ".sets", 1, 20);
                    errors.Range(exercises[e].Reps, path + ".reps", 1, 200);
                    errors.Range(exercises[e].HoldSeconds, path + ".holdSeconds", 1, 3600);
                    if (exercises[e].Reps is null && exercises[e].HoldSeconds is null)
                        errors.Add(path + ".reps", "Give reps or a hold time.");
                }
            }
        }
        return errors;
    }

    private static ProgramTemplateVersion NewVersion(Guid templateId, int version, TemplateRequest request, CallerContext caller, TimeProvider clock, Guid? forkedFrom, int? forkedVersion)
    {
        var template = new ProgramTemplateVersion
        {
            TemplateId = templateId,
            Version = version,
            Name = "",
            Description = "",
            AuthorUserId = caller.UserId,
            AuthorClinicId = request.AuthorClinicId!.Value,
            Visibility = request.Visibility!.Value,
            Status = TemplateStatus.Draft,
            Tags = "",
            SessionsPerWeek = 3,
            PhasesJson = "[]",
            SettingsJson = "{}",
            ForkedFromTemplateId = forkedFrom,
            ForkedFromVersion = forkedVersion,
            CreatedAt = clock.GetUtcNow(),
        };
        Fill(template, request);
        return template;
    }

    private static void Fill(ProgramTemplateVersion template, TemplateRequest request)
    {
        template.Name = request.Name!.Trim();
        template.Description = request.Description?.Trim() ?? "";
        template.Visibility = request.Visibility!.Value;
        template.Tags = string.Join(',', (request.Tags ?? []).Select(t => t.Trim().ToLowerInvariant()).Distinct());
        template.SessionsPerWeek = request.SessionsPerWeek!.Value;
        var phases = request.Phases!.OrderBy(p => p.Phase).Select(p => new TemplatePhase(p.Phase!.Value,
            p.Exercises!.Select(e => new TemplateExercise(e.ExerciseCode!, e.Sets!.Value, e.Reps, e.HoldSeconds)).ToList())).ToList();
        template.PhasesJson = JsonSerializer.Serialize(phases, ProgramJson.Options);
        template.SettingsJson = JsonSerializer.Serialize(request.Settings ?? new ProgressionSettings(), ProgramJson.Options);
    }

    public static TemplateView View(ProgramTemplateVersion t) => new(t.TemplateId, t.Version, t.Name, t.Description, t.AuthorClinicId, t.Visibility, t.Status,
        ProgramPlanner.Tags(t), t.SessionsPerWeek, ProgramPlanner.Phases(t), JsonSerializer.Deserialize<ProgressionSettings>(t.SettingsJson, ProgramJson.Options)!,
        t.ForkedFromTemplateId, t.ForkedFromVersion, t.CreatedAt, t.PublishedAt);
}
