using RehabPlatform.Intake.Model;

namespace RehabPlatform.Intake.Tests;

public sealed class PatientAppAccessTests
{
    private static readonly DateTimeOffset InvitedAt = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static PatientAppAccess Invitation() => new()
    {
        Id = Guid.NewGuid(), PatientId = Guid.NewGuid(), CodeHash = PatientAppAccess.Hash("ABCDE23456"), InvitedBy = "u-therapist-north",
        InvitedAt = InvitedAt, CodeExpiresAt = InvitedAt.AddDays(7),
    };

    [Fact]
    public void An_invitation_can_be_redeemed_until_its_code_expires_and_not_after()
    {
        var invitation = Invitation();

        Assert.Equal(AppAccessStatus.Invited, invitation.StatusAt(InvitedAt.AddDays(7).AddSeconds(-1)));
        Assert.Equal(AppAccessStatus.Expired, invitation.StatusAt(InvitedAt.AddDays(7)));
    }

    [Fact]
    public void A_redeemed_access_is_active_until_its_own_lifetime_ends_or_the_clinic_ends_it()
    {
        var access = Invitation();
        access.Redeem("secret", InvitedAt.AddDays(1), TimeSpan.FromDays(180));

        Assert.Equal(AppAccessStatus.Active, access.StatusAt(InvitedAt.AddDays(30)));
        Assert.Equal(AppAccessStatus.Expired, access.StatusAt(InvitedAt.AddDays(181)));
        access.End("u-therapist-north", InvitedAt.AddDays(2));
        Assert.Equal(AppAccessStatus.Ended, access.StatusAt(InvitedAt.AddDays(3)));
        Assert.NotEqual("secret", access.RefreshSecretHash);
    }

    [Fact]
    public void A_revoked_invitation_stays_ended_and_keeps_who_ended_it_first()
    {
        var invitation = Invitation();
        invitation.End("u-therapist-north", InvitedAt.AddHours(1));
        invitation.End("u-manager-north", InvitedAt.AddHours(2));

        Assert.Equal(AppAccessStatus.Ended, invitation.StatusAt(InvitedAt.AddHours(3)));
        Assert.Equal("u-therapist-north", invitation.EndedBy);
    }

    [Theory]
    [InlineData("abcde-23456")]
    [InlineData(" ABCDE 23456 ")]
    [InlineData("AbCdE23456")]
    public void A_code_typed_with_any_case_spaces_or_dashes_is_the_same_code(string typed) =>
        Assert.Equal(PatientAppAccess.Hash("ABCDE23456"), PatientAppAccess.Hash(PatientAppAccess.NormaliseCode(typed)));
}
