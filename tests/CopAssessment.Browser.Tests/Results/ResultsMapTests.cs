using CopAssessment.Browser.Tests.Accessibility;
using CopAssessment.Web.Data.Assessments;
using Microsoft.Playwright;

namespace CopAssessment.Browser.Tests.Results;

/// <summary>The public results map in Chromium, as an anonymous visitor: it renders, a keyboard reaches its areas and reads their figures.</summary>
[Collection(BrowserCollection.Name)]
public class ResultsMapTests(BrowserFixture fixture)
{
    /// <summary>A published named cycle holding the demo cycle's validated scorecards.</summary>
    private Task<int> PublishedCycleAsync() => fixture.App.WithDbAsync(async db =>
    {
        var demo = await db.Set<AssessmentCycle>().OrderBy(c => c.Id).FirstAsync();
        var cycle = new AssessmentCycle
        {
            Name = "Results " + Guid.NewGuid().ToString("N")[..8], QuestionnaireVersionId = demo.QuestionnaireVersionId,
            PublicationPolicy = PublicationPolicy.Named, Status = CycleStatus.Published, OpensOn = demo.OpensOn, Deadline = demo.Deadline,
        };
        db.Add(cycle);
        await db.SaveChangesAsync();
        var validated = await db.Set<Submission>().Where(s => s.CycleId == demo.Id && s.Status == SubmissionStatus.Validated && s.ScoreSnapshot != null).ToListAsync();
        Assert.NotEmpty(validated);
        db.AddRange(validated.Select(s => new Submission
        {
            CycleId = cycle.Id, CountryIso3 = s.CountryIso3, Status = SubmissionStatus.Validated, SubmittedAt = s.SubmittedAt,
            ValidatedAt = s.ValidatedAt, ScoreSnapshot = s.ScoreSnapshot,
        }));
        await db.SaveChangesAsync();
        return cycle.Id;
    });

    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    [InlineData("zh-Hans")]
    public async Task The_map_renders_and_a_keyboard_reaches_every_country_and_reads_its_figure(string culture)
    {
        var cycle = await PublishedCycleAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/results/{cycle}?culture={culture}&ui-culture={culture}");
        var map = page.Locator("svg.world-map");
        await Assertions.Expect(map).ToBeVisibleAsync();
        var box = await map.BoundingBoxAsync();
        Assert.True(box is { Width: > 600, Height: > 280 }, $"map drawn {box?.Width}×{box?.Height}");
        Assert.Equal(193, await page.Locator("svg.world-map .map-area").CountAsync());

        // Tab into the map: the first area takes the focus, and its label becomes the caption.
        var first = page.Locator("svg.world-map .map-area").First;
        await first.FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        var focused = await page.EvaluateAsync<string?>("() => document.activeElement?.closest('.map-area')?.getAttribute('aria-label')");
        Assert.False(string.IsNullOrEmpty(focused));
        await Assertions.Expect(page.Locator("[data-map-caption]")).ToHaveTextAsync(focused!);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, $"results-map-{culture}.png"), FullPage = true });
        await page.Context.CloseAsync();

        await new AxeTests(fixture).CheckAsync(null, culture, $"/results/{cycle}");
    }

    [Fact]
    public async Task A_countrys_area_on_the_map_is_a_link_a_keyboard_reaches_and_it_opens_the_countrys_page()
    {
        var cycle = await PublishedCycleAsync();
        var page = await fixture.NewPageAsync();
        await page.GotoAsync($"/results/{cycle}");
        var links = page.Locator("svg.world-map a.map-area");
        Assert.True(await links.CountAsync() > 0);
        // From the map's first area, Tab moves through the areas in order until a country with published figures: a link.
        await page.Locator("svg.world-map .map-area").First.FocusAsync();
        string? href = null;
        for (var i = 0; i < 200 && href is null; i++)
        {
            href = await page.EvaluateAsync<string?>("() => document.activeElement?.matches('a.map-area') ? document.activeElement.getAttribute('href') : null");
            if (href is null) await page.Keyboard.PressAsync("Tab");
        }
        Assert.NotNull(href);
        var label = await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('aria-label')");
        await Assertions.Expect(page.Locator("[data-map-caption]")).ToHaveTextAsync(label);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"**{href}");
        Assert.Matches($"^/results/{cycle}/[A-Z]{{3}}$", href);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(label.Split(':')[0]);
        await Assertions.Expect(page.Locator("main table[aria-labelledby='scorecard-heading']")).ToContainTextAsync(label.Split(": ")[1].Split(" · ")[0]);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_results_pages_fit_a_390_px_screen_in_arabic_and_have_no_wcag_violations()
    {
        var cycle = await PublishedCycleAsync();
        var iso3 = await fixture.App.WithDbAsync(db => db.Set<Submission>().Where(s => s.CycleId == cycle).OrderBy(s => s.CountryIso3).Select(s => s.CountryIso3).FirstAsync());
        string[] paths = ["/results", $"/results/{cycle}", $"/results/{cycle}/{iso3}"];
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        var wide = new List<string>();
        foreach (var path in paths)
        {
            var response = await page.GotoAsync(path + "?culture=ar&ui-culture=ar");
            Assert.True(response?.Ok == true, $"{path} answered {response?.Status}");
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > 390) wide.Add($"{path}: {width} px");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, $"results-390-ar-{paths.ToList().IndexOf(path)}.png"), FullPage = true });
        }
        await context.CloseAsync();
        Assert.True(wide.Count == 0, "wider than a 390 px screen: " + string.Join(", ", wide));
        await new AxeTests(fixture).CheckAsync(null, "ar", paths);
        await new AxeTests(fixture).CheckAsync(null, "en", paths);
    }

    /// <summary>
    /// The results entry is in everyone's bar; with it, an administrator's bar (the fullest) still holds every link,
    /// the language picker and the sign-out button inside its blue background in every language, at a laptop's width.
    /// </summary>
    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    [InlineData("ar")]
    [InlineData("es")]
    [InlineData("ru")]
    [InlineData("zh-Hans")]
    public async Task The_bar_shows_results_to_signed_in_people_and_holds_every_control_in_every_language(string culture)
    {
        foreach (var width in new[] { 1200, 1280, 1400 })
        {
            var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl, ViewportSize = new() { Width = width, Height = 900 } });
            var page = await context.NewPageAsync();
            await fixture.SignInAsync(page, "admin@demo.local");
            await page.GotoAsync($"/admin?culture={culture}&ui-culture={culture}");
            var nav = page.Locator("header nav.navbar");
            await Assertions.Expect(nav.Locator("a.nav-link[href='/results']")).ToBeVisibleAsync();
            var bar = (await nav.BoundingBoxAsync())!;
            var controls = nav.Locator(".navbar-brand, .nav-link, select, .btn:visible");
            for (var i = 0; i < await controls.CountAsync(); i++)
            {
                var box = await controls.Nth(i).BoundingBoxAsync();
                if (box is null) continue;
                Assert.True(box.X >= bar.X - 0.5 && box.X + box.Width <= bar.X + bar.Width + 0.5 && box.Y + box.Height <= bar.Y + bar.Height + 0.5,
                    $"{culture} at {width} px: '{await controls.Nth(i).InnerTextAsync()}' at {box.X}+{box.Width}, {box.Y}+{box.Height} outside the bar {bar.X}+{bar.Width}, {bar.Y}+{bar.Height}");
            }
            if (culture == "ru" && width == 1280)
                await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "navbar-ru-admin-1280.png") });
            await context.CloseAsync();
        }
    }
}
