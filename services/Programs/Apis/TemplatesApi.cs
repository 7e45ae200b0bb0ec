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
        Guid? ForkedFromTemplateId, int? ForkedFromVersion, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt, string AuthorUserId);

    /// <param name="Changes">What changed since the version before it (empty for the first).</param>
    public sealed record TemplateVersionSummary(int Version, TemplateStatus Status, string Name, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt,
        IReadOnlyList<TemplateChange> Changes);

    public static RouteGroupBuilder MapTemplatesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/programs/templates").WithTags("Templates").RequireAuthorization(Policies.ClinicalStaff);
        group.MapPost("/", CreateAsync);
        group.MapGet("/", SearchAsync);
        group.MapGet("/{templateId:guid}", GetLatestAsync);
        group.MapGet("/{templateId:guid}/versions", VersionsAsync);
        group.MapGet("/{templateId:guid}/versions/{version:int}", GetVersionAsync);
        group.MapPut("/{templateId:guid}", EditAsync);
        group.MapPost("/{templateId:guid}/publish", PublishAsync);
        group.MapPost("/{templateId:guid}/fork", ForkAsync);
        return group;
    }

    private static async Task<Results<Created<TemplateView>, ValidationProblem>> CreateAsync(
        TemplateRequest request, ProgramsDbContext db, CallerContext caller, TemplateCatalog catalog, CancellationToken ct)
    {
        var errors = await ValidateAsync(request, db, caller, checkAuthorClinic: true, ct);
        if (errors.Any)
            return errors.ToProblem();
        var template = catalog.Create(Content(request), request.AuthorClinicId!.Value, caller);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/programs/templates/{template.TemplateId}", View(template));
    }

    /// <summary>The newest published version of each template the caller sees; <c>author=me</c> lists the caller's own instead, drafts included.</summary>
    private static async Task<Results<Ok<Page<TemplateView>>, ValidationProblem>> SearchAsync(
        CallerContext caller, TemplateCatalog catalog, string? tag, int? phase, string? visibility, string? author, int? page, int? pageSize, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var wanted = errors.OptionalEnum<TemplateVisibility>(visibility, "visibility");
        errors.Range(phase, "phase", 1, 4);
        if (author is not null and not "me")
            errors.Add("author", "Only \"me\": your own templates, drafts included.");
        if (errors.Any)
            return errors.ToProblem();
        if (!PageRequest.TryFrom(page, pageSize, out var request, out var pageErrors))
            return TypedResults.ValidationProblem(pageErrors);
        var (items, total) = await catalog.SearchAsync(caller, tag, phase, wanted, ownOnly: author is "me", request.Skip, request.Size, ct);
        return TypedResults.Ok(request.Of(items.Select(View), total));
    }

    private static async Task<Results<Ok<TemplateView>, ProblemHttpResult>> GetLatestAsync(Guid templateId, CallerContext caller, TemplateCatalog catalog, CancellationToken ct) =>
        await catalog.LatestVisibleAsync(templateId, caller, ct) is { } template ? TypedResults.Ok(View(template)) : Problems.NotFound("Template");

    private static async Task<Results<Ok<IReadOnlyList<TemplateVersionSummary>>, ProblemHttpResult>> VersionsAsync(Guid templateId, CallerContext caller,
        TemplateCatalog catalog, CancellationToken ct)
    {
        var versions = await catalog.VersionsAsync(templateId, caller, ct);
        if (versions.Count == 0)
            return Problems.NotFound("Template");
        IReadOnlyList<TemplateVersionSummary> history = versions
            .Select((v, i) => new TemplateVersionSummary(v.Version, v.Status, v.Name, v.CreatedAt, v.PublishedAt, i == 0 ? [] : TemplateDiff.Between(versions[i - 1], v)))
            .Reverse().ToList();
        return TypedResults.Ok(history);
    }

    private static async Task<Results<Ok<TemplateView>, ProblemHttpResult>> GetVersionAsync(Guid templateId, int version, CallerContext caller, TemplateCatalog catalog, CancellationToken ct) =>
        await catalog.VersionAsync(templateId, version, caller, ct) is { } template ? TypedResults.Ok(View(template)) : Problems.NotFound("Template");

    /// <summary>Editing a published version makes the next draft version; a draft is edited in place.</summary>
    private static async Task<Results<Ok<TemplateView>, Created<TemplateView>, ValidationProblem, ProblemHttpResult>> EditAsync(
        Guid templateId, TemplateRequest request, ProgramsDbContext db, CallerContext caller, TemplateCatalog catalog, CancellationToken ct)
    {
        var errors = await ValidateAsync(request, db, caller, checkAuthorClinic: false, ct);
        if (errors.Any)
            return errors.ToProblem();
        var change = await catalog.EditAsync(templateId, Content(request), caller, ct);
        if (change is not TemplateCatalog.Change.Done done)
            return Refused(change, "edits");
        await db.SaveChangesAsync(ct);
        return done.IsNewVersion
            ? TypedResults.Created($"/api/programs/templates/{templateId}/versions/{done.Template.Version}", View(done.Template))
            : TypedResults.Ok(View(done.Template));
    }

    private static async Task<Results<Ok<TemplateView>, ProblemHttpResult>> PublishAsync(
        Guid templateId, ProgramsDbContext db, CallerContext caller, TemplateCatalog catalog, CancellationToken ct)
    {
        var change = await catalog.PublishAsync(templateId, caller, ct);
        if (change is not TemplateCatalog.Change.Done done)
            return Refused(change, "publishes");
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(View(done.Template));
    }

    private static async Task<Results<Created<TemplateView>, ValidationProblem, ProblemHttpResult>> ForkAsync(
        Guid templateId, ForkRequest request, ProgramsDbContext db, CallerContext caller, TemplateCatalog catalog, CancellationToken ct)
    {
        var clinic = request.AuthorClinicId ?? caller.ClinicIds.FirstOrDefault();
        var errors = new FieldErrors();
        if (!caller.ClinicIds.Contains(clinic))
            errors.Add("authorClinicId", "A clinic you work at.");
        errors.MaxLength(request.Name, "name", 200);
        if (errors.Any)
            return errors.ToProblem();
        if (await catalog.ForkAsync(templateId, clinic, request.Name, caller, ct) is not TemplateCatalog.Change.Done fork)
            return Problems.NotFound("Template");
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/programs/templates/{fork.Template.TemplateId}", View(fork.Template));
    }

    private static ProblemHttpResult Refused(TemplateCatalog.Change change, string verb) => change switch
    {
        TemplateCatalog.Change.NotAuthor => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: $"Only the author {verb} a template",
            detail: verb == "edits" ? "Fork it to make your own." : null),
        TemplateCatalog.Change.AlreadyPublished published => Problems.Conflict("Already published", $"Version {published.Version} is published; edit it to make a new draft."),
        _ => Problems.NotFound("Template"),
    };

    private static TemplateContent Content(TemplateRequest request) => new(request.Name!, request.Description ?? "", request.Visibility!.Value, request.Tags ?? [],
        request.SessionsPerWeek!.Value,
        request.Phases!.Select(p => new TemplatePhase(p.Phase!.Value, p.Exercises!.Select(e => new TemplateExercise(e.ExerciseCode!, e.Sets!.Value, e.Reps, e.HoldSeconds)).ToList())).ToList(),
        request.Settings ?? new ProgressionSettings());

    /// <summary>An edit keeps the template's author clinic, so only a new template names one.</summary>
    private static async Task<FieldErrors> ValidateAsync(TemplateRequest request, ProgramsDbContext db, CallerContext caller, bool checkAuthorClinic, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (checkAuthorClinic && errors.Required(request.AuthorClinicId, "authorClinicId") && !caller.ClinicIds.Contains(request.AuthorClinicId.Value))
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
                var listed = new HashSet<string>(StringComparer.Ordinal);
                for (var e = 0; e < exercises.Length; e++)
                {
                    var path = $"phases[{p}].exercises[{e}]";
                    if (errors.Required(exercises[e].ExerciseCode, path + ".exerciseCode", 64) && !known.Contains(exercises[e].ExerciseCode!))
                        errors.Add(path + ".exerciseCode", "Not in the exercise library.");
                    else if (exercises[e].ExerciseCode is { } code && !listed.Add(code))
                        errors.Add(path + ".exerciseCode", "Already in this phase: change its dosage instead.");
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

    public static TemplateView View(ProgramTemplateVersion t) => new(t.TemplateId, t.Version, t.Name, t.Description, t.AuthorClinicId, t.Visibility, t.Status,
        t.Tags, t.SessionsPerWeek, t.Phases, t.Settings,
        t.ForkedFromTemplateId, t.ForkedFromVersion, t.CreatedAt, t.PublishedAt, t.AuthorUserId);
}
