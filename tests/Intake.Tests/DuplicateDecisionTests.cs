using RehabPlatform.Intake.Model;

namespace RehabPlatform.Intake.Tests;

public sealed class DuplicateDecisionTests
{
    [Fact]
    public void No_match_registers()
    {
        Assert.IsType<DuplicateDecision.None>(DuplicateDecision.For([], _ => true));
    }

    [Fact]
    public void A_match_at_a_clinic_the_caller_works_at_names_that_record()
    {
        var own = new RegistrationMatch(Guid.NewGuid(), DemoUsers.NorthClinic, DuplicateMatch.Email);
        var decision = DuplicateDecision.For([new RegistrationMatch(Guid.NewGuid(), DemoUsers.SouthClinic, DuplicateMatch.NameAndBirthDate), own], clinic => clinic == DemoUsers.NorthClinic);

        Assert.Equal(own.PatientId, Assert.IsType<DuplicateDecision.UseExisting>(decision).PatientId);
    }

    [Fact]
    public void Matches_only_at_other_clinics_register_and_are_flagged_for_review_never_named_to_the_caller()
    {
        var elsewhere = new RegistrationMatch(Guid.NewGuid(), DemoUsers.SouthClinic, DuplicateMatch.NameAndBirthDate);

        var decision = DuplicateDecision.For([elsewhere], clinic => clinic == DemoUsers.NorthClinic);

        Assert.Equal([elsewhere], Assert.IsType<DuplicateDecision.RegisterAndFlag>(decision).Matches);
    }
}
