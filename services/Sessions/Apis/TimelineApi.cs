namespace RehabPlatform.Sessions.Apis;

public static class TimelineApi
{
    public sealed record PainPoint(DateTimeOffset At, string Kind, int Pain);

    public sealed record PrescriptionView(Guid ProgramId, int ProgramVersion, int Phase, int SessionsPerWeek, bool Closed, Prescription Prescription);

    public sealed record TimelineView(Guid PatientId, PrescriptionView? Prescription, IReadOnlyList<SessionsApi.SessionView> Sessions,
        IReadOnlyList<PainPoint> PainTrend, IReadOnlyList<WeekAdherence> Adherence, IReadOnlyList<OutcomesApi.OutcomeView> Outcomes,
        IReadOnlyList<SessionsApi.PainReportView>? Runs = null);

    public sealed record ClinicAdherenceView(Guid ClinicId, int Patients, IReadOnlyList<WeekAdherence> Weeks);

    private const int DefaultWeeks = 6;

    public static IEndpointRouteBuilder MapTimelineApi(this IEndpointRouteBuilder app)
    {
        var patients = app.MapGroup("/api/sessions/patients/{patientId:guid}").WithTags("Timeline").RequireAuthorization(Policies.PatientOrStaff)
            .RequirePatientReach("timeline");
        patients.MapGet("/prescription", PrescriptionAsync);
        patients.MapGet("/timeline", TimelineAsync);
        patients.MapGet("/adherence", PatientAdherenceAsync);
        // Aggregates only: ops may read every clinic, staff their own.
        app.MapGet("/api/sessions/clinics/{clinicId:guid}/adherence", ClinicAdherenceAsync).WithTags("Adherence");
        return app;
    }

    private static async Task<Results<Ok<PrescriptionView>, ProblemHttpResult>> PrescriptionAsync(
        Guid patientId, SessionsDbContext db, CallerContext caller, AuditTrail audit, PatientInScope scope, CancellationToken ct)
    {
        var clinicId = scope.ClinicId;
        if (await PatientScope.ActivePrescriptionAsync(db, patientId, ct) is not { } state)
            return Problems.NotFound("Active prescription");
        await audit.RecordReadAsync("prescription", state.ProgramId.ToString(), clinicId, patientId, ct: ct);
        return TypedResults.Ok(View(state));
    }

    /// <summary>Sessions, pain trend, weekly adherence and outcomes in one response, shaped for a chart.</summary>
    private static async Task<Results<Ok<TimelineView>, ValidationProblem, ProblemHttpResult>> TimelineAsync(
        Guid patientId, int? weeks, SessionsDbContext db, CallerContext caller, AuditTrail audit, TimeProvider clock, PatientInScope scope, CancellationToken ct)
    {
        if (weeks is < 1 or > 52)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["weeks"] = ["Between 1 and 52."] });
        var clinicId = scope.ClinicId;

        var sessions = await db.Sessions.AsNoTracking().Where(s => s.PatientId == patientId).OrderBy(s => s.PerformedAt).ToListAsync(ct);
        var reports = await db.PainReports.AsNoTracking().Where(r => r.PatientId == patientId).ToListAsync(ct);
        var outcomes = await db.Outcomes.AsNoTracking().Where(o => o.PatientId == patientId).OrderBy(o => o.RecordedAt).ToListAsync(ct);
        var prescription = await PatientScope.ActivePrescriptionAsync(db, patientId, ct);

        var pain = sessions.SelectMany(s => new[] { new PainPoint(s.PerformedAt, "during-exercise", s.PainDuring), new PainPoint(s.PerformedAt, "after-exercise", s.PainAfter) })
            .Concat(reports.Select(r => new PainPoint(r.ReportedAt, r.Context.ToString(), r.Pain)))
            .OrderBy(p => p.At).ToList();
        var adherence = AdherenceCalculator.Weekly(sessions.Select(s => s.PerformedAt), prescription?.SessionsPerWeek ?? 0, clock.GetUtcNow(), weeks ?? DefaultWeeks);

        await audit.RecordReadAsync("timeline", null, clinicId, patientId, ct: ct);
        return TypedResults.Ok(new TimelineView(patientId, prescription is null ? null : View(prescription), sessions.Select(SessionsApi.View).ToList(),
            pain, adherence, outcomes.Select(OutcomesApi.View).ToList(),
            reports.Where(r => r.Context == PainContext.WhileRunning).OrderByDescending(r => r.ReportedAt).Select(SessionsApi.View).ToList()));
    }

    private static async Task<Results<Ok<IReadOnlyList<WeekAdherence>>, ValidationProblem, ProblemHttpResult>> PatientAdherenceAsync(
        Guid patientId, int? weeks, SessionsDbContext db, CallerContext caller, AuditTrail audit, TimeProvider clock, PatientInScope scope, CancellationToken ct)
    {
        if (weeks is < 1 or > 52)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["weeks"] = ["Between 1 and 52."] });
        var clinicId = scope.ClinicId;
        var times = await db.Sessions.AsNoTracking().Where(s => s.PatientId == patientId).Select(s => s.PerformedAt).ToListAsync(ct);
        var perWeek = (await PatientScope.ActivePrescriptionAsync(db, patientId, ct))?.SessionsPerWeek ?? 0;
        await audit.RecordReadAsync("adherence", null, clinicId, patientId, ct: ct);
        return TypedResults.Ok(AdherenceCalculator.Weekly(times, perWeek, clock.GetUtcNow(), weeks ?? DefaultWeeks));
    }

    private static async Task<Results<Ok<ClinicAdherenceView>, ValidationProblem, ProblemHttpResult>> ClinicAdherenceAsync(
        Guid clinicId, int? weeks, SessionsDbContext db, CallerContext caller, TimeProvider clock, CancellationToken ct)
    {
        if (weeks is < 1 or > 52)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["weeks"] = ["Between 1 and 52."] });
        if (caller.Role != Roles.Ops && !caller.CanAccessClinic(clinicId))
            return Problems.NotFound("Clinic");
        var programs = await db.Prescriptions.AsNoTracking().Where(p => p.ClinicId == clinicId && !p.Closed).ToListAsync(ct);
        var patients = programs.Select(p => p.PatientId).Distinct().ToList();
        var times = await db.Sessions.AsNoTracking().Where(s => s.ClinicId == clinicId && patients.Contains(s.PatientId)).Select(s => s.PerformedAt).ToListAsync(ct);
        var prescribedPerWeek = programs.GroupBy(p => p.PatientId).Sum(g => g.Max(p => p.SessionsPerWeek));
        return TypedResults.Ok(new ClinicAdherenceView(clinicId, patients.Count, AdherenceCalculator.Weekly(times, prescribedPerWeek, clock.GetUtcNow(), weeks ?? DefaultWeeks)));
    }

    private static PrescriptionView View(PrescriptionState s) => new(s.ProgramId, s.ProgramVersion, s.Phase, s.SessionsPerWeek, s.Closed,
        s.Prescription);
}
