using CopAssessment.Browser.Tests.Accessibility;
using Microsoft.Playwright;

namespace CopAssessment.Browser.Tests.Reports;

/// <summary>The global report read on the web, as the Secretariat opens it from the reports page.</summary>
[Collection(BrowserCollection.Name)]
public class WebReportJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Reviewer_opens_the_published_global_report_on_the_web_follows_its_contents_and_reads_it_in_Arabic()
    {
        var cycle = await fixture.App.WithDbAsync(db => db.Set<AssessmentCycle>().Where(c => c.Name == "2025 stocktaking").Select(c => c.Id).SingleAsync());
        var page = await fixture.NewPageAsync();
        var blocked = new List<string>();
        page.Console += (_, message) => { if (message.Text.Contains("Content Security Policy")) blocked.Add(message.Text); };
        await fixture.SignInAsync(page, "reviewer@demo.local");
        await page.GotoAsync("/reports");
        await page.Locator($"ul.web-reports a[href='/reports/cycles/{cycle}/global']").ClickAsync();
        await page.WaitForURLAsync($"**/reports/cycles/{cycle}/global");

        // The style sheet arrived and applies (the headings take the report's colour), nothing was refused by the CSP.
        var heading = page.Locator("#s-participation");
        await Assertions.Expect(heading).ToBeVisibleAsync();
        Assert.Equal("rgb(21, 54, 92)", await heading.EvaluateAsync<string>("h => getComputedStyle(h).color"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "web-global-report.png") });

        await page.Locator("a[href='#s-participation']").ClickAsync();
        await page.WaitForURLAsync("**#s-participation");
        Assert.True(await heading.EvaluateAsync<double>("h => h.getBoundingClientRect().top") < 200);
        await page.Locator(".web-bar a").ClickAsync();
        await page.WaitForURLAsync("**/reports");

        await page.GotoAsync($"/reports/cycles/{cycle}/global?culture=ar&ui-culture=ar");
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        await page.Locator("#s-heatmap").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "web-global-report-ar.png") });
        Assert.Empty(blocked);

        await new AxeTests(fixture).CheckAsync("reviewer@demo.local", "ar", $"/reports/cycles/{cycle}/global");

        // At 390 px (a phone) the page is no wider than the screen: wide tables scroll inside their own box.
        var phone = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 } });
        var small = await phone.NewPageAsync();
        await fixture.SignInAsync(small, "reviewer@demo.local");
        await small.GotoAsync($"/reports/cycles/{cycle}/global?culture=ar&ui-culture=ar");
        Assert.True(await small.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 390);
        await small.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "web-global-report-390-ar.png") });
        await phone.CloseAsync();
    }
}
