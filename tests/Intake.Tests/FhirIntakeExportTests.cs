using RehabPlatform.Clinical;
using RehabPlatform.Fhir;
using RehabPlatform.Intake.Model;
using RehabPlatform.Intake.UseCases;

namespace RehabPlatform.Intake.Tests;

/// <summary>Intake's part of the FHIR export for a synthetic runner referred out at a reassessment, against a golden Bundle kept in the tests.</summary>
public sealed class FhirIntakeExportTests
{
    private static readonly string GoldenPath = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "Intake.Tests", "Golden", "fhir-intake-synthetic-patient.json");
    private static readonly DateTimeOffset At = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
    private static readonly Guid PatientId = Guid.Parse("0d5a1e1c-6b7e-4f0e-9a51-5b0c1e2d3f40");
    private static readonly Guid ClinicId = Guid.Parse("6f1c2a51-0000-4000-8000-000000000001");

    private static readonly RedFlagChecklist NoRedFlags = JsonSerializer.Deserialize<RedFlagChecklist>(
        JsonSerializer.Serialize(typeof(RedFlagChecklist).GetProperties().ToDictionary(p => p.Name, _ => false)))!;

    private static IntakeAssessment Intake(Guid id, int day, IntakeOutcome outcome, List<string> redFlags) => new()
    {
        Id = id, PatientId = PatientId, ClinicId = ClinicId, AkpsVersion = Akps.Version,
        AkpsAnswers = Akps.Items.ToDictionary(i => i.Code, i => (string?)i.Options[outcome == IntakeOutcome.Cleared ? 1 : 2].Code),
        AkpsScore = outcome == IntakeOutcome.Cleared ? 74 : 52, NprsNow = outcome == IntakeOutcome.Cleared ? 3 : 7, NprsWorstLastWeek = 6, NprsWhileRunning = 5,
        AffectedSide = Side.Left, SymptomDurationWeeks = 10, IsRunner = true, WeeklyDistanceKm = 30, YearsRunning = 6, RecentLoadChange = true,
        RedFlagChecklist = NoRedFlags, RedFlags = redFlags, Outcome = outcome, Kind = day == 0 ? IntakeKind.Initial : IntakeKind.Reassessment,
        EpisodeId = Guid.Parse("9b1f4a7e-2c3d-4e5f-8a9b-0c1d2e3f4a5b"), ReviewReasons = [], SubmittedAt = At.AddDays(day), SubmittedBy = "u-therapist-north",
    };

    private static Hl7.Fhir.Model.Bundle Build()
    {
        var patient = new Patient
        {
            Id = PatientId, ClinicId = ClinicId, GivenName = "Synthetic", FamilyName = "Runner", BirthDate = new DateOnly(1990, 5, 17), Sex = Sex.Female,
            PreferredLanguage = "en", NameKey = "runner|synthetic|1990-05-17", RegisteredAt = At,
        };
        var clinic = new Clinic { Id = ClinicId, Name = "North", Region = "North", TimeZone = "Europe/Amsterdam", OpenedAt = At.AddYears(-3) };
        return FhirIntakeExport.Build(patient, clinic,
        [
            Intake(Guid.Parse("1a2b3c4d-0000-4000-8000-00000000a001"), 0, IntakeOutcome.Cleared, []),
            Intake(Guid.Parse("1a2b3c4d-0000-4000-8000-00000000a002"), 21, IntakeOutcome.ReferredOut, ["constant-or-night-pain"]),
        ], At.AddDays(30));
    }

    [Fact]
    public void The_intake_part_of_the_export_matches_the_golden_bundle_and_parses_back_with_every_reference_resolved()
    {
        var json = FhirExport.Serialize(Build());
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
            File.WriteAllText(GoldenPath, json);

        var parsed = FhirExport.ParseBundle(json);

        Assert.Equal(File.ReadAllText(GoldenPath), json);
        Assert.Equal(json, FhirExport.Serialize(parsed));
        Assert.Equal(["Patient", "Organization", "Questionnaire", "QuestionnaireResponse", "Observation", "Observation", "QuestionnaireResponse", "Observation",
            "Observation", "Flag", "ServiceRequest"], parsed.Entry.Select(e => e.Resource!.TypeName));
        Assert.Empty(FhirExport.UnresolvedReferences(parsed));
    }
}
