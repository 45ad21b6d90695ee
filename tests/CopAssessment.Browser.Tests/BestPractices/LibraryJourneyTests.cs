using Microsoft.Playwright;

namespace CopAssessment.Browser.Tests.BestPractices;

[Collection(BrowserCollection.Name)]
public class LibraryJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Anonymous_visitor_searches_filters_by_audience_and_opens_a_practice()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Best practices" }).First.ClickAsync();
        await page.WaitForURLAsync("**/best-practices");

        await page.GetByLabel("Search", new() { Exact = true }).FillAsync("helpline");
        await page.GetByLabel("Audience", new() { Exact = true }).SelectOptionAsync("parents-educators");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("q=helpline") && url.Contains("audience=parents-educators"));

        var results = page.Locator(".practice-result");
        Assert.True(await results.CountAsync() > 0);
        await Assertions.Expect(results.First.Locator("mark").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("(?i)helpline"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "best-practice-library.png"), FullPage = true });

        var title = await results.First.Locator("h2 a").InnerTextAsync();
        await results.First.Locator("h2 a").ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/best-practices/\d+$"));
        Assert.Equal(title, await page.Locator("h1").InnerTextAsync());
        Assert.Contains("Parents and educators", await page.Locator("dl").InnerTextAsync());
        Assert.Equal(0, await page.Locator(".js-contact-email").CountAsync());
    }
}
