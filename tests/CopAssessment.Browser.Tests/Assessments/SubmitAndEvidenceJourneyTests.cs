using CopAssessment.Web.Features.Assessments;
using CopAssessment.Web.Features.Cycles;
using CopAssessment.Web.Features.Questionnaires;
using Microsoft.Playwright;

namespace CopAssessment.Browser.Tests.Assessments;

[Collection(BrowserCollection.Name)]
public class SubmitAndEvidenceJourneyTests(BrowserFixture fixture)
{
    /// <summary>Kenya's submission in a fresh open cycle; with every applicable question answered when asked.</summary>
    private async Task<int> KenyaSubmissionAsync(bool answered)
    {
        var id = 0;
        await fixture.App.WithScopeAsync(async services =>
        {
            var catalog = services.GetRequiredService<QuestionnaireCatalog>();
            var version = await catalog.GetLatestVersionAsync();
            var cycles = services.GetRequiredService<CycleService>();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var cycle = await cycles.CreateAsync(new CycleInput { Name = "Browser " + Guid.NewGuid().ToString("N")[..8], QuestionnaireVersionId = version!.Id, OpensOn = today, Deadline = today.AddDays(30) });
            await cycles.ApplyAsync(cycle, CycleAction.Open);
            var db = services.GetRequiredService<CopDbContext>();
            id = await db.Set<Submission>().Where(s => s.CycleId == cycle.Id && s.CountryIso3 == "KEN").Select(s => s.Id).SingleAsync();
            if (!answered) return;
            var definition = await catalog.GetDefinitionAsync(version.Id);
            foreach (var (key, value) in AssessmentDemoSeed.Generate(definition, new Random(3), "Kenya", "KE", complete: true))
                db.Set<Answer>().Add(new Answer { SubmissionId = id, QuestionKey = key, Value = AnswerJson.Serialize(value), UpdatedBy = "focal.ken@demo.local" });
            await db.SaveChangesAsync();
        });
        return id;
    }

    [Fact]
    public async Task Submitting_asks_for_confirmation_and_only_the_confirmation_submits()
    {
        var id = await KenyaSubmissionAsync(answered: true);
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "focal.ken@demo.local");
        await page.GotoAsync($"/assessments/{id}");
        var progress = page.GetByRole(AriaRole.Progressbar, new() { NameRegex = new System.Text.RegularExpressions.Regex("^All sections: \\d+ of \\d+ required questions that apply now$") });
        await Assertions.Expect(progress).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "assessment-overview-progress.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit the assessment" }).ClickAsync();
        // A GET form with no fields: the URL ends in "submit?".
        await page.WaitForURLAsync($"**/assessments/{id}/submit?");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Submit the assessment of Kenya?");
        await Assertions.Expect(page.Locator(".submit-consequences")).ToContainTextAsync("read-only");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "assessment-submit-confirmation.png") });
        Assert.Equal(SubmissionStatus.Draft, await StatusAsync(id));

        // Cancel goes back and changes nothing.
        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();
        await page.WaitForURLAsync($"**/assessments/{id}");
        Assert.Equal(SubmissionStatus.Draft, await StatusAsync(id));

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit the assessment" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, submit the assessment" }).ClickAsync();
        await page.WaitForURLAsync($"**/assessments/{id}");
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Assessment submitted.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Submit the assessment" })).ToHaveCountAsync(0);
        Assert.Equal(SubmissionStatus.Submitted, await StatusAsync(id));
    }

    [Fact]
    public async Task An_attached_file_is_visible_in_its_open_panel_with_a_readable_size()
    {
        var id = await KenyaSubmissionAsync(answered: false);
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "focal.ken@demo.local");
        await page.GotoAsync($"/assessments/{id}/policy");

        var question = page.Locator("#q-pg-1-1");
        await question.Locator("details.evidence > summary").ClickAsync();
        var pdf = new byte[1536];
        Array.Fill(pdf, (byte)' ');
        "%PDF-1.4\n"u8.CopyTo(pdf);
        await question.GetByLabel("File (PDF, Office document or image, up to 20 MB)").SetInputFilesAsync(new FilePayload { Name = "decree-12.pdf", MimeType = "application/pdf", Buffer = pdf });
        await question.GetByRole(AriaRole.Button, new() { Name = "Attach" }).ClickAsync();

        await page.WaitForURLAsync($"**/assessments/{id}/policy?evidence=pg.1.1#q-pg-1-1");
        var panel = page.Locator("#q-pg-1-1 details.evidence");
        await Assertions.Expect(panel).ToHaveAttributeAsync("open", "open");
        var link = panel.GetByRole(AriaRole.Link, new() { Name = "decree-12.pdf" });
        await Assertions.Expect(link).ToBeVisibleAsync();
        await Assertions.Expect(link).ToBeInViewportAsync();
        await Assertions.Expect(panel).ToContainTextAsync("(1.5 KB)");
        await Assertions.Expect(panel.Locator("summary")).ToContainTextAsync("(1)");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "assessment-evidence-attached.png") });

        // Attaching the same file again is refused beside the question; the panel stays open with one file.
        await panel.GetByLabel("File (PDF, Office document or image, up to 20 MB)").SetInputFilesAsync(new FilePayload { Name = "copy.pdf", MimeType = "application/pdf", Buffer = pdf });
        await panel.GetByRole(AriaRole.Button, new() { Name = "Attach" }).ClickAsync();
        await Assertions.Expect(page.Locator("#q-pg-1-1 details.evidence [role=alert]")).ToContainTextAsync("This file is already attached to this question.");
        await Assertions.Expect(page.Locator("#q-pg-1-1 details.evidence .evidence-list li")).ToHaveCountAsync(1);
    }

    private Task<SubmissionStatus> StatusAsync(int id) =>
        fixture.App.WithDbAsync(db => db.Set<Submission>().Where(s => s.Id == id).Select(s => s.Status).SingleAsync());
}
