namespace RehabPlatform.Clinical;

/// <summary>
/// The red-flag checklist answered at intake (clinical reference, "Red flags at intake"). Every answer is
/// explicit: an unanswered item is a validation error, not a "no".
/// </summary>
public sealed record RedFlagChecklist
{
    public required bool HotRedSwollenJoint { get; init; }
    public required bool Fever { get; init; }
    public required bool RecentTrauma { get; init; }
    /// <summary>Ottawa knee rule criteria; they count only after recent trauma.</summary>
    public required bool IsolatedKneecapTenderness { get; init; }
    public required bool FibularHeadTenderness { get; init; }
    public required bool UnableToFlexTo90Degrees { get; init; }
    public required bool UnableToBearWeightFourSteps { get; init; }
    public required bool RapidSwellingAfterInjury { get; init; }
    public required bool LockedKnee { get; init; }
    public required bool Deformity { get; init; }
    public required bool FirstKneecapDislocation { get; init; }
    public required bool SuspectedTendonRupture { get; init; }
    public required bool NumbnessOrWeakness { get; init; }
    public required bool PoorCirculation { get; init; }
    public required bool CalfSwellingAndWarmth { get; init; }
    public required bool ConstantOrNightPain { get; init; }
    public required bool UnexplainedWeightLoss { get; init; }
    public required bool HistoryOfCancer { get; init; }
    public required bool Limp { get; init; }
    public required bool PinpointBonePain { get; init; }
}

/// <summary>Codes of red flags, as stored and as carried by PatientReferredOut. Never free text.</summary>
public static class RedFlagCodes
{
    public const string PossibleInfection = "possible-infection";
    public const string OttawaAge55OrOver = "ottawa-age-55-or-over";
    public const string OttawaIsolatedKneecapTenderness = "ottawa-isolated-kneecap-tenderness";
    public const string OttawaFibularHeadTenderness = "ottawa-fibular-head-tenderness";
    public const string OttawaUnableToFlex90 = "ottawa-unable-to-flex-90";
    public const string OttawaUnableToBearWeight = "ottawa-unable-to-bear-weight";
    public const string RapidSwellingAfterInjury = "rapid-swelling-after-injury";
    public const string LockedKnee = "locked-knee";
    public const string Deformity = "deformity";
    public const string FirstKneecapDislocation = "first-kneecap-dislocation";
    public const string SuspectedTendonRupture = "suspected-tendon-rupture";
    public const string NeurovascularDeficit = "neurovascular-deficit";
    public const string PossibleClot = "possible-clot";
    public const string ConstantOrNightPain = "constant-or-night-pain";
    public const string UnexplainedWeightLoss = "unexplained-weight-loss";
    public const string HistoryOfCancer = "history-of-cancer";
    public const string AdolescentWithLimp = "adolescent-with-limp";
    public const string PossibleBoneStressInjury = "possible-bone-stress-injury";
}

/// <summary>Any one red flag routes the patient to a physician instead of a program.</summary>
public static class RedFlagScreen
{
    public const int OttawaAgeThreshold = 55;

    /// <param name="ageYears">Age on the day of the intake.</param>
    /// <param name="isRunner">Pinpoint bone pain is a bone-stress flag in runners.</param>
    /// <param name="limpReported">The checklist's limp, or a limp answered in the AKPS.</param>
    public static IReadOnlyList<string> Evaluate(RedFlagChecklist checklist, int ageYears, bool isRunner, bool limpReported)
    {
        var flags = new List<string>();
        void If(bool condition, string code)
        {
            if (condition)
                flags.Add(code);
        }

        If(checklist.HotRedSwollenJoint || checklist.Fever, RedFlagCodes.PossibleInfection);
        if (checklist.RecentTrauma)
        {
            If(ageYears >= OttawaAgeThreshold, RedFlagCodes.OttawaAge55OrOver);
            If(checklist.IsolatedKneecapTenderness, RedFlagCodes.OttawaIsolatedKneecapTenderness);
            If(checklist.FibularHeadTenderness, RedFlagCodes.OttawaFibularHeadTenderness);
            If(checklist.UnableToFlexTo90Degrees, RedFlagCodes.OttawaUnableToFlex90);
            If(checklist.UnableToBearWeightFourSteps, RedFlagCodes.OttawaUnableToBearWeight);
        }
        If(checklist.RapidSwellingAfterInjury, RedFlagCodes.RapidSwellingAfterInjury);
        If(checklist.LockedKnee, RedFlagCodes.LockedKnee);
        If(checklist.Deformity, RedFlagCodes.Deformity);
        If(checklist.FirstKneecapDislocation, RedFlagCodes.FirstKneecapDislocation);
        If(checklist.SuspectedTendonRupture, RedFlagCodes.SuspectedTendonRupture);
        If(checklist.NumbnessOrWeakness || checklist.PoorCirculation, RedFlagCodes.NeurovascularDeficit);
        If(checklist.CalfSwellingAndWarmth, RedFlagCodes.PossibleClot);
        If(checklist.ConstantOrNightPain, RedFlagCodes.ConstantOrNightPain);
        If(checklist.UnexplainedWeightLoss, RedFlagCodes.UnexplainedWeightLoss);
        If(checklist.HistoryOfCancer, RedFlagCodes.HistoryOfCancer);
        If(ageYears is >= 10 and <= 19 && (checklist.Limp || limpReported), RedFlagCodes.AdolescentWithLimp);
        If(isRunner && checklist.PinpointBonePain, RedFlagCodes.PossibleBoneStressInjury);
        return flags;
    }

    public static int AgeOn(DateOnly birthDate, DateOnly day)
    {
        var age = day.Year - birthDate.Year;
        if (birthDate > day.AddYears(-age))
            age--;
        return age;
    }
}
