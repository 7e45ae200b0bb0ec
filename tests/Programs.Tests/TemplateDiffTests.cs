using RehabPlatform.Programs.Model;

namespace RehabPlatform.Programs.Tests;

public sealed class TemplateDiffTests
{
    private static ProgramTemplateVersion Version(int version, IReadOnlyList<TemplatePhase> phases, ProgressionSettings? settings = null, string name = "Knee plan") => new()
    {
        TemplateId = Guid.Empty, Version = version, Name = name, Description = "", AuthorUserId = "u", AuthorClinicId = Guid.Empty,
        Visibility = TemplateVisibility.Clinic, Status = TemplateStatus.Published, Tags = ["runner"], SessionsPerWeek = 3, Phases = phases,
        Settings = settings ?? new ProgressionSettings(), CreatedAt = DateTimeOffset.UnixEpoch,
    };

    [Fact]
    public void Identical_versions_have_no_changes()
    {
        var phases = ExerciseLibrary.DefaultPhases;
        Assert.Empty(TemplateDiff.Between(Version(1, phases), Version(2, phases)));
    }

    [Fact]
    public void An_added_a_removed_and_a_redosed_exercise_are_named_by_phase_with_their_dosage()
    {
        var before = Version(1, [new(1, [new("wall-sit-isometric", 5, null, 45), new("clamshell-band", 3, 15, null)])]);
        var after = Version(2, [new(1, [new("wall-sit-isometric", 4, null, 60), new("bridge-double-leg", 3, 15, null)])]);

        var changes = TemplateDiff.Between(before, after);

        Assert.Equal(
            [
                new TemplateChange("Phase 1: bridge-double-leg", null, "3 x 15"),
                new TemplateChange("Phase 1: clamshell-band", "3 x 15", null),
                new TemplateChange("Phase 1: wall-sit-isometric", "5 x 45 s", "4 x 60 s"),
            ],
            changes);
    }

    [Fact]
    public void A_changed_pain_limit_and_name_are_reported_with_both_values()
    {
        var phases = ExerciseLibrary.DefaultPhases;
        var changes = TemplateDiff.Between(Version(1, phases), Version(2, phases, new ProgressionSettings { ExercisePainMax = 4, RequireApproval = true }, "Knee plan B"));

        Assert.Contains(new TemplateChange("Name", "Knee plan", "Knee plan B"), changes);
        Assert.Contains(new TemplateChange("Pain monitoring: exercise pain max", "5", "4"), changes);
        Assert.Contains(new TemplateChange("Pain monitoring: require approval", "no", "yes"), changes);
        Assert.Equal(3, changes.Count);
    }
}
