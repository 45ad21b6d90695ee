using DocumentFormat.OpenXml.Packaging;
using Microsoft.Playwright;

namespace CopAssessment.Browser.Tests.Reports;

[Collection(BrowserCollection.Name)]
public class ReportJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Reviewer_requests_a_regional_workbook_in_French_watches_it_and_opens_it()
    {
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "reviewer@demo.local");
        await page.GotoAsync("/reports");
        await page.Locator("#Kind").SelectOptionAsync("Regional");
        await page.Locator("#RegionCode").SelectOptionAsync("AFR");
        await page.Locator("#Format").SelectOptionAsync("Excel");
        await page.Locator("#Language").SelectOptionAsync("fr");
        await page.Locator("form[action='/reports/exports'] button[type=submit]").ClickAsync();

        // The request returns at once to a status page; the Hangfire job finishes it in the background.
        await page.WaitForURLAsync("**/reports/exports/*");
        var download = page.Locator("#export-download");
        await download.WaitForAsync(new() { Timeout = 90_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "report-export-done.png") });

        var file = await page.RunAndWaitForDownloadAsync(() => download.ClickAsync());
        var path = Path.Combine(BrowserFixture.ArtifactsDirectory, "regional-afr-fr.xlsx");
        await file.SaveAsAsync(path);
        using var workbook = SpreadsheetDocument.Open(path, false);
        var sheets = workbook.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value).ToList();
        // A French report has French sheet names: summary, domains, heat map, trends (the demo's published 2025 cycle came
        // before), six domains, answers, best practices, about.
        Assert.Equal(["Résumé", "Domaines", "Carte thermique", "Évolutions"], sheets.Take(4));
        Assert.Equal(13, sheets.Count);
        Assert.Contains("Politiques et gouvernance", sheets);
        // Region names are stored in English and shown in the report's language.
        var summaryId = workbook.WorkbookPart.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().First().Id!.Value!;
        using var summary = new StreamReader(workbook.WorkbookPart.GetPartById(summaryId).GetStream());
        Assert.Contains("Bilan régional — Afrique", await summary.ReadToEndAsync());
    }

    [Fact]
    public async Task Reviewer_opens_a_validated_country_scorecard_and_its_Arabic_PDF()
    {
        var (cycleId, iso3) = await fixture.App.WithDbAsync(db => db.Set<Submission>()
            .Where(s => s.Status == SubmissionStatus.Validated).OrderBy(s => s.CountryIso3)
            .Select(s => new ValueTuple<int, string>(s.CycleId, s.CountryIso3)).FirstAsync());
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "reviewer@demo.local");
        await page.GotoAsync($"/reports/cycles/{cycleId}/countries/{iso3}");
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
        Assert.Contains("<svg", await page.ContentAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "country-scorecard.png"), FullPage = true });

        var response = await page.APIRequest.GetAsync($"/reports/cycles/{cycleId}/countries/{iso3}/pdf?lang=ar");
        Assert.Equal(200, response.Status);
        Assert.Equal("application/pdf", response.Headers["content-type"]);
        var pdf = await response.BodyAsync();
        Assert.True(pdf.AsSpan().StartsWith("%PDF-"u8));
        await File.WriteAllBytesAsync(Path.Combine(BrowserFixture.ArtifactsDirectory, $"scorecard-{iso3}-ar.pdf"), pdf);
    }

    [Fact]
    public async Task Focal_point_sees_the_change_since_the_published_2025_cycle_on_a_validated_scorecard()
    {
        // A demo country validated in 2026 that took part in the published 2025 stocktaking.
        var (cycleId, iso3) = await fixture.App.WithDbAsync(db => db.Set<Submission>()
            .Where(s => s.Status == SubmissionStatus.Validated && s.Cycle!.Name == "2026 stocktaking"
                && db.Set<Submission>().Any(p => p.CountryIso3 == s.CountryIso3 && p.Cycle!.Name == "2025 stocktaking" && p.Status == SubmissionStatus.Published))
            .OrderBy(s => s.CountryIso3).Select(s => new ValueTuple<int, string>(s.CycleId, s.CountryIso3)).FirstAsync());
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "reviewer@demo.local");
        await page.GotoAsync($"/reports/cycles/{cycleId}/countries/{iso3}");
        var table = page.Locator("#trend-table");
        await Assertions.Expect(table).ToBeVisibleAsync();
        await Assertions.Expect(table.Locator("thead")).ToContainTextAsync("2025 stocktaking");
        await Assertions.Expect(page.Locator("#trend-comparison")).ToContainTextAsync("the same capabilities and domains");
        // One small chart per row, drawn on the server (the CSP allows no inline style, so none is needed).
        Assert.Equal(await table.Locator("tbody tr").CountAsync(), await table.Locator("tbody tr svg.trend").CountAsync());
        await table.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "scorecard-trend.png"), FullPage = true });

        await page.GotoAsync($"/reports/cycles/{cycleId}/countries/{iso3}?lang=ar");
        await Assertions.Expect(page.Locator("#trend-table")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "scorecard-trend-ar.png"), FullPage = true });
    }
}
