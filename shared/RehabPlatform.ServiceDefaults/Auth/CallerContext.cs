using System.Security.Claims;

namespace RehabPlatform.ServiceDefaults.Auth;

/// <summary>Who is calling, as the validated token says: pseudonymous user id, role and clinics.</summary>
public sealed class CallerContext(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal User => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public bool IsAuthenticated => User.Identity?.IsAuthenticated == true;

    public string UserId => User.FindFirstValue(RehabClaims.Subject) ?? "anonymous";

    public string Role => User.FindFirstValue(RehabClaims.Role) ?? "none";

    public bool IsChainAdmin => Role == Roles.ChainAdmin;

    public bool IsPatient => Role == Roles.Patient;

    /// <summary>The patient a patient's token speaks for; null for staff.</summary>
    public Guid? PatientId => IsPatient && Guid.TryParse(User.FindFirstValue(RehabClaims.Patient), out var id) ? id : null;

    public IReadOnlySet<Guid> ClinicIds => _clinicIds ??= User.FindAll(RehabClaims.Clinic)
        .Select(c => Guid.TryParse(c.Value, out var id) ? id : Guid.Empty)
        .Where(id => id != Guid.Empty)
        .ToHashSet();

    private HashSet<Guid>? _clinicIds;

    /// <summary>Chain admins reach every clinic; everyone else only the clinics in their token.</summary>
    public bool CanAccessClinic(Guid clinicId) => IsChainAdmin || ClinicIds.Contains(clinicId);

    /// <summary>A patient reaches their own record only; staff reach the patients of their clinics.</summary>
    public bool CanReachPatient(Guid patientId, Guid clinicId) => IsPatient ? PatientId == patientId : CanAccessClinic(clinicId);
}
