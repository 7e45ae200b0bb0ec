using System.Text.RegularExpressions;

namespace RehabPlatform.Programs.Apis;

public static partial class ExercisesApi
{
    /// <param name="Contraindications">When to stop or not start; <paramref name="WhatToAvoid"/> is about technique.</param>
    public sealed record ExerciseView(string Code, Guid? ClinicId, string Name, ExerciseCategory Category, string Instructions, int DefaultSets,
        int? DefaultReps, int? DefaultHoldSeconds, IReadOnlyList<int> Phases, string Equipment, string Contraindications, IReadOnlyList<string> Tags,
        BodyRegion BodyRegion, string WhatToFeel, string WhatToAvoid);

    public sealed record AddExerciseRequest(Guid? ClinicId, string? Code, string? Name, ExerciseCategory? Category, string? Instructions, int? DefaultSets,
        int? DefaultReps, int? DefaultHoldSeconds, int[]? Phases, string? Equipment, string? Contraindications, string[]? Tags,
        BodyRegion? BodyRegion, string? WhatToFeel, string? WhatToAvoid);

    public static RouteGroupBuilder MapExercisesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/programs/exercises").WithTags("Exercises").RequireAuthorization(Policies.ClinicalStaff);
        group.MapGet("/", ListAsync);
        group.MapPost("/", AddAsync);
        return group;
    }

    /// <summary>
    /// The chain library plus the caller's clinics' own exercises, filtered by phase, category, body region or tag, and
    /// searched by words in the name, code, instructions or tags (<paramref name="q"/>).
    /// </summary>
    private static async Task<Results<Ok<IReadOnlyList<ExerciseView>>, ValidationProblem>> ListAsync(
        ProgramsDbContext db, CallerContext caller, int? phase, string? category, string? region, string? tag, string? q, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Range(phase, "phase", 1, 4);
        var wanted = errors.OptionalEnum<ExerciseCategory>(category, "category");
        var wantedRegion = errors.OptionalEnum<BodyRegion>(region, "region");
        errors.MaxLength(q, "q", 100);
        if (errors.Any)
            return errors.ToProblem();
        var clinics = caller.ClinicIds.ToList();
        var query = db.Exercises.AsNoTracking().Where(e => e.ClinicId == null || clinics.Contains(e.ClinicId.Value));
        if (wanted is { } c)
            query = query.Where(e => e.Category == c);
        if (wantedRegion is { } r)
            query = query.Where(e => e.BodyRegion == r);
        if (phase is { } p)
            query = query.Where(e => e.Phases.Contains(p));
        if (tag is not null)
        {
            var normalised = tag.Trim().ToLowerInvariant();
            query = query.Where(e => e.Tags.Contains(normalised));
        }
        var exercises = await query.OrderBy(e => e.Code).ToListAsync(ct);
        // A few dozen rows per clinic: searching them in memory matches case-insensitively the same way on SQLite and PostgreSQL.
        var words = (q ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return TypedResults.Ok<IReadOnlyList<ExerciseView>>(exercises.Where(e => words.All(w => Matches(e, w))).Select(View).ToList());
    }

    private static async Task<Results<Created<ExerciseView>, ValidationProblem, ProblemHttpResult>> AddAsync(
        AddExerciseRequest request, ProgramsDbContext db, CallerContext caller, CancellationToken ct)
    {
        var errors = new FieldErrors();
        if (errors.Required(request.ClinicId, "clinicId") && !caller.ClinicIds.Contains(request.ClinicId.Value))
            errors.Add("clinicId", "Add exercises to a clinic you work at.");
        if (errors.Required(request.Code, "code", 64) && !CodePattern().IsMatch(request.Code))
            errors.Add("code", "Lower-case letters, digits and dashes.");
        errors.Required(request.Name, "name", 200);
        errors.Required(request.Category, "category");
        errors.Required(request.Instructions, "instructions", 2000);
        errors.Required(request.BodyRegion, "bodyRegion");
        errors.Required(request.WhatToFeel, "whatToFeel", 500);
        errors.MaxLength(request.WhatToAvoid, "whatToAvoid", 500);
        if (errors.Required(request.DefaultSets, "defaultSets"))
            errors.Range(request.DefaultSets, "defaultSets", 1, 20);
        errors.Range(request.DefaultReps, "defaultReps", 1, 200);
        errors.Range(request.DefaultHoldSeconds, "defaultHoldSeconds", 1, 3600);
        if (request.DefaultReps is null && request.DefaultHoldSeconds is null)
            errors.Add("defaultReps", "Give reps or a hold time.");
        if (errors.Required(request.Phases, "phases") && (request.Phases.Length == 0 || request.Phases.Any(p => p is < 1 or > 4)))
            errors.Add("phases", "One or more phases between 1 and 4.");
        errors.MaxLength(request.Equipment, "equipment", 200);
        errors.MaxLength(request.Contraindications, "contraindications", 500);
        if (request.Tags is { } tags && (tags.Length > 20 || tags.Any(t => string.IsNullOrWhiteSpace(t) || t.Length > 40 || t.Contains(','))))
            errors.Add("tags", "Up to 20 tags of at most 40 characters, without commas.");
        if (errors.Any)
            return errors.ToProblem();
        if (await db.Exercises.AnyAsync(e => e.Code == request.Code, ct))
            return CodeInUse();

        var exercise = new Exercise
        {
            Code = request.Code!,
            ClinicId = request.ClinicId,
            Name = request.Name!.Trim(),
            Category = request.Category!.Value,
            BodyRegion = request.BodyRegion!.Value,
            Instructions = request.Instructions!.Trim(),
            WhatToFeel = request.WhatToFeel!.Trim(),
            WhatToAvoid = request.WhatToAvoid?.Trim() ?? "",
            DefaultSets = request.DefaultSets!.Value,
            DefaultReps = request.DefaultReps,
            DefaultHoldSeconds = request.DefaultHoldSeconds,
            Phases = [.. request.Phases!.Distinct().Order()],
            Equipment = request.Equipment?.Trim() ?? "none",
            Contraindications = request.Contraindications?.Trim() ?? "none",
            Tags = [.. (request.Tags ?? []).Select(t => t.Trim().ToLowerInvariant()).Distinct()],
        };
        db.Exercises.Add(exercise);
        if (!await db.TrySaveUniqueAsync(ct))
            return CodeInUse();
        return TypedResults.Created($"/api/programs/exercises/{exercise.Code}", View(exercise));
    }

    private static ProblemHttpResult CodeInUse() => Problems.Conflict("Exercise code in use", "Choose another code.");

    public static ExerciseView View(Exercise e) => new(e.Code, e.ClinicId, e.Name, e.Category, e.Instructions, e.DefaultSets, e.DefaultReps, e.DefaultHoldSeconds,
        e.Phases, e.Equipment, e.Contraindications, e.Tags, e.BodyRegion, e.WhatToFeel, e.WhatToAvoid);

    private static bool Matches(Exercise exercise, string word) =>
        exercise.Name.Contains(word, StringComparison.OrdinalIgnoreCase) || exercise.Code.Contains(word, StringComparison.OrdinalIgnoreCase)
        || exercise.Instructions.Contains(word, StringComparison.OrdinalIgnoreCase) || exercise.Tags.Any(t => t.Contains(word, StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex CodePattern();
}
