using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RehabPlatform.ServiceDefaults.Data;

public static class JsonValueExtensions
{
    /// <summary>
    /// Stores a value object (a prescription, a template's phases, settings, an analysis result) as one JSON document
    /// in the named text column, written with the same serializer as the service's API and events, so the documents
    /// already stored keep their shape. Compared by content, so an in-place change is saved.
    /// </summary>
    public static PropertyBuilder<T> HasJsonValue<T>(this PropertyBuilder<T> property, string columnName, JsonSerializerOptions options)
    {
        property.HasConversion(
            v => JsonSerializer.Serialize(v, options),
            v => JsonSerializer.Deserialize<T>(v, options)!,
            new ValueComparer<T>(
                (a, b) => JsonSerializer.Serialize(a, options) == JsonSerializer.Serialize(b, options),
                v => JsonSerializer.Serialize(v, options).GetHashCode(StringComparison.Ordinal),
                v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, options), options)!));
        return property.HasColumnName(columnName);
    }
}
