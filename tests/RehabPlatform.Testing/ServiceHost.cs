using Microsoft.AspNetCore.Mvc.Testing;

namespace RehabPlatform.Testing;

/// <summary>
/// Hosts a service's real Program on a real loopback port (Kestrel, not the in-memory test server), so it can
/// sit behind the gateway or be called by another process. Settings override the service's configuration.
/// </summary>
public sealed class ServiceHost<TEntryPoint> : IAsyncDisposable where TEntryPoint : class
{
    private readonly WebApplicationFactory<TEntryPoint> _factory;

    private ServiceHost(WebApplicationFactory<TEntryPoint> factory, Uri baseAddress)
    {
        _factory = factory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _factory.Services;

    public static ServiceHost<TEntryPoint> Start(IDictionary<string, string?> settings, int? port = null, string environment = "Development",
        Action<IServiceCollection>? configureServices = null)
    {
        var chosenPort = port ?? TestEnvironment.FreeHttpPort();
        var factory = new WebApplicationFactory<TEntryPoint>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(environment);
            web.UseSetting(WebHostDefaults.ServerUrlsKey, $"http://127.0.0.1:{chosenPort}");
            foreach (var (key, value) in settings)
                web.UseSetting(key, value);
            if (configureServices is not null)
                web.ConfigureServices(configureServices);
        });
        factory.UseKestrel();
        factory.StartServer();
        return new ServiceHost<TEntryPoint>(factory, new Uri($"http://127.0.0.1:{chosenPort}/"));
    }

    public HttpClient CreateClient(string? bearerToken = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (bearerToken is not null)
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", bearerToken);
        return client;
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();
}
