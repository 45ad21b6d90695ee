using Microsoft.Playwright;

namespace CopAssessment.Browser.Tests.Cycles;

[Collection(BrowserCollection.Name)]
public class CycleTitlesJourneyTests(BrowserFixture fixture)
{
    /// <summary>
    /// Where the browser draws the year and the first word of a title such as "2026 stocktaking" inside
    /// <paramref name="selector"/>'s first element holding it: the year must stay left of the word, as in English.
    /// </summary>
    private static Task<double[]> PositionsAsync(IPage page, string selector, string year, string word) => page.EvaluateAsync<double[]>("""
        ([selector, year, word]) => {
            for (const element of document.querySelectorAll(selector)) {
                const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
                for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                    const at = node.data.indexOf(year + ' ' + word);
                    if (at < 0) continue;
                    const box = (start, length) => { const r = document.createRange(); r.setStart(node, start); r.setEnd(node, start + length); return r.getBoundingClientRect().left; };
                    return [box(at, year.length), box(at + year.length + 1, word.length)];
                }
            }
            return [];
        }
        """, new[] { selector, year, word });

    [Fact]
    public async Task Administrator_titles_a_cycle_per_language_and_Arabic_pages_keep_the_title_in_order()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "admin@demo.local");
        await page.GotoAsync("/admin/cycles");
        await page.GetByRole(AriaRole.Link, new() { Name = "New cycle" }).ClickAsync();
        // The real form: only the French title is filled in; the other languages go as empty strings.
        await page.Locator("#Name").FillAsync($"2031 stocktaking {tag}");
        await page.Locator("#title-fr").FillAsync($"Bilan 2031 {tag}");
        await page.Locator("form[action='/admin/cycles/new'] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/admin/cycles?id=*");
        var cycleId = await fixture.App.WithDbAsync(db => db.Set<AssessmentCycle>().Where(c => c.Name == $"2031 stocktaking {tag}").Select(c => c.Id).SingleAsync());
        Assert.Equal([("fr", $"Bilan 2031 {tag}")], await TitlesAsync(cycleId));

        // Edit: an emptied name is refused beside its field, nothing changes; then a Chinese title is added.
        await page.Locator($"a[href='/admin/cycles/{cycleId}/edit']").ClickAsync();
        Assert.Equal($"Bilan 2031 {tag}", await page.Locator("#title-fr").InputValueAsync());
        await page.Locator("#Name").FillAsync("");
        await page.Locator("#title-zh-Hans").FillAsync($"2031年盘点 {tag}");
        var refused = await page.RunAndWaitForResponseAsync(() => page.Locator("form[action$='/edit'] button[type=submit]").ClickAsync(), r => r.Url.EndsWith("/edit") && r.Request.Method == "POST");
        Assert.Equal(422, refused.Status);
        await Assertions.Expect(page.Locator("#Name-error")).ToHaveTextAsync("Enter a name.");
        Assert.Equal([("fr", $"Bilan 2031 {tag}")], await TitlesAsync(cycleId));
        await page.Locator("#Name").FillAsync($"2031 stocktaking {tag}");
        await page.Locator("form[action$='/edit'] button[type=submit]").ClickAsync();
        await page.WaitForURLAsync("**/admin/cycles");
        Assert.Equal([("fr", $"Bilan 2031 {tag}"), ("zh-Hans", $"2031年盘点 {tag}")], await TitlesAsync(cycleId));

        await page.GotoAsync("/admin/cycles?culture=fr&ui-culture=fr");
        await Assertions.Expect(page.Locator("td bdi", new() { HasTextString = $"Bilan 2031 {tag}" }).First).ToBeVisibleAsync();
        await page.GotoAsync("/admin/cycles?culture=zh-Hans&ui-culture=zh-Hans");
        await Assertions.Expect(page.Locator("td bdi", new() { HasTextString = $"2031年盘点 {tag}" }).First).ToBeVisibleAsync();

        // Arabic has no title of its own: the first one, isolated, the year still before the word.
        await page.GotoAsync("/admin/cycles?culture=ar&ui-culture=ar");
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        await Assertions.Expect(page.Locator("td bdi", new() { HasTextString = $"2031 stocktaking {tag}" }).First).ToBeVisibleAsync();
        var admin = await PositionsAsync(page, "td bdi", "2031", "stocktaking");
        Assert.True(admin.Length == 2 && admin[0] < admin[1], $"'2031' drawn at {string.Join(", ", admin)}, 'stocktaking' after it expected");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "cycle-titles-admin-ar.png") });
    }

    [Fact]
    public async Task The_demo_cycle_reads_2026_stocktaking_on_Arabic_pages()
    {
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "focal.ken@demo.local");
        foreach (var (path, selector) in new[] { ("/", ".card h2"), ("/assessments", "td a[dir=auto]") })
        {
            await page.GotoAsync(path + "?culture=ar&ui-culture=ar");
            var at = await PositionsAsync(page, selector, "2026", "stocktaking");
            Assert.True(at.Length == 2 && at[0] < at[1], $"{path}: '2026' drawn at {string.Join(", ", at)}, 'stocktaking' after it expected");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, $"cycle-title-ar{path.Replace('/', '-')}.png") });
        }
    }

    private Task<List<(string, string)>> TitlesAsync(int cycleId) => fixture.App.WithDbAsync(db => db.Set<CycleTitle>().Where(t => t.CycleId == cycleId)
        .OrderBy(t => t.Language).Select(t => new ValueTuple<string, string>(t.Language, t.Title)).ToListAsync());
}
