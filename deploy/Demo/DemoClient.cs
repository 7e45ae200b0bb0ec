using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace RehabPlatform.Demo;

/// <summary>Calls the platform only through the gateway, with development tokens of the demo users.</summary>
public sealed class DemoClient(Uri gateway)
{
    private readonly HttpClient _http = new() { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(60) };
    private readonly Dictionary<string, string> _tokens = new();

    public async Task<string> TokenAsync(string user)
    {
        if (_tokens.TryGetValue(user, out var token))
            return token;
        var response = await _http.PostAsync($"dev/tokens/{user}", null);
        response.EnsureSuccessStatusCode();
        token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        _tokens[user] = token;
        return token;
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> SendAsync(string user, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await TokenAsync(user));
        if (body is not null)
            request.Content = JsonContent.Create(body);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public async Task<JsonElement> ExpectAsync(string user, HttpMethod method, string path, object? body, params HttpStatusCode[] accepted)
    {
        var (status, json) = await SendAsync(user, method, path, body);
        if (!accepted.Contains(status))
            throw new InvalidOperationException($"{method} {path} answered {(int)status}: {json}");
        return json;
    }

    /// <summary>Polls a GET until it answers 200 and the condition holds.</summary>
    public async Task<JsonElement?> WaitForAsync(string user, string path, Func<JsonElement, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var (status, json) = await SendAsync(user, HttpMethod.Get, path);
            if (status == HttpStatusCode.OK && condition(json))
                return json;
            await Task.Delay(250);
        }
        return null;
    }
}
