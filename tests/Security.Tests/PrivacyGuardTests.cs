using System.Text.RegularExpressions;

namespace RehabPlatform.SecurityTests;

/// <summary>
/// What keeps patient data out of logs, at the source: every log statement of the product is a [LoggerMessage]
/// template, whose parameters are reviewed where they are declared. The runtime scans (System.Tests, Intake.Tests)
/// check the output of every process for the patients' names, contact details and birth dates.
/// </summary>
public sealed partial class PrivacyGuardTests
{
    [Fact]
    public void Product_code_logs_only_through_LoggerMessage_templates_and_never_a_patient_field()
    {
        var files = new[] { "services", "shared", "gateway" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(TestEnvironment.RepositoryRoot, folder), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        var adHoc = new List<string>();
        var personal = new List<string>();
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            foreach (Match match in AdHocLogCall().Matches(text))
                adHoc.Add($"{Path.GetFileName(file)}: {match.Value}");
            foreach (Match template in LoggerMessageTemplate().Matches(text))
            {
                if (PersonalPlaceholder().IsMatch(template.Value))
                    personal.Add($"{Path.GetFileName(file)}: {template.Value}");
            }
        }

        Assert.True(files.Count > 50, "the product's source files were found");
        Assert.True(adHoc.Count == 0, "ad-hoc log calls: " + string.Join("; ", adHoc));
        Assert.True(personal.Count == 0, "log templates naming personal data: " + string.Join("; ", personal));
    }

    [GeneratedRegex(@"\.Log(Trace|Debug|Information|Warning|Error|Critical)\s*\(")]
    private static partial Regex AdHocLogCall();

    [GeneratedRegex(@"\[LoggerMessage\([^\]]*Message\s*=\s*""[^""]*""")]
    private static partial Regex LoggerMessageTemplate();

    [GeneratedRegex(@"\{(GivenName|FamilyName|Name|Email|Phone|BirthDate|DateOfBirth|Notes|Address|Search)\}", RegexOptions.IgnoreCase)]
    private static partial Regex PersonalPlaceholder();
}
