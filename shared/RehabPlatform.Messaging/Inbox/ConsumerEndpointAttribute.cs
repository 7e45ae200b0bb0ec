using System.Reflection;
using MassTransit;

namespace RehabPlatform.Messaging.Inbox;

/// <summary>
/// The queue a consumer reads (without the service prefix: "intake-completed" is the Programs queue
/// "programs-intake-completed") and the key of its inbox rows. Both are declared, never derived from the class
/// name: renaming a class must not create a new queue and strand the old one's messages, nor let a redelivered
/// message through the inbox a second time.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ConsumerEndpointAttribute(string queue, string inboxKey) : Attribute
{
    public string Queue { get; } = queue;

    public string InboxKey { get; } = inboxKey;

    public static ConsumerEndpointAttribute Of(Type consumer) =>
        consumer.GetCustomAttribute<ConsumerEndpointAttribute>()
        ?? throw new InvalidOperationException($"{consumer.Name} must declare its queue and inbox key with [ConsumerEndpoint].");
}

/// <summary>Endpoint names as the consumers declare them, prefixed with the service name ("programs-intake-completed").</summary>
public sealed class DeclaredEndpointNameFormatter(string serviceName) : KebabCaseEndpointNameFormatter(serviceName, includeNamespace: false)
{
    private readonly string _prefix = serviceName;

    public override string Consumer<T>() => $"{_prefix}-{ConsumerEndpointAttribute.Of(typeof(T)).Queue}";
}
