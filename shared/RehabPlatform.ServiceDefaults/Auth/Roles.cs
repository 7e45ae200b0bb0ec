namespace RehabPlatform.ServiceDefaults.Auth;

/// <summary>Role names as they appear in the token's "role" claim.</summary>
public static class Roles
{
    public const string ChainAdmin = "chain-admin";
    public const string ClinicManager = "clinic-manager";
    public const string Therapist = "therapist";
    /// <summary>Aggregates only: never patient-level data.</summary>
    public const string Ops = "ops";
    /// <summary>A patient signed in with an invitation: their own data only, never a clinic's.</summary>
    public const string Patient = "patient";

    public static readonly IReadOnlySet<string> All = new HashSet<string>([ChainAdmin, ClinicManager, Therapist, Ops, Patient]);
}

/// <summary>Authorization policy names shared by every service.</summary>
public static class Policies
{
    /// <summary>Staff who may see patient data of their clinics.</summary>
    public const string ClinicalStaff = "clinical-staff";
    public const string ChainAdmin = "chain-admin";
    public const string Ops = "ops";
    /// <summary>Aggregated outcomes: chain admins and ops for the chain, clinic managers for their clinics.</summary>
    public const string Outcomes = "outcomes";
    /// <summary>Routes a patient may call about themselves as well as staff about their clinics' patients.</summary>
    public const string PatientOrStaff = "patient-or-staff";
}

/// <summary>Claim types of RehabPlatform tokens (inbound claim mapping is off, so these are the JWT names).</summary>
public static class RehabClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    /// <summary>One claim per clinic the caller works at.</summary>
    public const string Clinic = "clinic";
    /// <summary>In a patient's token: the patient it speaks for.</summary>
    public const string Patient = "patient";
    /// <summary>In a patient's token: the app access (the redeemed invitation) it was issued under.</summary>
    public const string Access = "access";
}
