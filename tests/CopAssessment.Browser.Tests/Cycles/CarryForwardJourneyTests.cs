using CopAssessment.Web.Features.Assessments;
using CopAssessment.Web.Features.Cycles;
using CopAssessment.Web.Features.Questionnaires;
using Microsoft.Playwright;

namespace CopAssessment.Browser.Tests.Cycles;

/// <summary>
/// The second round (decision 0020): the Secretariat opens a cycle from the open page with Kenya ticked, and Kenya's
/// focal point finds last round's answers marked "carried from …", confirms a section and changes one answer.
/// </summary>
[Collection(BrowserCollection.Name)]
public class CarryForwardJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Focal_point_sees_carried_answers_confirms_a_section_and_changes_one()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var (sourceTitle, targetTitle) = ($"Round one {suffix}", $"Round two {suffix}");
        var targetId = 0;
        await fixture.App.WithScopeAsync(async services =>
        {
            var version = await services.GetRequiredService<QuestionnaireCatalog>().GetLatestVersionAsync();
            var definition = await services.GetRequiredService<QuestionnaireCatalog>().GetDefinitionAsync(version!.Id);
            var cycles = services.GetRequiredService<CycleService>();
            var db = services.GetRequiredService<CopAssessment.Web.Data.CopDbContext>();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var source = await cycles.CreateAsync(new CycleInput { Name = sourceTitle, QuestionnaireVersionId = version.Id, OpensOn = today, Deadline = today.AddDays(30),
                Titles = { ["ar"] = "الجولة الأولى " + suffix } });
            await cycles.ApplyAsync(source, CopAssessment.Domain.Workflow.CycleAction.Open);
            var submission = await db.Set<Submission>().SingleAsync(s => s.CycleId == source.Id && s.CountryIso3 == "KEN");
            foreach (var (key, value) in AssessmentDemoSeed.Generate(definition, new Random(3), "Kenya", "KE", complete: true))
                db.Add(new Answer { SubmissionId = submission.Id, QuestionKey = key, Value = AnswerJson.Serialize(value), UpdatedBy = "focal.ken@demo.local" });
            submission.Status = SubmissionStatus.Validated;
            await db.SaveChangesAsync();
            targetId = (await cycles.CreateAsync(new CycleInput { Name = targetTitle, QuestionnaireVersionId = version.Id, OpensOn = today, Deadline = today.AddDays(60) })).Id;
        });

        // The Secretariat opens the new cycle: Kenya is offered and ticked by default.
        var admin = await fixture.NewPageAsync();
        await fixture.SignInAsync(admin, "admin@demo.local");
        await admin.GotoAsync("/admin/cycles");
        await admin.Locator("tr", new() { HasText = targetTitle }).GetByRole(AriaRole.Link, new() { Name = "Open…" }).ClickAsync();
        var kenya = admin.GetByRole(AriaRole.Checkbox, new() { Name = "Kenya", Exact = true });
        await Assertions.Expect(kenya).ToBeCheckedAsync();
        await Assertions.Expect(admin.Locator("tr", new() { Has = kenya })).ToContainTextAsync(sourceTitle);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Open the cycle" }).ClickAsync();
        await Assertions.Expect(admin.Locator("tr", new() { HasText = targetTitle })).ToContainTextAsync("Open");

        var id = await fixture.App.WithDbAsync(db => db.Set<Submission>().Where(s => s.CycleId == targetId && s.CountryIso3 == "KEN").Select(s => s.Id).SingleAsync());
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "focal.ken@demo.local");
        await page.GotoAsync($"/assessments/{id}/policy");
        var note = page.Locator("#q-pg-1-1 .carried-note");
        await Assertions.Expect(note).ToContainTextAsync($"Carried from {sourceTitle} — confirm or change");
        // Unconfirmed, they count as unanswered.
        await Assertions.Expect(page.Locator(".section-progress progress").First).ToHaveAttributeAsync("value", "0");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "carry-forward-domain-en.png"), FullPage = false });
        await page.GotoAsync($"/assessments/{id}/policy?culture=ar&ui-culture=ar");
        await Assertions.Expect(note).ToContainTextAsync("الجولة الأولى " + suffix);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "carry-forward-domain-ar.png"), FullPage = false });

        // The whole section at once: the notes go and the section counts as answered.
        await page.GotoAsync($"/assessments/{id}/policy?culture=en&ui-culture=en");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm all carried answers of this section" }).ClickAsync();
        await Assertions.Expect(page.GetByText("carried answers confirmed.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".carried-note")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".section-progress progress").First).Not.ToHaveAttributeAsync("value", "0");

        // Another section: changing one carried answer confirms it; the others still wait.
        await page.GotoAsync($"/assessments/{id}/justice");
        var stage = page.Locator("#q-cj-4-stage");
        await Assertions.Expect(stage.Locator(".carried-note")).ToBeVisibleAsync();
        var before = await page.Locator(".carried-note").CountAsync();
        await stage.Locator("input[type=radio]:not(:checked)").First.CheckAsync();
        await Assertions.Expect(stage.Locator(".save-state")).ToHaveTextAsync("Saved");
        await Assertions.Expect(stage.Locator(".carried-note")).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await Assertions.Expect(stage.Locator(".carried-note")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".carried-note")).ToHaveCountAsync(before - 1);
        // One question confirmed on its own, with its button.
        await page.Locator("#q-cj-4-1").GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(page.GetByText("1 carried answer confirmed.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#q-cj-4-1 .carried-note")).ToHaveCountAsync(0);

        var answers = await fixture.App.WithDbAsync(db => db.Set<Answer>().Where(a => a.SubmissionId == id).ToListAsync());
        Assert.Null(answers.Single(a => a.QuestionKey == "cj.4.stage").CarriedFromCycleId);
        Assert.False(answers.Single(a => a.QuestionKey == "pg.1.1").Unconfirmed);
        Assert.False(answers.Single(a => a.QuestionKey == "cj.4.1").Unconfirmed);
        Assert.Contains(answers, a => a.Unconfirmed);
    }
}
