using System.ComponentModel.DataAnnotations;

namespace RehabPlatform.Portal;

/// <summary>Where the portal finds the platform, and how staff sign in.</summary>
public sealed class PortalOptions
{
    public const string SectionName = "Portal";

    /// <summary>The gateway every API call goes through, with the signed-in user's token.</summary>
    [Required]
    public Uri? GatewayUrl { get; set; }

    /// <summary>
    /// The embedded default: a sign-in page lists the demo users and signs in with a development token from the
    /// gateway. Refused outside Development.
    /// </summary>
    public bool DevSignIn { get; set; }

    /// <summary>Production sign-in (authorization code flow); used when Authority is set.</summary>
    public OidcSettings Oidc { get; set; } = new();

    /// <summary>The largest keypoint file the running-form page takes (the Form service's own limit); other pages keep the server's default.</summary>
    public long MaxCaptureUploadBytes { get; set; } = 50 * 1024 * 1024;

    /// <summary>Where the cookie-encryption keys live, so that sign-ins survive a restart and replicas share them.</summary>
    public string? DataProtectionKeysPath { get; set; }

    public sealed class OidcSettings
    {
        public string? Authority { get; set; }
        public string? ClientId { get; set; }
        public string? ClientSecret { get; set; }
        /// <summary>Scopes beyond openid and profile, such as the API's ("rehabplatform").</summary>
        public List<string> Scopes { get; set; } = [];
        public bool RequireHttpsMetadata { get; set; } = true;
    }
}
