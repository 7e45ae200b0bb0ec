using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication;

namespace RehabPlatform.Portal.Auth;

/// <summary>Sends every gateway call with the signed-in user's own token, so tenancy, audit and rate limits apply to them.</summary>
public sealed class AccessTokenHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    public const string TokenName = "access_token";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // A token refreshed during this request (PatientSignIn) is newer than the one in the request's cookie.
        if (accessor.HttpContext is { } context && (context.Items[TokenName] as string ?? await context.GetTokenAsync(TokenName)) is { } token)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await base.SendAsync(request, cancellationToken);
    }
}
