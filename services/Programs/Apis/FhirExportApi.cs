using Hl7.Fhir.Model;
using RehabPlatform.Fhir;

namespace RehabPlatform.Programs.Apis;

/// <summary>
/// Programs' part of the patient's FHIR R4 export: each program as a CarePlan that instantiates the exact template
/// version it came from, published as a PlanDefinition, so every exported outcome traces to the program version.
/// </summary>
public static class FhirExportApi
{
    public static IEndpointRouteBuilder MapFhirExportApi(this IEndpointRouteBuilder app)
    {
        app.MapPatientFhirExport("programs", ExportAsync);
        return app;
    }

    private static async Task<IResult> ExportAsync(Guid patientId, ProgramsDbContext db, AuditTrail audit, PatientInScope scope, TimeProvider clock, CancellationToken ct)
    {
        var programs = await db.Programs.AsNoTracking().Where(p => p.PatientId == patientId).OrderBy(p => p.CreatedAt).ToListAsync(ct);
        var templateIds = programs.Select(p => p.TemplateId).Distinct().ToList();
        var templates = (await db.Templates.AsNoTracking().Where(t => templateIds.Contains(t.TemplateId)).ToListAsync(ct))
            .Where(t => programs.Any(p => p.TemplateId == t.TemplateId && p.TemplateVersion == t.Version)).ToList();
        var codes = programs.SelectMany(p => p.Prescription.Exercises.Concat(p.FormDrills)).Select(e => e.ExerciseCode)
            .Concat(templates.SelectMany(t => t.Phases.SelectMany(ph => ph.Exercises)).Select(e => e.ExerciseCode)).Distinct().ToList();
        var names = await db.Exercises.AsNoTracking().Where(e => codes.Contains(e.Code)).GroupBy(e => e.Code).Select(g => new { g.Key, Name = g.First().Name })
            .ToDictionaryAsync(e => e.Key, e => e.Name, ct);
        await audit.RecordReadAsync(PatientReachExtensions.FhirExportResourceType, patientId.ToString(), scope.ClinicId, patientId, purpose: "fhir-export", ct: ct);
        return Results.Text(FhirExport.Serialize(Build(patientId, programs, templates, names, clock.GetUtcNow())), FhirExport.MediaType);
    }

    public static Bundle Build(Guid patientId, IReadOnlyList<PatientProgram> programs, IReadOnlyList<ProgramTemplateVersion> templates,
        IReadOnlyDictionary<string, string> exerciseNames, DateTimeOffset at)
    {
        var resources = new List<Resource>();
        foreach (var template in templates)
            resources.Add(new PlanDefinition
            {
                Id = FhirExport.DerivedId(template.TemplateId, $"v{template.Version}").ToString(),
                Url = FhirExport.PlanDefinitionUrl(template.TemplateId),
                Version = template.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Title = template.Name,
                Description = template.Description,
                Status = PublicationStatus.Active,
                Type = FhirExport.Concept("http://terminology.hl7.org/CodeSystem/plan-definition-type", "clinical-protocol", "Clinical Protocol"),
                Action = template.Phases.OrderBy(p => p.Phase).Select(phase => new PlanDefinition.ActionComponent
                {
                    Title = $"Phase {phase.Phase}",
                    Action = phase.Exercises.Select(e => new PlanDefinition.ActionComponent
                    {
                        Title = exerciseNames.GetValueOrDefault(e.ExerciseCode) ?? e.ExerciseCode,
                        Code = [FhirExport.Concept(FhirExport.Exercises, e.ExerciseCode, exerciseNames.GetValueOrDefault(e.ExerciseCode))],
                        Description = Dose(e.Sets, e.Reps, e.HoldSeconds, null),
                    }).ToList(),
                }).ToList(),
            });
        foreach (var program in programs)
            resources.Add(new CarePlan
            {
                Id = program.Id.ToString(),
                Status = program.Status == ProgramStatus.Active ? RequestStatus.Active : RequestStatus.Completed,
                Intent = CarePlan.CarePlanIntent.Plan,
                Title = $"Runner's knee home program, phase {program.Phase}",
                Subject = FhirExport.Reference(patientId),
                InstantiatesCanonical = [$"{FhirExport.PlanDefinitionUrl(program.TemplateId)}|{program.TemplateVersion}"],
                Period = new Period { StartElement = new FhirDateTime(program.CreatedAt) },
                Created = program.CreatedAt.ToString("o"),
                Activity = program.Prescription.Exercises.Concat(program.FormDrills).Select(e => new CarePlan.ActivityComponent
                {
                    Detail = new CarePlan.DetailComponent
                    {
                        Kind = CarePlan.CarePlanActivityKind.ServiceRequest,
                        Code = FhirExport.Concept(FhirExport.Exercises, e.ExerciseCode, exerciseNames.GetValueOrDefault(e.ExerciseCode)),
                        Status = program.Status == ProgramStatus.Active ? CarePlan.CarePlanActivityStatus.InProgress : CarePlan.CarePlanActivityStatus.Completed,
                        Description = Dose(e.Sets, e.Reps, e.HoldSeconds, e.TargetCadence),
                    },
                }).ToList(),
            });
        return FhirExport.Collection(resources, at);
    }

    private static string Dose(int sets, int? reps, int? holdSeconds, int? cadence) =>
        $"{sets} sets" + (reps is { } r ? $" of {r}" : "") + (holdSeconds is { } h ? $", hold {h} s" : "") + (cadence is { } c ? $", {c} steps/min" : "");
}
