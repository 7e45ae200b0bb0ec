using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication;

namespace RehabPlatform.Portal.Auth;

/// <summary>Sends every gateway call with the signed-in user's own token, so tenancy, audit and rate limits apply to them.</summary>
public sealed class AccessTokenHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    public const string TokenName = "access_token";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext is { } context && await CurrentAsync(context, TokenName) is { } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// A token of this request's sign-in: one refreshed during the request (PatientSignIn) first, then the cookie as the
    /// authentication middleware already read it (a page makes several calls; the cookie is decrypted once).
    /// </summary>
    public static async Task<string?> CurrentAsync(HttpContext context, string name) =>
        context.Items[name] as string
        ?? (context.Features.Get<IAuthenticateResultFeature>()?.AuthenticateResult?.Properties is { } properties
            ? properties.GetTokenValue(name)
            : await context.GetTokenAsync(name));
}
