namespace RehabPlatform.ServiceDefaults.Auth;

/// <summary>Role names as they appear in the token's "role" claim.</summary>
public static class Roles
{
    public const string ChainAdmin = "chain-admin";
    public const string ClinicManager = "clinic-manager";
    public const string Therapist = "therapist";
    /// <summary>Aggregates only: never patient-level data.</summary>
    public const string Ops = "ops";

    public static readonly IReadOnlySet<string> All = new HashSet<string>([ChainAdmin, ClinicManager, Therapist, Ops]);
}

/// <summary>Authorization policy names shared by every service.</summary>
public static class Policies
{
    /// <summary>Staff who may see patient data of their clinics.</summary>
    public const string ClinicalStaff = "clinical-staff";
    public const string ChainAdmin = "chain-admin";
    public const string Ops = "ops";
}

/// <summary>Claim types of RehabPlatform tokens (inbound claim mapping is off, so these are the JWT names).</summary>
public static class RehabClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    /// <summary>One claim per clinic the caller works at.</summary>
    public const string Clinic = "clinic";
}
