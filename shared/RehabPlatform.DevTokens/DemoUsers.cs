namespace RehabPlatform.ServiceDefaults.Auth;

/// <summary>A user of the embedded demo chain, for development tokens.</summary>
public sealed record DemoUser(string Name, string UserId, string Role, IReadOnlyList<Guid> ClinicIds);

/// <summary>
/// The demo chain's staff. Clinic ids are fixed so that tokens minted before the chain is seeded
/// still match its clinics.
/// </summary>
public static class DemoUsers
{
    public static readonly Guid NorthClinic = Guid.Parse("6f1c2a51-0000-4000-8000-000000000001");
    public static readonly Guid SouthClinic = Guid.Parse("6f1c2a51-0000-4000-8000-000000000002");
    public static readonly Guid EastClinic = Guid.Parse("6f1c2a51-0000-4000-8000-000000000003");

    public static readonly IReadOnlyList<DemoUser> All =
    [
        new("chain-admin", "u-chain-admin", Roles.ChainAdmin, [NorthClinic, SouthClinic, EastClinic]),
        new("manager-north", "u-manager-north", Roles.ClinicManager, [NorthClinic]),
        new("therapist-north", "u-therapist-north", Roles.Therapist, [NorthClinic]),
        new("therapist-south", "u-therapist-south", Roles.Therapist, [SouthClinic]),
        new("ops", "u-ops", Roles.Ops, []),
    ];

    public static DemoUser? Find(string name) => All.FirstOrDefault(u => string.Equals(u.Name, name, StringComparison.OrdinalIgnoreCase));
}
