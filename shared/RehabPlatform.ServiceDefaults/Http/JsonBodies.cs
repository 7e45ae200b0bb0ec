using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Net.Http.Headers;

namespace RehabPlatform.ServiceDefaults.Http;

/// <summary>A null where a request array expects an element: rejected while the body is read, with the element's path.</summary>
public sealed class NullElementException(string field)
    : JsonException($"{field}: an array element is null.")
{
    /// <summary>The array and index, relative to the object that holds it ("phases[2]").</summary>
    public string Field { get; } = field;
}

/// <summary>
/// How every service reads JSON bodies, so that no route has to remember it: UTF-8 only (another or an unknown
/// charset is a 415, never a 500), and no nulls inside arrays (a 400 naming the element) before a handler sees them.
/// </summary>
public static class JsonBodies
{
    public static IServiceCollection AddJsonBodyRules(this IServiceCollection services) =>
        services.Configure<JsonOptions>(options =>
            options.SerializerOptions.TypeInfoResolver = (options.SerializerOptions.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver())
                .WithAddedModifier(RejectNullElements));

    /// <summary>415 for a JSON body whose Content-Type cannot be read as UTF-8.</summary>
    public static IApplicationBuilder UseJsonCharsetCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var contentType = context.Request.ContentType;
        if (contentType is not null && !IsReadableJson(contentType))
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status415UnsupportedMediaType,
                    Title = "Unsupported content type",
                    Detail = "Send JSON as application/json with no charset or charset=utf-8.",
                },
            });
            return;
        }
        await next(context);
    });

    /// <returns>False for a JSON media type with a charset other than UTF-8, or a Content-Type that cannot be parsed.</returns>
    public static bool IsReadableJson(string contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed))
            return !LooksLikeJson(contentType);
        if (!LooksLikeJson(parsed.MediaType.Value ?? ""))
            return true;
        var charset = parsed.Charset.Value;
        return charset is null || charset.Trim('"').Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            || charset.Trim('"').Equals("utf8", StringComparison.OrdinalIgnoreCase);
    }

    private static bool LooksLikeJson(string mediaType) =>
        mediaType.Contains("json", StringComparison.OrdinalIgnoreCase);

    private static void RejectNullElements(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
            return;
        var collections = typeInfo.Properties.Where(p => p.Get is not null && ElementMayBeNull(p.PropertyType)).ToList();
        if (collections.Count == 0)
            return;
        var earlier = typeInfo.OnDeserialized;
        typeInfo.OnDeserialized = instance =>
        {
            foreach (var property in collections)
            {
                if (property.Get!(instance) is not IEnumerable items)
                    continue;
                var index = 0;
                foreach (var item in items)
                {
                    if (item is null)
                        throw new NullElementException($"{property.Name}[{index}]");
                    index++;
                }
            }
            earlier?.Invoke(instance);
        };
    }

    // Arrays and lists of objects or strings; a string is not a collection of its characters.
    private static bool ElementMayBeNull(Type type)
    {
        if (type == typeof(string))
            return false;
        var element = type.IsArray ? type.GetElementType()
            : type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) && type.GetGenericArguments().Length == 1 ? type.GetGenericArguments()[0]
            : null;
        return element is not null && (!element.IsValueType || Nullable.GetUnderlyingType(element) is not null);
    }
}
