using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using RehabPlatform.Portal.Api;
using RehabPlatform.Portal.Auth;
using RehabPlatform.Portal.Components;
using RehabPlatform.ServiceDefaults;
using RehabPlatform.ServiceDefaults.Auth;

namespace RehabPlatform.Portal;

public static class PortalExtensions
{
    public const string ServiceName = "portal";

    public static IHostApplicationBuilder AddPortal(this IHostApplicationBuilder builder)
    {
        builder.AddPlatformTelemetry(ServiceName);
        builder.Services.AddHealthChecks();
        var options = builder.Configuration.GetSection(PortalOptions.SectionName).Get<PortalOptions>() ?? new PortalOptions();
        builder.Services.AddOptions<PortalOptions>().Bind(builder.Configuration.GetSection(PortalOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => !o.DevSignIn || builder.Environment.IsDevelopment(), "Portal:DevSignIn is refused outside the Development environment.")
            .Validate(o => o.DevSignIn || !string.IsNullOrWhiteSpace(o.Oidc.Authority), "Configure Portal:Oidc:Authority (production) or Portal:DevSignIn (embedded default).")
            .ValidateOnStart();

        builder.Services.AddRazorComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddAntiforgery();
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("rehabplatform-portal");
        if (!string.IsNullOrWhiteSpace(options.DataProtectionKeysPath))
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(options.DataProtectionKeysPath));

        builder.AddSignIn(options);

        builder.Services.AddTransient<AccessTokenHandler>();
        builder.Services.AddHttpClient<GatewayClient>(client =>
            {
                client.BaseAddress = options.GatewayUrl;
                client.Timeout = TimeSpan.FromSeconds(20);
            })
            .AddHttpMessageHandler<AccessTokenHandler>();
        builder.Services.AddHttpClient(AccountEndpoints.SignInClient, client => client.BaseAddress = options.GatewayUrl);
        builder.Services.AddScoped<IntakeApi>();
        builder.Services.AddScoped<ProgramsApi>();
        builder.Services.AddScoped<SessionsApi>();
        builder.Services.AddScoped<OpsApi>();
        builder.Services.AddScoped<FormApi>();
        builder.Services.AddScoped<ClinicTime>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton(TimeProvider.System);

        // The gateway in front forwards the client's scheme and host: cookies and OIDC redirects must use them.
        builder.Services.Configure<ForwardedHeadersOptions>(forwarded =>
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost);
        return builder;
    }

    private static void AddSignIn(this IHostApplicationBuilder builder, PortalOptions options)
    {
        var authentication = builder.Services.AddAuthentication(auth =>
        {
            auth.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            auth.DefaultChallengeScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        });
        authentication.AddCookie(cookie =>
        {
            cookie.LoginPath = "/signin";
            cookie.AccessDeniedPath = "/denied";
            cookie.Cookie.Name = "rehab.portal";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.SlidingExpiration = false;
            // A patient's page sends a signed-out visitor to the code page, not to the staff sign-in.
            cookie.Events.OnRedirectToLogin = context =>
            {
                context.Response.Redirect(context.Request.Path.StartsWithSegments("/my") ? PatientSignIn.SignInPath : context.RedirectUri);
                return Task.CompletedTask;
            };
        });

        if (!string.IsNullOrWhiteSpace(options.Oidc.Authority))
        {
            authentication.AddOpenIdConnect(OpenIdConnectDefaults.AuthenticationScheme, oidc =>
            {
                oidc.Authority = options.Oidc.Authority;
                oidc.ClientId = options.Oidc.ClientId;
                oidc.ClientSecret = options.Oidc.ClientSecret;
                oidc.ResponseType = OpenIdConnectResponseType.Code;
                oidc.UsePkce = true;
                oidc.SaveTokens = true;
                oidc.GetClaimsFromUserInfoEndpoint = true;
                oidc.MapInboundClaims = false;
                oidc.RequireHttpsMetadata = options.Oidc.RequireHttpsMetadata;
                oidc.TokenValidationParameters.NameClaimType = "name";
                oidc.TokenValidationParameters.RoleClaimType = RehabClaims.Role;
                foreach (var scope in options.Oidc.Scopes)
                    oidc.Scope.Add(scope);
                // The role and clinics come from the same provider as the API's token; keep only what the portal uses.
                oidc.Events.OnTokenValidated = context =>
                {
                    var name = context.Principal?.FindFirst("name")?.Value ?? context.Principal?.FindFirst(RehabClaims.Subject)?.Value ?? "";
                    context.Principal = PortalUser.From(context.Principal?.Claims ?? [], name, CookieAuthenticationDefaults.AuthenticationScheme);
                    return Task.CompletedTask;
                };
            });
        }
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(PortalPolicies.ClinicalStaff, policy => policy.RequireRole(Roles.ChainAdmin, Roles.ClinicManager, Roles.Therapist))
            .AddPolicy(PortalPolicies.Patient, policy => policy.RequireRole(Roles.Patient));
    }

    public static WebApplication UsePortal(this WebApplication app)
    {
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.Use((context, next) =>
        {
            // Pages show patient data: no cache keeps them.
            context.Response.OnStarting(() =>
            {
                if (!context.Request.Path.StartsWithSegments("/_framework") && !context.Request.Path.StartsWithSegments("/css"))
                    context.Response.Headers.CacheControl = "no-store";
                context.Response.Headers.XContentTypeOptions = "nosniff";
                context.Response.Headers["Referrer-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
        app.Use((context, next) =>
        {
            // Keypoint files are larger than any other form: only the running-form page's posts may be.
            if (HttpMethods.IsPost(context.Request.Method) && IsCaptureUpload(context.Request.Path)
                && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                limit.MaxRequestBodySize = context.RequestServices.GetRequiredService<IOptions<PortalOptions>>().Value.MaxCaptureUploadBytes;
            return next(context);
        });
        app.UseAuthentication();
        app.Use(PatientSignIn.KeepFreshAsync);
        app.UseAuthorization();
        app.UseAntiforgery();

        // The gateway's aggregated health probes /health/ready of everything behind it.
        app.MapHealthChecks("/health/ready").AllowAnonymous();
        app.MapHealthChecks("/health/live").AllowAnonymous();
        app.MapStaticAssets();
        app.MapAccountEndpoints();
        app.MapPatientSignIn();
        app.MapPatientCalendar();
        app.MapPatientFhirExport();
        app.MapRazorComponents<App>();
        return app;
    }

    /// <summary>"/patients/{id}/form": the page that takes keypoint files.</summary>
    private static bool IsCaptureUpload(PathString path) =>
        path.Value?.Split('/', StringSplitOptions.RemoveEmptyEntries) is ["patients", var id, "form"] && Guid.TryParse(id, out _);
}

public static class PortalPolicies
{
    public const string ClinicalStaff = "clinical-staff";
    public const string Patient = "patient";
}

/// <summary>Marker for WebApplicationFactory and loggers.</summary>
public sealed class PortalMarker;
