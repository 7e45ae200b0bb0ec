using System.Security.Cryptography;
using System.Text;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;

namespace RehabPlatform.Fhir;

/// <summary>
/// What every service's part of a patient's FHIR R4 export shares: the platform's canonical URLs and code systems,
/// stable ids, references that resolve inside one Bundle (<c>urn:uuid:</c> full URLs), and (de)serialisation with the
/// Firely SDK. Each service exports only what it owns; the gateway merges the parts into one Bundle.
/// </summary>
public static class FhirExport
{
    public const string MediaType = "application/fhir+json";
    public const string Base = "https://rehabplatform.example/fhir";

    /// <summary>The AKPS has no LOINC code: the platform publishes it as its own Questionnaire.</summary>
    public const string AkpsQuestionnaire = Base + "/Questionnaire/akps-kujala-13";
    public const string OutcomeMeasures = Base + "/CodeSystem/outcome-measure";
    /// <summary>Running cadence and the other gait metrics have no LOINC codes; the platform's own system names them by their metric codes.</summary>
    public const string RunningFormMetrics = Base + "/CodeSystem/running-form-metric";
    public const string RedFlags = Base + "/CodeSystem/red-flag";
    public const string Exercises = Base + "/CodeSystem/exercise";
    public const string ClinicIds = Base + "/sid/clinic";
    public const string PatientIds = Base + "/sid/patient";
    public const string Loinc = "http://loinc.org";
    public const string Snomed = "http://snomed.info/sct";
    public const string Ucum = "http://unitsofmeasure.org";
    public const string ObservationCategories = "http://terminology.hl7.org/CodeSystem/observation-category";

    /// <summary>NPRS: "Pain severity - 0-10 verbal numeric rating [Score] - Reported".</summary>
    public static readonly Coding NprsCode = new(Loinc, "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported");

    public static string PlanDefinitionUrl(Guid templateId) => $"{Base}/PlanDefinition/{templateId}";

    public static string FullUrl(Guid id) => $"urn:uuid:{id}";

    public static ResourceReference Reference(Guid id) => new(FullUrl(id));

    /// <summary>
    /// A stable id for a resource derived from another (an AKPS total from its questionnaire response): the same export
    /// twice gives the same ids, so a receiving record can update instead of duplicating.
    /// </summary>
    public static Guid DerivedId(Guid source, string kind)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{source:N}/{kind}"));
        hash[6] = (byte)((hash[6] & 0x0F) | 0x80);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16));
    }

    /// <summary>A collection Bundle of the resources, each under its <c>urn:uuid:</c> full URL (its id).</summary>
    public static Bundle Collection(IEnumerable<Resource> resources, DateTimeOffset at)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Collection, Timestamp = at };
        foreach (var resource in resources)
            bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = $"urn:uuid:{resource.Id}", Resource = resource });
        return bundle;
    }

    /// <summary>The parts of one patient's export as one Bundle; a resource two parts both carry (the Patient) appears once.</summary>
    public static Bundle Merge(IEnumerable<Bundle> parts, DateTimeOffset at)
    {
        var merged = new Bundle { Type = Bundle.BundleType.Collection, Timestamp = at, Id = Guid.NewGuid().ToString() };
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in parts.SelectMany(p => p.Entry))
            if (entry.FullUrl is { } url && seen.Add(url))
                merged.Entry.Add(entry);
        return merged;
    }

    public static string Serialize(Resource resource) => resource.ToJson();

    /// <summary>Parses strictly: anything the R4 model does not allow throws <see cref="DeserializationFailedException"/>.</summary>
    public static Bundle ParseBundle(string json) => (Bundle)new FhirJsonDeserializer().DeserializeResource(json);

    /// <summary>References inside the bundle (<c>urn:uuid:</c>) that no entry's full URL answers: an empty list for a sound export.</summary>
    public static IReadOnlyList<string> UnresolvedReferences(Bundle bundle)
    {
        var fullUrls = bundle.Entry.Select(e => e.FullUrl).ToHashSet(StringComparer.Ordinal);
        return bundle.Entry.Where(e => e.Resource is not null).SelectMany(e => Descendants(e.Resource!).OfType<ResourceReference>())
            .Select(r => r.Reference).Where(r => r is not null && r.StartsWith("urn:uuid:", StringComparison.Ordinal) && !fullUrls.Contains(r))
            .Distinct().ToList()!;
    }

    private static IEnumerable<Base> Descendants(Base node)
    {
        foreach (var (_, value) in node.EnumerateElements())
        {
            var children = value switch { Base one => [one], IEnumerable<Base> many => many, _ => [] };
            foreach (var child in children)
            {
                yield return child;
                foreach (var descendant in Descendants(child))
                    yield return descendant;
            }
        }
    }

    public static CodeableConcept Concept(string system, string code, string? display = null) => new(system, code, display);

    public static Quantity Quantity(double value, string unit) => unit switch
    {
        "deg" => new Quantity((decimal)Math.Round(value, 2), "deg", Ucum) { Unit = "°" },
        "steps/min" => new Quantity((decimal)Math.Round(value, 1), "/min", Ucum) { Unit = "steps/min" },
        "%-leg-length" => new Quantity((decimal)Math.Round(value, 2), "%", Ucum) { Unit = "% of leg length" },
        "leg-lengths" => new Quantity((decimal)Math.Round(value, 3), "1", Ucum) { Unit = "leg lengths" },
        _ => new Quantity { Value = (decimal)Math.Round(value, 3), Unit = unit },
    };
}
