using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RehabPlatform.ServiceDefaults.Auth;

namespace RehabPlatform.Gateway.Apis;

/// <summary>
/// Development tokens for the demo chain's users, served only when Gateway:DevTokensEnabled is true
/// (the embedded default). Production tokens come from the configured OIDC authority.
/// </summary>
public static class DevTokensApi
{
    public sealed record DemoUserView(string Name, string Role, IReadOnlyList<Guid> Clinics);

    public sealed record TokenResponse(string Token, DateTimeOffset ExpiresAt, DemoUserView User);

    public static IEndpointRouteBuilder MapDevTokensApi(this IEndpointRouteBuilder app)
    {
        if (!app.ServiceProvider.GetRequiredService<IOptions<GatewayOptions>>().Value.DevTokensEnabled)
            return app;
        // Anyone who reaches this endpoint can act as a chain admin: it exists for the embedded default only.
        if (!app.ServiceProvider.GetRequiredService<IHostEnvironment>().IsDevelopment())
            throw new InvalidOperationException("Gateway:DevTokensEnabled is refused outside the Development environment.");

        var group = app.MapGroup("/dev/tokens").AllowAnonymous().WithTags("Development tokens");
        group.MapGet("/", () => TypedResults.Ok(DemoUsers.All.Select(View)));
        group.MapPost("/{user}", MintAsync);
        return app;
    }

    private static IResult MintAsync(string user, int? lifetimeMinutes, DevTokenIssuer issuer, TimeProvider clock)
    {
        if (DemoUsers.Find(user) is not { } demoUser)
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown demo user",
                detail: "Known users: " + string.Join(", ", DemoUsers.All.Select(u => u.Name)));
        var minutes = lifetimeMinutes ?? 480;
        if (minutes is < 1 or > 1440)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["lifetimeMinutes"] = ["Between 1 and 1440."] });

        var lifetime = TimeSpan.FromMinutes(minutes);
        return TypedResults.Ok(new TokenResponse(issuer.Mint(demoUser, lifetime), clock.GetUtcNow().Add(lifetime), View(demoUser)));
    }

    private static DemoUserView View(DemoUser user) => new(user.Name, user.Role, user.ClinicIds);
}
