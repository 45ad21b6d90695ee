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
}
