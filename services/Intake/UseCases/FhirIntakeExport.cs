using Hl7.Fhir.Model;
using RehabPlatform.Fhir;
using FhirPatient = Hl7.Fhir.Model.Patient;

namespace RehabPlatform.Intake.UseCases;

/// <summary>
/// Intake's part of a patient's FHIR export: the Patient with their clinic as managing Organization, the AKPS
/// Questionnaire, each intake as a QuestionnaireResponse with its total and pain now as Observations, and each red-flag
/// referral as a Flag and a ServiceRequest to a physician.
/// </summary>
public static class FhirIntakeExport
{
    /// <summary>SNOMED CT 3457005 "Patient referral".</summary>
    private static readonly Coding PatientReferral = new(FhirExport.Snomed, "3457005", "Patient referral");

    public static Bundle Build(Model.Patient patient, Clinic clinic, IReadOnlyList<IntakeAssessment> intakes, DateTimeOffset at)
    {
        var resources = new List<Resource>
        {
            new FhirPatient
            {
                Id = patient.Id.ToString(),
                Identifier = [new Identifier(FhirExport.PatientIds, patient.Id.ToString())],
                Name = [new HumanName { Family = patient.FamilyName, Given = [patient.GivenName], Use = HumanName.NameUse.Official }],
                BirthDate = patient.BirthDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                Gender = patient.Sex switch { Sex.Female => AdministrativeGender.Female, Sex.Male => AdministrativeGender.Male, Sex.Intersex => AdministrativeGender.Other, _ => AdministrativeGender.Unknown },
                ManagingOrganization = FhirExport.Reference(clinic.Id),
            },
            new Organization
            {
                Id = clinic.Id.ToString(), Identifier = [new Identifier(FhirExport.ClinicIds, clinic.Id.ToString())], Name = clinic.Name, Active = true,
            },
        };
        if (intakes.Count > 0)
            resources.Add(OutcomeResources.AkpsQuestionnaire());
        foreach (var intake in intakes.OrderBy(i => i.SubmittedAt))
        {
            resources.Add(OutcomeResources.AkpsResponse(intake.Id, patient.Id, intake.AkpsAnswers, intake.AkpsVersion, intake.SubmittedAt));
            resources.Add(OutcomeResources.AkpsTotal(intake.Id, patient.Id, intake.AkpsScore, intake.SubmittedAt));
            resources.Add(OutcomeResources.PainNow(intake.Id, patient.Id, intake.NprsNow, intake.SubmittedAt));
            if (intake.Outcome == IntakeOutcome.ReferredOut)
                resources.AddRange(Referral(intake, clinic.Id));
        }
        return FhirExport.Collection(resources, at);
    }

    private static IEnumerable<Resource> Referral(IntakeAssessment intake, Guid clinicId)
    {
        var referredAt = intake.ReviewedAt ?? intake.SubmittedAt;
        var reasons = intake.RedFlags.Select(code => FhirExport.Concept(FhirExport.RedFlags, code)).ToList();
        yield return new Flag
        {
            Id = FhirExport.DerivedId(intake.Id, "red-flag").ToString(),
            Status = intake.ReferralActedAt is null ? Flag.FlagStatus.Active : Flag.FlagStatus.Inactive,
            Category = [FhirExport.Concept("http://terminology.hl7.org/CodeSystem/flag-category", "clinical", "Clinical")],
            Code = new CodeableConcept { Coding = reasons.SelectMany(r => r.Coding).ToList(), Text = "Red flag at intake: referred to a physician" },
            Subject = FhirExport.Reference(intake.PatientId),
            Period = new Period { StartElement = new FhirDateTime(referredAt), EndElement = intake.ReferralActedAt is { } acted ? new FhirDateTime(acted) : null },
            Author = FhirExport.Reference(clinicId),
        };
        yield return new ServiceRequest
        {
            Id = FhirExport.DerivedId(intake.Id, "referral").ToString(),
            Status = intake.ReferralActedAt is null ? RequestStatus.Active : RequestStatus.Completed,
            Intent = RequestIntent.Order,
            Code = new CodeableConcept { Coding = [PatientReferral], Text = "Referral to a physician" },
            Subject = FhirExport.Reference(intake.PatientId),
            AuthoredOn = referredAt.ToString("o"),
            Requester = FhirExport.Reference(clinicId),
            ReasonCode = reasons,
            SupportingInfo = [FhirExport.Reference(FhirExport.DerivedId(intake.Id, "red-flag")), FhirExport.Reference(intake.Id)],
        };
    }
}
