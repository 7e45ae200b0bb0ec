using Hl7.Fhir.Model;
using RehabPlatform.Clinical;

namespace RehabPlatform.Fhir;

/// <summary>The AKPS and NPRS as FHIR: the questionnaire, each response, its total as an Observation derived from it, and pain now.</summary>
public static class OutcomeResources
{
    private static readonly Guid QuestionnaireId = FhirExport.DerivedId(Guid.Empty, FhirExport.AkpsQuestionnaire);

    public static Questionnaire AkpsQuestionnaire() => new()
    {
        Id = QuestionnaireId.ToString(),
        Url = FhirExport.AkpsQuestionnaire,
        Version = Akps.Version,
        Name = "AnteriorKneePainScale",
        Title = "Anterior Knee Pain Scale (Kujala), 13 items",
        Status = PublicationStatus.Active,
        SubjectType = [ResourceType.Patient],
        Item = Akps.Items.Select(item => new Questionnaire.ItemComponent
        {
            LinkId = item.Code,
            Text = item.Label,
            Type = Questionnaire.QuestionnaireItemType.Choice,
            Required = true,
            AnswerOption = item.Options.Select(o => new Questionnaire.AnswerOptionComponent { Value = new Coding($"{FhirExport.AkpsQuestionnaire}/{item.Code}", o.Code, o.Label) }).ToList(),
        }).ToList(),
    };

    /// <summary>A completed AKPS: each answer as the option's coding; an item left unanswered is left out.</summary>
    public static QuestionnaireResponse AkpsResponse(Guid id, Guid patientId, IReadOnlyDictionary<string, string?> answers, string version, DateTimeOffset at) => new()
    {
        Id = id.ToString(),
        Questionnaire = $"{FhirExport.AkpsQuestionnaire}|{version}",
        Status = QuestionnaireResponse.QuestionnaireResponseStatus.Completed,
        Subject = FhirExport.Reference(patientId),
        Authored = at.ToString("o"),
        Item = Akps.Items.Where(i => answers.GetValueOrDefault(i.Code) is not null).Select(i =>
        {
            var option = i.Options.FirstOrDefault(o => o.Code == answers[i.Code]);
            return new QuestionnaireResponse.ItemComponent
            {
                LinkId = i.Code,
                Text = i.Label,
                Answer = [new QuestionnaireResponse.AnswerComponent { Value = new Coding($"{FhirExport.AkpsQuestionnaire}/{i.Code}", answers[i.Code], option?.Label) }],
            };
        }).ToList(),
    };

    /// <summary>The AKPS total (0-100) derived from its response.</summary>
    public static Observation AkpsTotal(Guid responseId, Guid patientId, int total, DateTimeOffset at) => new()
    {
        Id = FhirExport.DerivedId(responseId, "akps-total").ToString(),
        Status = ObservationStatus.Final,
        Category = [FhirExport.Concept(FhirExport.ObservationCategories, "survey", "Survey")],
        Code = FhirExport.Concept(FhirExport.OutcomeMeasures, "akps-total", "Anterior Knee Pain Scale total (0-100)"),
        Subject = FhirExport.Reference(patientId),
        Effective = new FhirDateTime(at),
        Value = new Integer(total),
        DerivedFrom = [FhirExport.Reference(responseId)],
    };

    /// <summary>Pain now on the 0-10 numeric rating scale (LOINC 72514-3).</summary>
    public static Observation PainNow(Guid sourceId, Guid patientId, int pain, DateTimeOffset at) => new()
    {
        Id = FhirExport.DerivedId(sourceId, "nprs-now").ToString(),
        Status = ObservationStatus.Final,
        Category = [FhirExport.Concept(FhirExport.ObservationCategories, "survey", "Survey")],
        Code = new CodeableConcept { Coding = [FhirExport.NprsCode], Text = "Knee pain now (0-10)" },
        Subject = FhirExport.Reference(patientId),
        Effective = new FhirDateTime(at),
        Value = new Integer(pain),
    };
}
