using RehabPlatform.Messaging.Inbox;
using RehabPlatform.Programs.Consumers;

namespace RehabPlatform.Programs.Tests;

public sealed class ConsumerEndpointTests
{
    [Fact]
    public void Every_consumer_declares_the_queue_it_reads()
    {
        var formatter = new DeclaredEndpointNameFormatter("programs");

        Assert.Equal(
            ["programs-intake-completed", "programs-patient-referred-out", "programs-patient-transferred", "programs-consent-changed",
             "programs-session-completed", "programs-pain-reported", "programs-form-assessed"],
            [formatter.Consumer<IntakeCompletedConsumer>(), formatter.Consumer<PatientReferredOutConsumer>(), formatter.Consumer<PatientTransferredConsumer>(),
             formatter.Consumer<ConsentChangedConsumer>(), formatter.Consumer<SessionCompletedConsumer>(), formatter.Consumer<PainReportedConsumer>(),
             formatter.Consumer<FormAssessedConsumer>()]);
        var undeclared = typeof(IntakeCompletedConsumer).Assembly.GetTypes()
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(MassTransit.IConsumer<>)))
            .Where(t => !t.IsAbstract && t.GetCustomAttributes(typeof(ConsumerEndpointAttribute), false).Length == 0);
        Assert.Empty(undeclared);
    }
}
