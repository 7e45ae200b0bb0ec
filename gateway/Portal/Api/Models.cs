namespace RehabPlatform.Portal.Api;

// The portal's view of the platform's JSON. Enumerations stay kebab-case strings as the APIs spell them.

public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record Clinic(Guid Id, string Name, string Region, string TimeZone);

public sealed record PatientView(Guid Id, Guid ClinicId, string GivenName, string FamilyName, DateOnly BirthDate, string Sex,
    string? Email, string? Phone, string PreferredLanguage, string? ExternalRecordNumber, DateTimeOffset RegisteredAt, bool ReferredOut)
{
    public string FullName => $"{GivenName} {FamilyName}";
}

public sealed record PatientSummary(PatientView Patient, string Status, DateTimeOffset? LastIntakeAt);

public sealed record PatientCare(Guid PatientId, string Program, DateTimeOffset? LastSessionAt, bool NotAdhering, IReadOnlyList<string> Attention);

public sealed record WorklistItem(Guid PatientId, string Reason, DateTimeOffset Since);

public sealed record ConsentView(string Scope, bool Granted, string Version, DateTimeOffset RecordedAt, string RecordedBy);

public sealed record InvitationView(Guid Id, string Code, DateTimeOffset CodeExpiresAt);

public sealed record AppAccessView(Guid Id, string Status, DateTimeOffset InvitedAt, string InvitedBy, DateTimeOffset CodeExpiresAt,
    DateTimeOffset? RedeemedAt, DateTimeOffset? LastSeenAt, DateTimeOffset? AccessExpiresAt, DateTimeOffset? EndedAt);

public sealed record ConsentsView(Guid PatientId, IReadOnlyList<ConsentView> Current, IReadOnlyList<ConsentView> History);

public sealed record AkpsOption(string Code, string Label, int Points);

public sealed record AkpsItem(string Code, string Label, IReadOnlyList<AkpsOption> Options);

public sealed record Questionnaire(string Version, int MaxScore, int Mcid, IReadOnlyList<AkpsItem> Items);

public sealed record IntakeView(Guid Id, Guid PatientId, Guid ClinicId, string AkpsVersion, int AkpsScore, int NprsNow, int NprsWorstLastWeek,
    int NprsWhileRunning, string AffectedSide, int SymptomDurationWeeks, string Outcome, IReadOnlyList<string> RedFlags, DateTimeOffset SubmittedAt,
    string Kind, Guid EpisodeId, IReadOnlyList<string> ReviewReasons, string? ReviewedBy, DateTimeOffset? ReviewedAt, DateTimeOffset? ReferralActedAt = null);

public sealed record PrescribedExercise(string ExerciseCode, int? Sets, int? Reps, int? HoldSeconds, int? TargetCadence, int? RunStage);

public sealed record Prescription(int Phase, int SessionsPerWeek, IReadOnlyList<PrescribedExercise> Exercises);

public sealed record ProgressionSettings(int ExercisePainMax, int DailyPainBelow, int RunningPainMax, int SettleMinutesMax);

public sealed record ProgramView(Guid ProgramId, Guid PatientId, Guid ClinicId, Guid TemplateId, int TemplateVersion, int ProgramVersion, int Phase,
    string Status, Prescription Prescription, ProgressionSettings Settings, int ConsecutiveInLimitSessions, DateTimeOffset UpdatedAt,
    DateTimeOffset PhaseStartedAt, int DoseStep, int RunStage, IReadOnlyList<PrescribedExercise> ScheduledDrills, RunStageView? RunPlan);

public sealed record RunStageView(int Stage, int Stages, string Pattern, int RunMinutes, int TotalMinutes, int RunsDone, int RunsNeeded, int RunningPainMax);

public sealed record DecisionView(Guid Id, Guid ProgramId, string Decision, string ReasonCode, int FromPhase, int ToPhase, string Source, string Status,
    DateTimeOffset At, string? DecidedBy, int? ResultingProgramVersion, string RuleSource, string Explanation, IReadOnlyDictionary<string, string> Inputs,
    int ToDoseStep, int ToRunStage, IReadOnlyList<PrescribedExercise>? ProposedDrills);

/// <param name="Contraindications">When to stop or not start; <paramref name="WhatToAvoid"/> is about technique.</param>
public sealed record ExerciseView(string Code, Guid? ClinicId, string Name, string Category, string Instructions, int DefaultSets,
    int? DefaultReps, int? DefaultHoldSeconds, IReadOnlyList<int> Phases, string Equipment, string Contraindications, IReadOnlyList<string> Tags,
    string BodyRegion, string WhatToFeel, string WhatToAvoid);

public sealed record TemplateExercise(string ExerciseCode, int Sets, int? Reps, int? HoldSeconds);

public sealed record TemplatePhase(int Phase, IReadOnlyList<TemplateExercise> Exercises);

/// <param name="Settings">Kept whole, so an edit in the portal changes only the settings it shows and loses none it does not.</param>
public sealed record TemplateView(Guid TemplateId, int Version, string Name, string Description, Guid AuthorClinicId, string Visibility, string Status,
    IReadOnlyList<string> Tags, int SessionsPerWeek, IReadOnlyList<TemplatePhase> Phases, System.Text.Json.Nodes.JsonObject Settings,
    Guid? ForkedFromTemplateId, int? ForkedFromVersion, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt, string AuthorUserId);

public sealed record TemplateChange(string What, string? Before, string? After);

public sealed record TemplateVersionSummary(int Version, string Status, string Name, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt,
    IReadOnlyList<TemplateChange> Changes);

public sealed record ActiveProgramView(Guid PatientId, Guid ProgramId, Guid TemplateId, int TemplateVersion, string TemplateName, int Phase, DateTimeOffset AssignedAt);

public sealed record ExerciseDone(string ExerciseCode, int? SetsDone, int? RepsDone, int? HoldSecondsDone, bool Extra);

public sealed record SessionView(Guid Id, Guid PatientId, Guid ProgramId, int ProgramVersion, string Setting, DateTimeOffset PerformedAt,
    int PainBefore, int PainDuring, int PainAfter, int? MinutesToSettle, int? Rpe, string? Notes, IReadOnlyList<ExerciseDone> Exercises);

public sealed record PainPoint(DateTimeOffset At, string Kind, int Pain);

public sealed record WeekAdherence(DateOnly WeekStart, int Completed, int Prescribed)
{
    public double Ratio => Prescribed == 0 ? 0 : Math.Min(1.0, (double)Completed / Prescribed);
}

public sealed record OutcomeView(Guid Id, DateTimeOffset RecordedAt, int AkpsBaseline, int AkpsFollowUp, int AkpsChange, bool AkpsMcidReached,
    int NprsBaseline, int NprsFollowUp, bool NprsMcidReached, bool Deteriorated, bool SelfReported);

public sealed record SessionsPrescription(Guid ProgramId, int ProgramVersion, int Phase, int SessionsPerWeek, bool Closed, Prescription Prescription);

public sealed record TimelineView(Guid PatientId, SessionsPrescription? Prescription, IReadOnlyList<SessionView> Sessions, IReadOnlyList<PainPoint> PainTrend,
    IReadOnlyList<WeekAdherence> Adherence, IReadOnlyList<OutcomeView> Outcomes, IReadOnlyList<PainReportView>? Runs);

/// <param name="Context">As Sessions names it in JSON: next-morning, while-running, daily-activity.</param>
public sealed record PainReportView(Guid Id, string Context, int Pain, Guid? SessionId, bool? WorseThanBaseline, int? FlareHours, int? RunMinutes,
    decimal? RunDistanceKm, DateTimeOffset ReportedAt);

public sealed record TransferRequestView(Guid Id, Guid PatientId, Guid FromClinicId, Guid ToClinicId, string Status, DateTimeOffset RequestedAt);

// Running form (Form service). Codes stay as the API spells them; Components/Shared/FormLabels words them.

public sealed record GaitMetric(string Code, string Unit, double? Mean, double? Sd, int Count, string? UnavailableReason, double? Left = null, double? Right = null);

public sealed record PosePoint(string Joint, double X, double Y);

/// <summary>The runner on one frame of a representative step, with the values measured on that step.</summary>
public sealed record KeyPose(string Moment, string Leg, double Seconds, IReadOnlyList<PosePoint> Points, IReadOnlyDictionary<string, double> Values);

public sealed record GaitResult(string View, IReadOnlyList<GaitMetric> Metrics, IReadOnlyList<string> Flags, double? Cadence, int? CadenceTarget, string? FootStrike,
    int LeftSteps, int RightSteps, bool LowReliability, IReadOnlyList<string> ReliabilityNotes, IReadOnlyList<string>? LegFlags, IReadOnlyList<KeyPose>? KeyPoses);

public sealed record MetricNorm(string Code, string Range, double? Min, double? Max, string Source);

public sealed record FlagAdvice(string Flag, string Meaning, string Cue, string Source);

public sealed record CaptureView(Guid CaptureId, Guid PatientId, string Status, string Format, string View, double Fps, int FrameCount, DateTimeOffset UploadedAt,
    DateTimeOffset? CompletedAt, bool? LowReliability, string? Error, GaitResult? Result, string? AffectedSide, IReadOnlyList<string> AffectedLegFlags,
    IReadOnlyList<MetricNorm>? Norms, IReadOnlyList<FlagAdvice>? FlagAdvice)
{
    public bool IsSideView => View.StartsWith("side", StringComparison.Ordinal);
}

public sealed record CaptureAccepted(Guid CaptureId, string Status, string StatusUrl);

public sealed record MetricChange(string Code, string Unit, double? Before, double? After, double? Change, double? SmallestDetectable, bool Detectable,
    string Verdict, string? Source);

public sealed record CaptureComparison(Guid Before, Guid After, IReadOnlyList<MetricChange> Changes);

/// <param name="Status">open, answered or cancelled.</param>
/// <param name="Due">Open and from its date on: the patient's app asks for it.</param>
public sealed record FollowUpRequestView(Guid Id, DateTimeOffset DueFrom, string Status, bool Due, DateTimeOffset RequestedAt, Guid? OutcomeId,
    DateTimeOffset? ClosedAt);

public sealed record ChecklistItem(string Code, string View, string Title, string Look, IReadOnlyList<string> Categories, bool PerSide, string? AngleLabel,
    string? Flag, string Source);

public sealed record ChecklistDefinition(IReadOnlyList<ChecklistItem> Items, double LowStepRateAtOrBelow, double StepRateIncreasePercent);

/// <param name="Side">"left", "right", or "both" for whole-body items.</param>
public sealed record ChecklistFinding(string Item, string Side, string Finding, double? Angle, bool Relevant);

public sealed record ChecklistConclusion(IReadOnlyList<string> Flags, IReadOnlyList<string> LegFlags, int? CadenceTarget, int? TargetLow, int? TargetHigh);

public sealed record ChecklistResult(Guid ChecklistId, Guid PatientId, DateTimeOffset AssessedAt, double? StepRate, double? TreadmillSpeedKmh,
    IReadOnlyList<ChecklistFinding> Findings, ChecklistConclusion Conclusion, IReadOnlyList<FlagAdvice> Advice);

/// <param name="Verdict">agree, differ, not-measured or informative.</param>
public sealed record ChecklistItemComparison(string Item, string Title, string Side, string Finding, double? Angle, double? CaptureValue, string? CaptureFinding,
    bool ChecklistFault, bool? CaptureFault, string Verdict, string? CaptureUnit);

public sealed record StepRateComparison(double ChecklistStepRate, double CaptureCadence, double Difference);

public sealed record ChecklistCaptureComparison(Guid ChecklistId, Guid CaptureId, IReadOnlyList<ChecklistItemComparison> Items, StepRateComparison? StepRate);

public sealed record AdjustedDifference(double ObservedMinusExpected, double Low, double High);

public sealed record GroupOutcome(string Group, bool Suppressed, int? Started, double? FollowUpCompleteness, double? McidAmongStarted,
    double? McidAmongFollowedUp, double? MedianAkpsChange, double? MedianNprsChange, double? MedianWeeksToMcid, double? MeanAdherence, double? DropOut,
    AdjustedDifference? CaseMixAdjusted, string? ComparisonWithheld);

public sealed record GroupOutcomeView(string Key, Guid? TemplateId, int? TemplateVersion, Guid? ClinicId, GroupOutcome Outcome, int? Referrals,
    double? MedianHoursToActOnReferral, int? ReferralsNotActedOn);

public sealed record CaseMixModel(double ChainAverage, double PerBaselinePoint, double PerLogSymptomWeek, int FittedOn, double ResidualSd);

public sealed record OutcomeReportView(string By, DateOnly From, DateOnly To, IReadOnlyList<GroupOutcomeView> Groups, CaseMixModel? Model, int Cases, int FollowedUp,
    int MinCellSize, int MinFollowUpsToCompare, string Definitions);
