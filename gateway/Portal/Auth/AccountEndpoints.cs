using System.Net.Http.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace RehabPlatform.Portal.Auth;

/// <summary>Signing in and out, and picking the clinic to work at. Forms post here; Blazor pages render the forms.</summary>
public static partial class AccountEndpoints
{
    /// <summary>The gateway without a user's token: demo tokens and patients' code sign-in and refresh.</summary>
    public const string SignInClient = "sign-in";

    private sealed record MintedToken(string Token, DateTimeOffset ExpiresAt);

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account").AllowAnonymous();
        account.MapPost("/dev-signin", DevSignInAsync);
        account.MapGet("/signin-oidc-start", (string? returnUrl) =>
            TypedResults.Challenge(new AuthenticationProperties { RedirectUri = LocalOrHome(returnUrl) }, [OpenIdConnectDefaults.AuthenticationScheme]));
        // Form posts carry the antiforgery token; sign-out binds no form field, so it asks for the check itself.
        account.MapPost("/signout", SignOutAsync).WithMetadata(new Microsoft.AspNetCore.Antiforgery.RequireAntiforgeryTokenAttribute());
        app.MapPost("/account/clinic", ChooseClinicAsync).RequireAuthorization();
        return app;
    }

    /// <summary>The embedded default only: a development token for a demo user, minted by the gateway.</summary>
    private static async Task<IResult> DevSignInAsync([FromForm] string? user, [FromForm] string? returnUrl, HttpContext context,
        IHttpClientFactory clients, IOptions<PortalOptions> options, ILogger<PortalMarker> logger, CancellationToken ct)
    {
        if (!options.Value.DevSignIn)
            return TypedResults.NotFound();
        if (string.IsNullOrWhiteSpace(user) || user.Length > 64)
            return TypedResults.LocalRedirect("/signin?error=choose-user");

        using var response = await clients.CreateClient(SignInClient).PostAsync($"dev/tokens/{Uri.EscapeDataString(user)}", null, ct);
        if (!response.IsSuccessStatusCode)
        {
            LogDevTokenRefused(logger, (int)response.StatusCode);
            return TypedResults.LocalRedirect("/signin?error=unavailable");
        }
        var minted = await response.Content.ReadFromJsonAsync<MintedToken>(ct) ?? throw new InvalidOperationException("The gateway answered without a token.");
        var principal = PortalUser.From(new JsonWebToken(minted.Token).Claims, user, CookieAuthenticationDefaults.AuthenticationScheme);
        var properties = new AuthenticationProperties { ExpiresUtc = minted.ExpiresAt, IsPersistent = false };
        properties.StoreTokens([new AuthenticationToken { Name = AccessTokenHandler.TokenName, Value = minted.Token }]);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal, properties);
        return TypedResults.LocalRedirect(principal.WorkingClinic() is null && principal.Clinics().Count > 1 ? "/clinic?returnUrl=" + Uri.EscapeDataString(LocalOrHome(returnUrl)) : LocalOrHome(returnUrl));
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IOptions<PortalOptions> options)
    {
        var wasPatient = context.User.IsPatient();
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (wasPatient)
            return TypedResults.LocalRedirect(PatientSignIn.SignInPath);
        if (!string.IsNullOrWhiteSpace(options.Value.Oidc.Authority))
            return TypedResults.SignOut(new AuthenticationProperties { RedirectUri = "/signin" }, [OpenIdConnectDefaults.AuthenticationScheme]);
        return TypedResults.LocalRedirect("/signin");
    }

    /// <summary>Re-issues the cookie with the clinic picked, keeping the tokens it carries.</summary>
    private static async Task<IResult> ChooseClinicAsync([FromForm] Guid? clinicId, [FromForm] string? returnUrl, HttpContext context)
    {
        var user = context.User;
        if (clinicId is not { } chosen || (!user.Clinics().Contains(chosen) && user.Role() != ServiceDefaults.Auth.Roles.ChainAdmin))
            return TypedResults.LocalRedirect("/clinic?error=unknown-clinic");
        var current = await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (current.Properties is not { } properties)
            return TypedResults.LocalRedirect("/signin");
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, user.WithWorkingClinic(chosen), properties);
        return TypedResults.LocalRedirect(LocalOrHome(returnUrl));
    }

    /// <summary>Only a path on this site: a return URL is never a way off it.</summary>
    public static string LocalOrHome(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl : "/";

    [LoggerMessage(Level = LogLevel.Warning, Message = "The gateway refused a development token ({Status})")]
    private static partial void LogDevTokenRefused(ILogger logger, int status);
}
