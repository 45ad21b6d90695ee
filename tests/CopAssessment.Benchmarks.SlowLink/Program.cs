// Pages on a slow link (issue 15): Debian's Chromium through Playwright, the network throttled with CDP
// Network.emulateNetworkConditions (400 kbit/s down, 400 ms round trip), against a running app.
// For each page: bytes on the wire (encoded sizes of every response, headers excluded) and time until usable
// (navigation start to the load event: the HTML, its CSS and its scripts have arrived and run), first visit
// (empty cache) and repeat visit (the same browser context navigating to the page again).
// Usage: CopAssessment.Benchmarks.SlowLink BASE_URL [runs]; scripts/bench-slow-link.sh starts the app first.
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

var baseUrl = (args.ElementAtOrDefault(0) ?? "http://127.0.0.1:5078").TrimEnd('/');
var runs = int.Parse(args.ElementAtOrDefault(1) ?? "3", CultureInfo.InvariantCulture);
var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = chromium,
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"],
});

// The pages, found the way a person gets to them (unthrottled): a focal point's draft and its largest domain page,
// and the reviewer's first assessment in the queue.
var (domainUrl, reviewUrl) = await DiscoverAsync();
(string Name, string Url, string? Email)[] pages =
[
    ("sign-in", "/account/login", null),
    ("dashboard", "/", "focal.ken@demo.local"),
    ("domain page", domainUrl, "focal.ken@demo.local"),
    ("review page", reviewUrl, "reviewer@demo.local"),
    ("library", "/best-practices", "focal.ken@demo.local"),
];

Console.WriteLine($"{baseUrl} · 400 kbit/s down, 400 kbit/s up, 400 ms round trip · median of {runs} runs");
Console.WriteLine($"{"page",-12} {"first KB",9} {"first s",8} {"repeat KB",10} {"repeat s",9}   url");
foreach (var (name, url, email) in pages)
{
    var first = new List<(double Kb, double S)>();
    var repeat = new List<(double Kb, double S)>();
    for (var run = 0; run < runs; run++)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        if (email is not null) await SignInAsync(page, email);
        // Signing in has visited the layout; the first visit starts from an empty cache, as a new person's does.
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.clearBrowserCache");
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false,
            ["latency"] = 400,
            ["downloadThroughput"] = 400_000 / 8,
            ["uploadThroughput"] = 400_000 / 8,
        });
        var bytes = 0L;
        cdp.Event("Network.loadingFinished").OnEvent += (_, e) =>
        {
            if (e is { } data && data.TryGetProperty("encodedDataLength", out var length)) Interlocked.Add(ref bytes, (long)length.GetDouble());
        };
        first.Add(await VisitAsync(page, url, () => Interlocked.Exchange(ref bytes, 0)));
        repeat.Add(await VisitAsync(page, url, () => Interlocked.Exchange(ref bytes, 0)));
    }
    var f = Median(first);
    var r = Median(repeat);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-12} {f.Kb,9:F1} {f.S,8:F2} {r.Kb,10:F1} {r.S,9:F2}   {url}"));
}

async Task<(double Kb, double S)> VisitAsync(IPage page, string url, Func<long> takeBytes)
{
    takeBytes();
    var clock = System.Diagnostics.Stopwatch.StartNew();
    await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 120_000 });
    var seconds = clock.Elapsed.TotalSeconds;
    // Responses still finishing after load (none expected) are counted with this visit.
    await page.WaitForTimeoutAsync(300);
    // encodedDataLength includes the response headers; it is what crossed the wire.
    return (takeBytes() / 1000.0, seconds);
}

async Task SignInAsync(IPage page, string email)
{
    await page.GotoAsync("/account/login?culture=en&ui-culture=en");
    await page.Locator("#Email").FillAsync(email);
    await page.Locator("#Password").FillAsync("Demo-Password-2026");
    await page.Locator("form[action='/account/login'] button[type=submit]").ClickAsync();
    await page.WaitForURLAsync(baseUrl + "/");
}

async Task<(string Domain, string Review)> DiscoverAsync()
{
    await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
    var page = await context.NewPageAsync();
    await SignInAsync(page, "focal.ken@demo.local");
    await page.GotoAsync("/assessments");
    var assessment = await page.Locator("main a[href^='/assessments/']").First.GetAttributeAsync("href")
        ?? throw new InvalidOperationException("no assessment for focal.ken");
    var id = Regex.Match(assessment, @"/assessments/(\d+)").Groups[1].Value;
    await page.GotoAsync($"/assessments/{id}");
    // The domain with the most questions is the heaviest page a focal point opens.
    var domains = await page.Locator($"main a[href^='/assessments/{id}/']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
    var domain = "";
    var largest = 0;
    foreach (var href in domains.Where(h => Regex.IsMatch(h, $@"^/assessments/{id}/[a-z][a-z0-9-]*$") && !h.EndsWith("/submit") && !h.EndsWith("/workbook")).Distinct())
    {
        var body = await (await context.APIRequest.GetAsync(href)).BodyAsync();
        if (body.Length > largest) (domain, largest) = (href, body.Length);
    }
    var domainUrl = Environment.GetEnvironmentVariable("BENCH_DOMAIN_URL") ?? domain;
    var reviewer = await context.Browser!.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl });
    var reviewPage = await reviewer.NewPageAsync();
    await SignInAsync(reviewPage, "reviewer@demo.local");
    await reviewPage.GotoAsync("/review");
    var review = await reviewPage.Locator("main a[href^='/review/']").First.GetAttributeAsync("href")
        ?? throw new InvalidOperationException("nothing in the review queue");
    await reviewer.CloseAsync();
    return (domainUrl, review);
}

static (double Kb, double S) Median(List<(double Kb, double S)> values) =>
    (values.Select(v => v.Kb).Order().ElementAt(values.Count / 2), values.Select(v => v.S).Order().ElementAt(values.Count / 2));
