namespace RehabPlatform.Clinical;

/// <summary>Numeric Pain Rating Scale: whole numbers 0 (no pain) to 10 (worst imaginable); LOINC 72514-3.</summary>
public static class Nprs
{
    public const int Min = 0;
    public const int Max = 10;

    public static bool IsValid(int? value) => value is >= Min and <= Max;

    /// <summary>
    /// Clinically important improvement: the generic clinic rule of a drop of at least 2 points or 30 %
    /// (the patellofemoral MCID of about 1.2 points, Piva 2009, is smaller, so this rule is the stricter one).
    /// </summary>
    public static bool ReachesMcid(int baseline, int followUp)
    {
        var drop = baseline - followUp;
        return drop >= 2 || (baseline > 0 && drop >= 0.3 * baseline);
    }

    /// <summary>Clinically important worsening: the same rule the other way, a rise of at least 2 points or 30 %.</summary>
    public static bool WorsensByMcid(int baseline, int followUp)
    {
        var rise = followUp - baseline;
        return rise >= 2 || (baseline > 0 && rise > 0 && rise >= 0.3 * baseline);
    }
}
