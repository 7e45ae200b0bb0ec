using System.Collections.Concurrent;
using System.Reflection;
using MassTransit;

namespace RehabPlatform.Messaging;

/// <summary>
/// Maps event types to their stable <see cref="MessageUrnAttribute"/> and back, so stored outbox rows
/// survive a type moving to another namespace or assembly.
/// </summary>
public sealed class EventTypeRegistry
{
    private static readonly ConcurrentDictionary<Type, string> UrnByType = new();
    private readonly Dictionary<string, Type> _typeByUrn = new(StringComparer.Ordinal);

    public EventTypeRegistry(IEnumerable<Assembly> assemblies)
    {
        foreach (var type in assemblies.Distinct().SelectMany(a => a.GetExportedTypes()))
        {
            if (type.GetCustomAttribute<MessageUrnAttribute>() is null)
                continue;
            var urn = UrnOf(type);
            if (_typeByUrn.TryGetValue(urn, out var existing) && existing != type)
                throw new InvalidOperationException($"Message URN '{urn}' is used by both {existing} and {type}.");
            _typeByUrn[urn] = type;
        }
    }

    public IReadOnlyCollection<Type> EventTypes => _typeByUrn.Values;

    public bool TryResolve(string urn, out Type type) => _typeByUrn.TryGetValue(urn, out type!);

    public static string UrnOf(Type type) => UrnByType.GetOrAdd(type, static t =>
        t.GetCustomAttribute<MessageUrnAttribute>()?.Urn.ToString()
        ?? throw new InvalidOperationException($"{t} has no [MessageUrn]; every integration event needs a stable URN."));
}
