using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RehabPlatform.Demo;

/// <summary>
/// The README's screenshots: the portal with the demo's data, as a therapist and a front desk see it at a clinic
/// tablet's width (and a phone's for one page). Run after deploy/demo.sh.
/// </summary>
internal static class PortalScreenshots
{
    public static async Task RunAsync(Uri gateway, string folder)
    {
        Directory.CreateDirectory(folder);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("REHAB_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });

        var therapist = await SignInAsync(browser, gateway, "therapist-north", 1024);
        await ShootAsync(therapist, "/worklist", folder, "worklist");
        await ShootAsync(therapist, "/patients", folder, "patients");
        var patient = await FirstPatientWithProgramAsync(therapist);
        await ShootAsync(therapist, $"/patients/{patient}", folder, "patient-program");
        await ShootAsync(therapist, $"/patients/{patient}/sessions", folder, "patient-sessions");
        await ShootAsync(therapist, $"/patients/{patient}/intake", folder, "patient-intake-result");
        await ShootAsync(therapist, "/patients/new", folder, "register");

        var signIn = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = gateway.ToString(), ViewportSize = new() { Width = 1024, Height = 700 } });
        await ShootAsync(signIn, "/signin", folder, "signin");
        var phone = await SignInAsync(browser, gateway, "therapist-north", 390);
        await ShootAsync(phone, $"/patients/{patient}", folder, "patient-program-phone");
        Console.WriteLine($"Screenshots of the portal in {Path.GetFullPath(folder)}");
    }

    private static async Task<IPage> SignInAsync(IBrowser browser, Uri gateway, string user, int width)
    {
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = gateway.ToString(), ViewportSize = new() { Width = width, Height = 900 } });
        await page.GotoAsync("/signin");
        await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^" + user + "\\b") }).ClickAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/signin"));
        return page;
    }

    /// <summary>The patient with the most sessions on the first page of the list: the fullest charts.</summary>
    private static async Task<string> FirstPatientWithProgramAsync(IPage page)
    {
        await page.GotoAsync("/patients");
        var rows = page.Locator("tbody tr").Filter(new() { HasText = "Active program" });
        var href = await rows.First.GetByRole(AriaRole.Link).GetAttributeAsync("href")
            ?? throw new InvalidOperationException("No patient with an active program: run deploy/demo.sh first.");
        return href.Split('/').Last();
    }

    private static async Task ShootAsync(IPage page, string path, string folder, string name)
    {
        await page.GotoAsync(path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}
