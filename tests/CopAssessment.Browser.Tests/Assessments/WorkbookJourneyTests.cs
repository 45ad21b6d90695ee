using CopAssessment.Web.Features.Cycles;
using CopAssessment.Web.Features.Questionnaires;
using Microsoft.Playwright;

namespace CopAssessment.Browser.Tests.Assessments;

/// <summary>The offline workbook as a focal point uses it: download from the overview, fill in, upload through the form, check the preview, save.</summary>
[Collection(BrowserCollection.Name)]
public class WorkbookJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_focal_point_downloads_the_workbook_uploads_it_filled_in_sees_the_preview_and_saves()
    {
        var id = 0;
        var yes = "";
        await fixture.App.WithScopeAsync(async services =>
        {
            var catalog = services.GetRequiredService<QuestionnaireCatalog>();
            var version = await catalog.GetLatestVersionAsync();
            var cycles = services.GetRequiredService<CycleService>();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var cycle = await cycles.CreateAsync(new CycleInput { Name = "Workbook " + Guid.NewGuid().ToString("N")[..8], QuestionnaireVersionId = version!.Id, OpensOn = today, Deadline = today.AddDays(30) });
            await cycles.ApplyAsync(cycle, CycleAction.Open);
            id = await services.GetRequiredService<CopDbContext>().Set<Submission>().Where(s => s.CycleId == cycle.Id && s.CountryIso3 == "KEN").Select(s => s.Id).SingleAsync();
            yes = (await catalog.GetDefinitionAsync(version.Id)).FindQuestion("pg.1.4")!.FindOption("yes")!.Label.Get("en");
        });
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "focal.ken@demo.local");
        await page.GotoAsync($"/assessments/{id}");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download the workbook (.xlsx)" }).ClickAsync());
        Assert.EndsWith(".xlsx", download.SuggestedFilename);
        var saved = Path.Combine(Path.GetTempPath(), $"workbook-{id}.xlsx");
        await download.SaveAsAsync(saved);
        var filled = Path.Combine(Path.GetTempPath(), $"workbook-{id}-filled.xlsx");
        await File.WriteAllBytesAsync(filled, WorkbookFile.Answer(await File.ReadAllBytesAsync(saved), ("pg.1.4", yes), ("ctx.1", "Ministry of ICT and the Digital Economy")));

        await page.GetByRole(AriaRole.Link, new() { Name = "Upload a filled-in workbook" }).ClickAsync();
        await page.GetByLabel("Workbook (.xlsx)").SetInputFilesAsync(filled);
        await page.GetByRole(AriaRole.Button, new() { Name = "Read the workbook and preview" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Check the changes before they are saved");
        await Assertions.Expect(page.Locator("#workbook-summary")).ToContainTextAsync("2 answers would change.");
        await Assertions.Expect(page.Locator("tr[data-key='pg.1.4']")).ToContainTextAsync(yes);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "workbook-preview.png"), FullPage = true });
        Assert.Equal(0, await fixture.App.WithDbAsync(db => db.Set<Answer>().CountAsync(a => a.SubmissionId == id)));

        await page.GetByRole(AriaRole.Button, new() { Name = "Save these answers" }).ClickAsync();
        await page.WaitForURLAsync($"**/assessments/{id}");
        await Assertions.Expect(page.GetByText("2 answers imported from the workbook.")).ToBeVisibleAsync();
        var answers = await fixture.App.WithDbAsync(db => db.LoadAnswersAsync(id));
        Assert.Equal("yes", answers["pg.1.4"].Value.OptionKey);
        Assert.Equal("Ministry of ICT and the Digital Economy", answers["ctx.1"].Value.TextOrNull);
        File.Delete(saved);
        File.Delete(filled);
    }
}
