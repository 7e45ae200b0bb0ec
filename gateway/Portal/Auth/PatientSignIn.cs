using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.JsonWebTokens;
using RehabPlatform.ServiceDefaults.Auth;

namespace RehabPlatform.Portal.Auth;

/// <summary>
/// Patients sign in with the code their clinic gave them. The portal keeps the short-lived token and the refresh
/// token in its encrypted cookie (kept on the phone for <see cref="RememberFor"/>) and swaps the token for a fresh
/// one before it runs out; when the clinic has ended the access, the next refresh fails and the patient is signed out.
/// </summary>
public static partial class PatientSignIn
{
    public const string RefreshTokenName = "refresh_token";
    public const string SignInPath = "/my/join";
    private static readonly TimeSpan RememberFor = TimeSpan.FromDays(30);
    private static readonly TimeSpan RefreshAhead = TimeSpan.FromMinutes(3);

    private sealed record PatientSession(string AccessToken, DateTimeOffset ExpiresAt, string RefreshToken, Guid PatientId);

    public static IEndpointRouteBuilder MapPatientSignIn(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/patient-signin", SignInAsync).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> SignInAsync([FromForm] string? code, HttpContext context, IHttpClientFactory clients, ILogger<PortalMarker> logger, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code) || code.Length > 32)
            return TypedResults.LocalRedirect(SignInPath + "?error=code");
        using var response = await clients.CreateClient(AccountEndpoints.SignInClient).PostAsJsonAsync("api/intake/patient-sessions", new { code }, ct);
        if (!response.IsSuccessStatusCode)
        {
            LogRefused(logger, (int)response.StatusCode);
            return TypedResults.LocalRedirect(SignInPath + "?error=" + ((int)response.StatusCode switch { 429 => "too-many", 400 or 401 => "code", _ => "unavailable" }));
        }
        var session = await response.Content.ReadFromJsonAsync<PatientSession>(ct) ?? throw new InvalidOperationException("Intake answered without a session.");
        await SignInWithAsync(context, session);
        return TypedResults.LocalRedirect("/my");
    }

    /// <summary>Before a patient's page runs: a token about to run out is refreshed, an ended access signs the patient out.</summary>
    public static async Task KeepFreshAsync(HttpContext context, Func<Task> next)
    {
        if (!context.User.IsPatient())
        {
            await next();
            return;
        }
        var token = await AccessTokenHandler.CurrentAsync(context, AccessTokenHandler.TokenName);
        var refreshToken = await AccessTokenHandler.CurrentAsync(context, RefreshTokenName);
        var expiresAt = token is null ? DateTimeOffset.MinValue : new DateTimeOffset(new JsonWebToken(token).ValidTo, TimeSpan.Zero);
        if (refreshToken is not null && expiresAt - context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow() < RefreshAhead)
        {
            using var response = await context.RequestServices.GetRequiredService<IHttpClientFactory>().CreateClient(AccountEndpoints.SignInClient)
                .PostAsJsonAsync("api/intake/patient-sessions/refresh", new { refreshToken }, context.RequestAborted);
            if (response.IsSuccessStatusCode && await response.Content.ReadFromJsonAsync<PatientSession>(context.RequestAborted) is { } session)
            {
                await SignInWithAsync(context, session);
                // This request's API calls already use the new token; the cookie carries it from the next request on.
                context.Items[AccessTokenHandler.TokenName] = session.AccessToken;
            }
            else if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
            {
                await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                context.Response.Redirect(SignInPath + "?error=ended");
                return;
            }
        }
        await next();
    }

    private static async Task SignInWithAsync(HttpContext context, PatientSession session)
    {
        var claims = new JsonWebToken(session.AccessToken).Claims
            .Where(c => c.Type is RehabClaims.Subject or RehabClaims.Role or RehabClaims.Patient)
            .Select(c => new Claim(c.Type, c.Value))
            .Append(new Claim(PortalUser.DisplayNameClaim, "You"));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, PortalUser.DisplayNameClaim, RehabClaims.Role));
        var properties = new AuthenticationProperties { IsPersistent = true, ExpiresUtc = DateTimeOffset.UtcNow + RememberFor };
        properties.StoreTokens([
            new AuthenticationToken { Name = AccessTokenHandler.TokenName, Value = session.AccessToken },
            new AuthenticationToken { Name = RefreshTokenName, Value = session.RefreshToken },
        ]);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, properties);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "A patient sign-in was refused ({Status})")]
    private static partial void LogRefused(ILogger logger, int status);
}
