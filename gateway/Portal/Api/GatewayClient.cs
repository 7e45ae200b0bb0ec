using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RehabPlatform.Portal.Api;

/// <summary>
/// HTTP to the gateway with the user's token (added by <see cref="Auth.AccessTokenHandler"/>). Every answer becomes an
/// <see cref="ApiResult{T}"/>: a page never sees an exception for a refusal or a service that is down.
/// </summary>
public sealed partial class GatewayClient(HttpClient http, ILogger<GatewayClient> logger)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public Task<ApiResult<T>> GetAsync<T>(string service, string path, CancellationToken ct = default) =>
        SendAsync<T>(service, new HttpRequestMessage(HttpMethod.Get, path), ct);

    public Task<ApiResult<T>> PostAsync<T>(string service, string path, object? body, CancellationToken ct = default, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: Json) };
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        return SendAsync<T>(service, request, ct);
    }

    /// <summary>A body that is not JSON (an archive, say), sent as given.</summary>
    public Task<ApiResult<T>> PostContentAsync<T>(string service, string path, HttpContent content, CancellationToken ct = default) =>
        SendAsync<T>(service, new HttpRequestMessage(HttpMethod.Post, path) { Content = content }, ct);

    public Task<ApiResult<T>> PutAsync<T>(string service, string path, object body, CancellationToken ct = default) =>
        SendAsync<T>(service, new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body, body.GetType(), options: Json) }, ct);

    private async Task<ApiResult<T>> SendAsync<T>(string service, HttpRequestMessage request, CancellationToken ct)
    {
        using (request)
        {
            try
            {
                using var response = await http.SendAsync(request, ct);
                if (response.IsSuccessStatusCode)
                {
                    var value = response.StatusCode == HttpStatusCode.NoContent ? default : await response.Content.ReadFromJsonAsync<T>(Json, ct);
                    return ApiResult<T>.Ok(value!);
                }
                return ApiResult<T>.Failed(await ProblemOfAsync(service, response, ct));
            }
            catch (HttpRequestException exception)
            {
                LogUnreachable(logger, service, exception.HttpRequestError);
                return ApiResult<T>.Failed(ApiProblem.Unreachable(service));
            }
            catch (JsonException exception)
            {
                // An answer the portal cannot read is the portal's bug or a version skew; the page still renders.
                LogUnreadable(logger, service, exception.Path);
                return ApiResult<T>.Failed(new ApiProblem(500, $"{service} answered in a form the portal does not understand", "Tell your ops team.",
                    new Dictionary<string, string[]>(), null));
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                LogTimedOut(logger, service);
                return ApiResult<T>.Failed(ApiProblem.Unreachable(service));
            }
        }
    }

    private static async Task<ApiProblem> ProblemOfAsync(string service, HttpResponseMessage response, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        JsonElement? body = null;
        if (response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
        {
            try { body = await response.Content.ReadFromJsonAsync<JsonElement>(ct); }
            catch (JsonException) { body = null; }
        }
        var errors = new Dictionary<string, string[]>();
        if (body is { ValueKind: JsonValueKind.Object } problem && problem.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in fields.EnumerateObject())
                errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array ? field.Value.EnumerateArray().Select(e => e.GetString() ?? "").ToArray() : [];
        }
        string? Text(string name) => body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        var title = Text("title") ?? status switch
        {
            401 => "Your sign-in has ended",
            403 => "Not allowed for your role",
            404 => "Not found",
            429 => "Too many requests: wait a few seconds",
            >= 500 => $"{service} could not answer",
            _ => "The request was refused",
        };
        if (status is 502 or 503 or 504)
            return ApiProblem.Unreachable(service) with { Status = status };
        return new ApiProblem(status, title, Text("detail"), errors, body);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Service} could not be reached through the gateway ({Error})")]
    private static partial void LogUnreachable(ILogger logger, string service, HttpRequestError error);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Service} answered JSON the portal cannot read (at {Path})")]
    private static partial void LogUnreadable(ILogger logger, string service, string? path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Service} did not answer in time")]
    private static partial void LogTimedOut(ILogger logger, string service);
}
