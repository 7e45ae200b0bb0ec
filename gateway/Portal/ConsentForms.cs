namespace RehabPlatform.Portal;

/// <summary>The consent forms the chain uses now; a new form version is a new value here.</summary>
public static class ConsentForms
{
    public const string CurrentVersion = "2026-01";
}
