using Microsoft.Playwright;

namespace CopAssessment.Browser.Tests.Admin;

[Collection(BrowserCollection.Name)]
public class JobsDashboardBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Administrator_opens_the_jobs_from_the_menu_and_the_dashboard_works_under_its_CSP()
    {
        var page = await fixture.NewPageAsync();
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)) refused.Add(message.Text);
        };
        await fixture.SignInAsync(page, "admin@demo.local");
        await page.GotoAsync("/admin");
        await page.Locator(".admin-pages a[href='/admin/jobs']").ClickAsync();
        await page.WaitForURLAsync("**/admin/jobs");
        // Its script ran (the live counters and the chart are drawn by it).
        await Assertions.Expect(page.Locator("#realtimeGraph, .js-realtime-graph, canvas").First).ToBeVisibleAsync();

        await page.GotoAsync("/admin/jobs/recurring");
        await Assertions.Expect(page.Locator("text=outbox-dispatch")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "jobs-dashboard-recurring.png"), FullPage = true });
        Assert.Empty(refused);
    }
}
