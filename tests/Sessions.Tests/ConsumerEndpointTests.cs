using RehabPlatform.Messaging.Inbox;
using RehabPlatform.Sessions.Consumers;

namespace RehabPlatform.Sessions.Tests;

public sealed class ConsumerEndpointTests
{
    [Fact]
    public void Consumers_read_the_queues_they_always_read_whatever_their_class_is_called_now()
    {
        var formatter = new DeclaredEndpointNameFormatter("sessions");

        Assert.Equal("sessions-program-assigned", formatter.Consumer<ProgramAssignedConsumer>());
        Assert.Equal("sessions-program-adjusted", formatter.Consumer<ProgramAdjustedConsumer>());
        // Renamed after the events they handle; queue and inbox key are the ones they had as BaselineConsumer and TransferConsumer.
        Assert.Equal("sessions-baseline", formatter.Consumer<IntakeCompletedConsumer>());
        Assert.Equal("sessions-transfer", formatter.Consumer<PatientTransferredConsumer>());
        Assert.Equal("RehabPlatform.Sessions.Consumers.BaselineConsumer", ConsumerEndpointAttribute.Of(typeof(IntakeCompletedConsumer)).InboxKey);
    }
}
