using RehabPlatform.Intake.Model;

namespace RehabPlatform.Intake.Tests;

public sealed class TransferPolicyTests
{
    [Theory]
    [InlineData(Roles.ChainAdmin, false, false, true)]
    [InlineData(Roles.ClinicManager, true, true, true)]
    [InlineData(Roles.ClinicManager, true, false, false)]
    [InlineData(Roles.ClinicManager, false, true, false)]
    [InlineData(Roles.Therapist, true, true, false)]
    [InlineData(Roles.Ops, true, true, false)]
    public void Who_moves_a_patient_at_once(string role, bool worksAtSending, bool worksAtReceiving, bool direct)
    {
        bool WorksAt(Guid clinic) => clinic == DemoUsers.NorthClinic ? worksAtSending : clinic == DemoUsers.SouthClinic && worksAtReceiving;

        Assert.Equal(direct, TransferPolicy.MayTransferDirectly(role, WorksAt, DemoUsers.NorthClinic, DemoUsers.SouthClinic));
    }

    [Theory]
    [InlineData(Roles.ChainAdmin, false, true)]
    [InlineData(Roles.ClinicManager, true, true)]
    [InlineData(Roles.ClinicManager, false, false)]
    [InlineData(Roles.Therapist, true, false)]
    public void Who_decides_a_transfer_request(string role, bool worksAtReceiving, bool decides)
    {
        Assert.Equal(decides, TransferPolicy.MayDecide(role, clinic => clinic == DemoUsers.SouthClinic && worksAtReceiving, DemoUsers.SouthClinic));
    }
}
