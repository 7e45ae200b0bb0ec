using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;
using RehabPlatform.Testing;

namespace RehabPlatform.Portal.Tests;

/// <summary>
/// The whole platform with the portal behind the gateway, and a real Chromium (Debian's, no download). Every page a
/// test visits is saved as a screenshot and checked with axe-core.
/// </summary>
public sealed class PortalSession : IAsyncLifetime
{
    private IPlaywright _playwright = null!;
    private string _axeScript = null!;

    /// <summary>
    /// The tests poll pages far faster than a person clicks (every page load is several API calls with the user's
    /// token), so the per-user rate limit is raised here; the limiter itself is tested in Gateway.Tests.
    /// </summary>
    public Platform Platform { get; } = new()
    {
        WithPortal = true,
        GatewaySettings = { ["Gateway__RateLimitPermits"] = "100000", ["Gateway__Ops__SampleInterval"] = "00:00:02" },
    };
    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Kept after the run (deploy/test.sh prints where): the screenshots of every page visited.</summary>
    public static string ScreenshotFolder { get; } = Environment.GetEnvironmentVariable("REHAB_SCREENSHOTS")
        ?? Path.Combine(TestEnvironment.RepositoryRoot, ".data", "screenshots");

    /// <summary>axe-core's serious and critical violations per page visited, by screenshot name.</summary>
    public ConcurrentDictionary<string, int> SeriousViolations { get; } = new();

    public async Task InitializeAsync()
    {
        var axe = Path.Combine(TestEnvironment.RepositoryRoot, "tests", "Portal.Tests", "node_modules", "axe-core", "axe.min.js");
        if (!File.Exists(axe))
            throw new InvalidOperationException($"axe-core is missing at {axe}: deploy/test.sh installs it (npm ci in tests/Portal.Tests).");
        _axeScript = await File.ReadAllTextAsync(axe);
        Directory.CreateDirectory(ScreenshotFolder);
        await Platform.InitializeAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("REHAB_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A fresh browser (own cookies) at a clinic tablet's width, signed in as a demo user through the sign-in page.</summary>
    public async Task<IPage> SignInAsync(string demoUser, int width = 1024, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Platform.Gateway.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^" + demoUser + "\\b") }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/signin"), new() { Timeout = 30_000 });
        // A landing page that streams (the ops dashboard asks every service and Prometheus) can take a while on a busy machine.
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded, new() { Timeout = 90_000 });
        return page;
    }

    /// <summary>Saves a full-page screenshot and runs axe-core; returns the serious and critical violations.</summary>
    public async Task<IReadOnlyList<string>> CheckPageAsync(IPage page, string name)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
        await page.EvaluateAsync(_axeScript);
        var result = await page.EvaluateAsync<JsonElement>("async () => await axe.run(document, { resultTypes: ['violations'] })");
        var serious = result.GetProperty("violations").EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("id").GetString()} ({v.GetProperty("impact").GetString()}): " +
                string.Join("; ", v.GetProperty("nodes").EnumerateArray().Take(3).Select(n => n.GetProperty("target").ToString())))
            .ToList();
        SeriousViolations[name] = serious.Count;
        return serious;
    }

    public async Task DisposeAsync()
    {
        if (!SeriousViolations.IsEmpty)
            TestEnvironment.Report($"Portal: {SeriousViolations.Count} pages checked with axe-core, {SeriousViolations.Values.Sum()} serious or critical violations; screenshots in {ScreenshotFolder}");
        // The processes' output beside the screenshots: what a failed browser step saw from the server side.
        await File.WriteAllLinesAsync(Path.Combine(ScreenshotFolder, "platform-output.log"), Platform.Output);
        if (Browser is not null)
            await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Platform.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalSession>
{
    public const string Name = "portal";
}
