using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace RehabPlatform.ServiceDefaults.Auth;

/// <summary>Patients' tokens: signed by Intake when an invitation is redeemed, accepted by every service with the patient role only.</summary>
public static class PatientTokens
{
    /// <summary>
    /// Both keys validate any token, so the pairing is checked here: the patient key signs patient tokens of the
    /// patient issuer and nothing else, and a staff token can never carry the patient role. Otherwise Intake's key
    /// could stand in for a therapist, or a provider's token for a patient.
    /// </summary>
    public static Task RequireConsistent(TokenValidatedContext context, string patientIssuer, SymmetricSecurityKey patientKey)
    {
        var token = context.SecurityToken;
        var signedByPatientKey = token.SigningKey is SymmetricSecurityKey key && key.Key.AsSpan().SequenceEqual(patientKey.Key);
        var patientIssued = token.Issuer == patientIssuer;
        var principal = context.Principal;
        var isPatient = principal?.FindFirstValue(RehabClaims.Role) == Roles.Patient;
        var namesPatient = Guid.TryParse(principal?.FindFirstValue(RehabClaims.Patient), out _);
        var hasClinics = principal?.HasClaim(c => c.Type == RehabClaims.Clinic) == true;
        if (signedByPatientKey != patientIssued || patientIssued != isPatient || (isPatient && (!namesPatient || hasClinics)))
            context.Fail("The token's issuer, signing key and role do not belong together.");
        return Task.CompletedTask;
    }

    /// <summary>A signed token for the patient of one app access; what Intake hands out at redemption and refresh.</summary>
    public static string Mint(AuthOptions options, SymmetricSecurityKey key, Guid accessId, Guid patientId, DateTimeOffset now, TimeSpan lifetime)
    {
        var issuedAt = now.UtcDateTime.AddMinutes(-1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.PatientIssuer,
            Audience = options.Audience,
            // Pseudonymous: the access id, never anything that names the patient.
            Subject = new ClaimsIdentity([
                new Claim(RehabClaims.Subject, "patient-access:" + accessId),
                new Claim(RehabClaims.Role, Roles.Patient),
                new Claim(RehabClaims.Patient, patientId.ToString()),
                new Claim(RehabClaims.Access, accessId.ToString()),
            ]),
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = now.UtcDateTime.Add(lifetime),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
