namespace RehabPlatform.Sessions.Apis;

/// <summary>Outcomes per template version or per clinic, aggregates only: for clinical leads, managers (their clinics) and ops.</summary>
public static class OutcomeAnalyticsApi
{
    /// <summary>Longer periods than this mix programs that have changed too much to compare.</summary>
    private const int LongestPeriodDays = 3 * 366;

    public static IEndpointRouteBuilder MapOutcomeAnalyticsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/sessions/analytics/outcomes", ReportAsync).WithTags("Outcome analytics").RequireAuthorization(Policies.Outcomes);
        return app;
    }

    private static async Task<Results<Ok<OutcomeReportView>, ValidationProblem>> ReportAsync(string? by, DateOnly? from, DateOnly? to, OutcomeReports reports,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        OutcomeGrouping? grouping = by switch { null or "template" => OutcomeGrouping.Template, "clinic" => OutcomeGrouping.Clinic, _ => null };
        if (grouping is null)
            errors.Add("by", "template or clinic.");
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (start, end) = (from ?? today.AddYears(-1), to ?? today);
        if (end < start)
            errors.Add("to", "On or after the start of the period.");
        else if (end.DayNumber - start.DayNumber > LongestPeriodDays)
            errors.Add("from", "At most three years.");
        if (errors.Any)
            return errors.ToProblem();
        return TypedResults.Ok(await reports.BuildAsync(grouping!.Value, start, end, ct));
    }
}
