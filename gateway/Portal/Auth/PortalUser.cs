using System.Security.Claims;
using RehabPlatform.ServiceDefaults.Auth;

namespace RehabPlatform.Portal.Auth;

/// <summary>The signed-in member of staff as the portal's cookie carries them: role, clinics and the clinic they work at now.</summary>
public static class PortalUser
{
    /// <summary>The clinic picked for this sign-in; lists, registration and the worklist use it.</summary>
    public const string WorkingClinicClaim = "working_clinic";
    public const string DisplayNameClaim = "display_name";

    public static string Role(this ClaimsPrincipal user) => user.FindFirstValue(RehabClaims.Role) ?? "";

    /// <summary>The user's id in the platform, as the services record it (a template's author, an audit row's user).</summary>
    public static string UserId(this ClaimsPrincipal user) => user.FindFirstValue(RehabClaims.Subject) ?? "";

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayNameClaim) ?? user.FindFirstValue("name") ?? user.FindFirstValue(RehabClaims.Subject) ?? "";

    public static IReadOnlyList<Guid> Clinics(this ClaimsPrincipal user) =>
        user.FindAll(RehabClaims.Clinic).Select(c => Guid.TryParse(c.Value, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).ToList();

    public static Guid? WorkingClinic(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(WorkingClinicClaim), out var id) ? id : null;

    public static bool IsClinicalStaff(this ClaimsPrincipal user) =>
        user.Role() is Roles.ChainAdmin or Roles.ClinicManager or Roles.Therapist;

    public static bool IsOps(this ClaimsPrincipal user) => user.Role() is Roles.Ops or Roles.ChainAdmin;

    public static bool IsPatient(this ClaimsPrincipal user) => user.Role() == Roles.Patient;

    /// <summary>The patient a patient's sign-in speaks for.</summary>
    public static Guid? PatientId(this ClaimsPrincipal user) => Guid.TryParse(user.FindFirstValue(RehabClaims.Patient), out var id) ? id : null;

    /// <summary>
    /// The cookie's identity from a token's claims. The token itself is validated by the gateway on every call; these
    /// claims only shape the navigation. A user with one clinic works there; several clinics pick one after signing in.
    /// </summary>
    public static ClaimsPrincipal From(IEnumerable<Claim> tokenClaims, string displayName, string authenticationType)
    {
        var claims = tokenClaims.Where(c => c.Type is RehabClaims.Subject or RehabClaims.Role or RehabClaims.Clinic)
            .Select(c => new Claim(c.Type, c.Value)).ToList();
        claims.Add(new Claim(DisplayNameClaim, displayName));
        var clinics = claims.Where(c => c.Type == RehabClaims.Clinic).Select(c => c.Value).Distinct().ToList();
        if (clinics.Count == 1)
            claims.Add(new Claim(WorkingClinicClaim, clinics[0]));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, DisplayNameClaim, RehabClaims.Role));
    }

    public static ClaimsPrincipal WithWorkingClinic(this ClaimsPrincipal user, Guid clinicId)
    {
        var identity = (ClaimsIdentity)user.Identity!;
        var claims = identity.Claims.Where(c => c.Type != WorkingClinicClaim).Append(new Claim(WorkingClinicClaim, clinicId.ToString()));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, identity.AuthenticationType, DisplayNameClaim, RehabClaims.Role));
    }
}
