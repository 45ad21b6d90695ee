using Microsoft.Playwright;

namespace CopAssessment.Browser.Tests;

/// <summary>
/// The app on a real Kestrel port and Debian's Chromium driven by Playwright (never a downloaded
/// browser). Screenshots go to artifacts/screenshots in the repository.
/// </summary>
/// <summary>The browser journeys include report exports, which the Hangfire server runs: keep it on.</summary>
public sealed class CopAppWithJobsFactory : CopAppFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["Jobs:Enabled"] = "true" };
}

public sealed class BrowserFixture : IAsyncLifetime
{
    public CopAppFactory App { get; } = new CopAppWithJobsFactory();
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public static string ArtifactsDirectory => RepositoryPaths.Artifacts("screenshots");

    public async Task InitializeAsync()
    {
        App.UseKestrel(0);
        await App.InitializeAsync();
        BaseUrl = App.ClientOptions.BaseAddress.ToString().TrimEnd('/');

        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH");
        if (string.IsNullOrEmpty(chromium)) chromium = "/usr/bin/chromium";
        if (!File.Exists(chromium)) throw new InvalidOperationException($"Chromium not found at {chromium}: apt-get install chromium (scripts/test.sh does).");
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl, ViewportSize = new() { Width = 1280, Height = 900 } });
        return await context.NewPageAsync();
    }

    public async Task SignInAsync(IPage page, string email, bool expectEnglish = true)
    {
        await page.GotoAsync("/account/login?culture=en&ui-culture=en");
        await page.Locator("#Email").FillAsync(email);
        await page.Locator("#Password").FillAsync(CopAppFactory.DemoPassword);
        await page.Locator("form[action='/account/login'] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(BaseUrl + "/");
        if (expectEnglish && await page.Locator("html").GetAttributeAsync("lang") != "en")
            throw new InvalidOperationException($"{email} has a saved language other than English; a test changed it and did not restore it.");
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
