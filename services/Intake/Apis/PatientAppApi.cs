namespace RehabPlatform.Intake.Apis;

/// <summary>
/// The patients' app: staff invite a patient and end their access; the patient redeems the one-time code for a
/// short-lived token and refreshes it with the secret their phone keeps. The two sign-in routes are anonymous at the
/// gateway and here, and rate limited per client.
/// </summary>
public static class PatientAppApi
{
    public sealed record InvitationView(Guid Id, string Code, DateTimeOffset CodeExpiresAt);

    public sealed record AppAccessView(Guid Id, AppAccessStatus Status, DateTimeOffset InvitedAt, string InvitedBy, DateTimeOffset CodeExpiresAt,
        DateTimeOffset? RedeemedAt, DateTimeOffset? LastSeenAt, DateTimeOffset? AccessExpiresAt, DateTimeOffset? EndedAt);

    public sealed record RedeemRequest(string? Code);

    public sealed record RefreshRequest(string? RefreshToken);

    public sealed record PatientSessionView(string AccessToken, DateTimeOffset ExpiresAt, string RefreshToken, Guid PatientId);

    public static IEndpointRouteBuilder MapPatientAppApi(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/intake/patients/{patientId:guid}/app-access").WithTags("Patient app").RequireAuthorization(Policies.ClinicalStaff)
            .RequirePatientReach(PatientAppSignIn.ResourceType);
        staff.MapPost("/", InviteAsync);
        staff.MapGet("/", ListAsync).WithMetadata(new PatientAuditAction(AuditAction.List));
        staff.MapPost("/{accessId:guid}/end", EndAsync).WithMetadata(new PatientAuditAction(AuditAction.Update));

        var sessions = app.MapGroup("/api/intake/patient-sessions").WithTags("Patient app").AllowAnonymous();
        sessions.MapPost("/", RedeemAsync);
        sessions.MapPost("/refresh", RefreshAsync);
        return app;
    }

    private static async Task<Created<InvitationView>> InviteAsync(Guid patientId, IntakeDbContext db, PatientAppSignIn signIn, PatientInScope scope, CancellationToken ct)
    {
        var (access, code) = await signIn.InviteAsync(await db.Patients.FindInScopeAsync(scope, ct), ct);
        return TypedResults.Created($"/api/intake/patients/{patientId}/app-access/{access.Id}", new InvitationView(access.Id, code, access.CodeExpiresAt));
    }

    private static async Task<Ok<IReadOnlyList<AppAccessView>>> ListAsync(IntakeDbContext db, PatientAppSignIn signIn, PatientInScope scope, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var accesses = await signIn.ListAsync(await db.Patients.FindInScopeAsync(scope, ct), ct);
        return TypedResults.Ok<IReadOnlyList<AppAccessView>>(accesses.Select(a => View(a, now)).ToList());
    }

    private static async Task<Results<Ok<AppAccessView>, ProblemHttpResult>> EndAsync(Guid accessId, IntakeDbContext db, PatientAppSignIn signIn, PatientInScope scope,
        TimeProvider clock, CancellationToken ct) =>
        await signIn.EndAsync(await db.Patients.FindInScopeAsync(scope, ct), accessId, ct) is { } access
            ? TypedResults.Ok(View(access, clock.GetUtcNow()))
            : Problems.NotFound("App access");

    private static async Task<IResult> RedeemAsync(RedeemRequest request, HttpContext http, PatientAppSignIn signIn, CancellationToken ct)
    {
        var code = PatientAppAccess.NormaliseCode(request.Code ?? "");
        if (code.Length != PatientAppSignIn.CodeLength)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["code"] = [$"The {PatientAppSignIn.CodeLength} letters and digits of the code your clinic gave you."] });
        return Answer(await signIn.RedeemAsync(code, ClientOf(http), ct), http);
    }

    private static async Task<IResult> RefreshAsync(RefreshRequest request, HttpContext http, PatientAppSignIn signIn, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken) || request.RefreshToken.Length > 128)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["refreshToken"] = ["The refresh token issued at sign-in."] });
        return Answer(await signIn.RefreshAsync(request.RefreshToken, ct), http);
    }

    private static IResult Answer(PatientAppSignIn.SignInOutcome outcome, HttpContext http)
    {
        switch (outcome)
        {
            case PatientAppSignIn.SignInOutcome.SignedIn s:
                return TypedResults.Ok(new PatientSessionView(s.AccessToken, s.ExpiresAt, s.RefreshToken, s.PatientId));
            case PatientAppSignIn.SignInOutcome.Limited limited:
                http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(limited.RetryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return TypedResults.Problem(statusCode: StatusCodes.Status429TooManyRequests, title: "Too many attempts",
                    detail: "Wait a minute before trying a code again.");
            case PatientAppSignIn.SignInOutcome.NotConfigured:
                return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Patient sign-in is not configured",
                    detail: "Auth:PatientSigningKey is not set for this deployment.");
            default:
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Not valid",
                    detail: "This code or sign-in is not valid any more. Ask your clinic for a new code.");
        }
    }

    /// <summary>
    /// Intake is reached only through the gateway, which appends the address it saw to X-Forwarded-For: the last entry
    /// is that address (anything before it came from the client and could be forged).
    /// </summary>
    private static string ClientOf(HttpContext http) =>
        http.Request.Headers["X-Forwarded-For"].ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).LastOrDefault()
        ?? http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    public static AppAccessView View(PatientAppAccess a, DateTimeOffset now) =>
        new(a.Id, a.StatusAt(now), a.InvitedAt, a.InvitedBy, a.CodeExpiresAt, a.RedeemedAt, a.LastSeenAt, a.AccessExpiresAt, a.EndedAt);
}
