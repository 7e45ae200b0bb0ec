using Microsoft.Extensions.Options;

namespace RehabPlatform.Programs.UseCases;

/// <summary>What a template says, as its author writes it.</summary>
public sealed record TemplateContent(string Name, string Description, TemplateVisibility Visibility, IReadOnlyList<string> Tags, int SessionsPerWeek,
    IReadOnlyList<TemplatePhase> Phases, ProgressionSettings Settings);

/// <summary>
/// The chain's templates and who sees them: Chain templates everyone, Clinic templates the staff of the author's
/// clinic, Private templates their author; drafts only their author. Published versions never change: editing one
/// makes the next draft. Every rule about templates lives here; callers save.
/// </summary>
public sealed class TemplateCatalog(ProgramsDbContext db, IOptions<PlanningOptions> planning, DefaultTemplateCache defaults, TimeProvider clock)
{
    public abstract record Change
    {
        public sealed record Done(ProgramTemplateVersion Template, bool IsNewVersion) : Change;
        public sealed record NotFound : Change;
        public sealed record NotAuthor : Change;
        public sealed record AlreadyPublished(int Version) : Change;
    }

    public static bool CanSee(ProgramTemplateVersion t, CallerContext caller) =>
        (t.Status == TemplateStatus.Published || t.AuthorUserId == caller.UserId) && t.Visibility switch
        {
            TemplateVisibility.Chain => true,
            TemplateVisibility.Clinic => caller.ClinicIds.Contains(t.AuthorClinicId) || t.AuthorUserId == caller.UserId,
            _ => t.AuthorUserId == caller.UserId,
        };

    /// <summary>Every version the caller may see (<see cref="CanSee"/>, as a query).</summary>
    public IQueryable<ProgramTemplateVersion> Visible(CallerContext caller)
    {
        var user = caller.UserId;
        var clinics = caller.ClinicIds.ToList();
        return db.Templates.Where(t => (t.Status == TemplateStatus.Published || t.AuthorUserId == user)
            && (t.Visibility == TemplateVisibility.Chain
                || (t.Visibility == TemplateVisibility.Clinic && clinics.Contains(t.AuthorClinicId))
                || t.AuthorUserId == user));
    }

    /// <summary>The newest published version of each template.</summary>
    public IQueryable<ProgramTemplateVersion> LatestPublished(IQueryable<ProgramTemplateVersion> versions) =>
        versions.Where(t => t.Status == TemplateStatus.Published
            && !db.Templates.Any(newer => newer.TemplateId == t.TemplateId && newer.Status == TemplateStatus.Published && newer.Version > t.Version));

    public Task<ProgramTemplateVersion?> LatestVisibleAsync(Guid templateId, CallerContext caller, CancellationToken ct) =>
        Visible(caller).Where(t => t.TemplateId == templateId).OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct);

    public Task<ProgramTemplateVersion?> VersionAsync(Guid templateId, int version, CallerContext caller, CancellationToken ct) =>
        Visible(caller).AsNoTracking().SingleOrDefaultAsync(t => t.TemplateId == templateId && t.Version == version, ct);

    /// <summary>The version a therapist may assign: the given one, or the newest, published and visible to them.</summary>
    public Task<ProgramTemplateVersion?> AssignableAsync(Guid templateId, int? version, CallerContext caller, CancellationToken ct) =>
        Visible(caller).AsNoTracking()
            .Where(t => t.TemplateId == templateId && t.Status == TemplateStatus.Published && (version == null || t.Version == version))
            .OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct);

    /// <summary>The versions of one template the caller sees, oldest first.</summary>
    public async Task<IReadOnlyList<ProgramTemplateVersion>> VersionsAsync(Guid templateId, CallerContext caller, CancellationToken ct) =>
        await Visible(caller).AsNoTracking().Where(t => t.TemplateId == templateId).OrderBy(t => t.Version).ToListAsync(ct);

    /// <summary>
    /// The newest published versions the caller sees, by name, or with <paramref name="ownOnly"/> the newest version of each
    /// template the caller wrote, drafts included; a phase filter keeps templates that prescribe for that phase.
    /// </summary>
    public async Task<(IReadOnlyList<ProgramTemplateVersion> Items, int Total)> SearchAsync(CallerContext caller, string? tag, int? phase,
        TemplateVisibility? visibility, bool ownOnly, int skip, int take, CancellationToken ct)
    {
        var user = caller.UserId;
        var query = (ownOnly
            ? db.Templates.Where(t => t.AuthorUserId == user && !db.Templates.Any(newer => newer.TemplateId == t.TemplateId && newer.Version > t.Version))
            : LatestPublished(Visible(caller))).AsNoTracking();
        if (visibility is { } wanted)
            query = query.Where(t => t.Visibility == wanted);
        if (tag is not null)
        {
            var normalised = tag.Trim().ToLowerInvariant();
            query = query.Where(t => t.Tags.Contains(normalised));
        }
        query = query.OrderBy(t => t.Name).ThenBy(t => t.TemplateId);
        if (phase is null)
            return (await query.Skip(skip).Take(take).ToListAsync(ct), await query.CountAsync(ct));
        // The phases are one JSON document per version: filtered here, over the (few) templates the other filters leave.
        var withPhase = (await query.ToListAsync(ct)).Where(t => t.Phases.Any(p => p.Phase == phase && p.Exercises.Count > 0)).ToList();
        return (withPhase.Skip(skip).Take(take).ToList(), withPhase.Count);
    }

    /// <summary>The clinic's active programs and the template version each follows, optionally those of one template, newest first.</summary>
    public async Task<IReadOnlyList<(PatientProgram Program, string TemplateName)>> InUseAsync(Guid clinicId, Guid? templateId, CancellationToken ct)
    {
        var programs = db.Programs.AsNoTracking().Where(p => p.ClinicId == clinicId && p.Status == ProgramStatus.Active);
        if (templateId is { } id)
            programs = programs.Where(p => p.TemplateId == id);
        var rows = await programs
            .Join(db.Templates, p => new { p.TemplateId, Version = p.TemplateVersion }, t => new { t.TemplateId, t.Version }, (p, t) => new { Program = p, t.Name })
            .OrderByDescending(r => r.Program.CreatedAt)
            .ToListAsync(ct);
        return rows.Select(r => (r.Program, r.Name)).ToList();
    }

    /// <summary>The template an intake's automatic plan uses: the newest published Chain template with the default tag, a runner's one for runners.</summary>
    public Task<ProgramTemplateVersion?> DefaultTemplateAsync(bool isRunner, CancellationToken ct) =>
        defaults.GetAsync(isRunner, () => LoadDefaultTemplateAsync(isRunner, ct));

    private async Task<ProgramTemplateVersion?> LoadDefaultTemplateAsync(bool isRunner, CancellationToken ct)
    {
        var rules = planning.Value;
        var candidates = LatestPublished(db.Templates).AsNoTracking()
            .Where(t => t.Visibility == TemplateVisibility.Chain && t.Tags.Contains(rules.DefaultTemplateTag))
            .OrderByDescending(t => t.PublishedAt).ThenBy(t => t.TemplateId);
        return (isRunner ? await candidates.FirstOrDefaultAsync(t => t.Tags.Contains(rules.RunnerTemplateTag), ct) : null)
            ?? await candidates.FirstOrDefaultAsync(ct);
    }

    public ProgramTemplateVersion Create(TemplateContent content, Guid authorClinicId, CallerContext caller)
    {
        var template = NewVersion(Guid.CreateVersion7(), 1, content, authorClinicId, caller.UserId, forkedFrom: null);
        db.Templates.Add(template);
        return template;
    }

    /// <summary>The author edits a draft in place; editing a published version makes the next draft.</summary>
    public async Task<Change> EditAsync(Guid templateId, TemplateContent content, CallerContext caller, CancellationToken ct)
    {
        if (await LatestVisibleAsync(templateId, caller, ct) is not { } latest)
            return new Change.NotFound();
        if (latest.AuthorUserId != caller.UserId)
            return new Change.NotAuthor();
        if (latest.Status == TemplateStatus.Draft)
        {
            Fill(latest, content);
            return new Change.Done(latest, IsNewVersion: false);
        }
        var draft = NewVersion(templateId, latest.Version + 1, content, latest.AuthorClinicId, caller.UserId,
            latest.ForkedFromTemplateId is { } from ? (from, latest.ForkedFromVersion!.Value) : null);
        db.Templates.Add(draft);
        return new Change.Done(draft, IsNewVersion: true);
    }

    /// <summary>The author publishes the newest version; the chain hears of it.</summary>
    public async Task<Change> PublishAsync(Guid templateId, CallerContext caller, CancellationToken ct)
    {
        var latest = await db.Templates.Where(t => t.TemplateId == templateId).OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct);
        if (latest is null || !CanSee(latest, caller))
            return new Change.NotFound();
        if (latest.AuthorUserId != caller.UserId)
            return new Change.NotAuthor();
        if (latest.Status == TemplateStatus.Published)
            return new Change.AlreadyPublished(latest.Version);
        latest.Status = TemplateStatus.Published;
        latest.PublishedAt = clock.GetUtcNow();
        defaults.Forget();
        db.AddEvent(latest.ToPublishedEvent());
        return new Change.Done(latest, IsNewVersion: false);
    }

    /// <summary>A private draft copy of a published template the caller sees, without the automatic-plan tag.</summary>
    public async Task<Change> ForkAsync(Guid templateId, Guid authorClinicId, string? name, CallerContext caller, CancellationToken ct)
    {
        var source = await AssignableAsync(templateId, version: null, caller, ct);
        if (source is null)
            return new Change.NotFound();
        var content = new TemplateContent(string.IsNullOrWhiteSpace(name) ? source.Name + " (fork)" : name.Trim(), source.Description, TemplateVisibility.Private,
            source.Tags.Where(t => t != planning.Value.DefaultTemplateTag).ToList(), source.SessionsPerWeek, source.Phases, source.Settings);
        var fork = NewVersion(Guid.CreateVersion7(), 1, content, authorClinicId, caller.UserId, (source.TemplateId, source.Version));
        db.Templates.Add(fork);
        return new Change.Done(fork, IsNewVersion: true);
    }

    private ProgramTemplateVersion NewVersion(Guid templateId, int version, TemplateContent content, Guid authorClinicId, string author, (Guid Id, int Version)? forkedFrom)
    {
        var template = new ProgramTemplateVersion
        {
            TemplateId = templateId,
            Version = version,
            Name = "",
            Description = "",
            AuthorUserId = author,
            AuthorClinicId = authorClinicId,
            Visibility = content.Visibility,
            Status = TemplateStatus.Draft,
            Tags = [],
            SessionsPerWeek = content.SessionsPerWeek,
            Phases = [],
            Settings = content.Settings,
            ForkedFromTemplateId = forkedFrom?.Id,
            ForkedFromVersion = forkedFrom?.Version,
            CreatedAt = clock.GetUtcNow(),
        };
        Fill(template, content);
        return template;
    }

    private static void Fill(ProgramTemplateVersion template, TemplateContent content)
    {
        template.Name = content.Name.Trim();
        template.Description = content.Description.Trim();
        template.Visibility = content.Visibility;
        template.Tags = content.Tags.Select(t => t.Trim().ToLowerInvariant()).Distinct().ToArray();
        template.SessionsPerWeek = content.SessionsPerWeek;
        template.Phases = content.Phases.OrderBy(p => p.Phase).ToList();
        template.Settings = content.Settings;
    }
}

/// <summary>
/// The published default chain templates (runner and non-runner), kept for a few seconds: every intake needs one, and
/// they change only when someone publishes. A publish here empties it (a read racing the publish's commit may keep
/// the old version), and every replica sees a new default within <see cref="Lifetime"/>. The versions are read-only
/// (no tracking), so one instance serves every consumer.
/// </summary>
public sealed class DefaultTemplateCache(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<bool, (ProgramTemplateVersion? Template, DateTimeOffset Until)> _entries = new();

    public async Task<ProgramTemplateVersion?> GetAsync(bool isRunner, Func<Task<ProgramTemplateVersion?>> load)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(isRunner, out var entry) && entry.Until > now)
            return entry.Template;
        var template = await load();
        _entries[isRunner] = (template, now + Lifetime);
        return template;
    }

    public void Forget() => _entries.Clear();
}
