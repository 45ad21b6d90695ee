using CopAssessment.Web.Features.Assessments;
using CopAssessment.Web.Features.Cycles;
using CopAssessment.Web.Features.Questionnaires;
using CopAssessment.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Playwright;

namespace CopAssessment.Browser.Tests.Contributors;

[Collection(BrowserCollection.Name)]
public class NationalContributorJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_focal_point_assigns_justice_the_contributor_answers_it_and_the_focal_point_submits()
    {
        // Kenya's assessment in a fresh cycle, answered but for one justice question nothing else reads; and a
        // colleague who so far answers the media section.
        var (id, key, email, userId) = (0, "", $"colleague-{Guid.NewGuid():N}"[..18] + "@example.org", "");
        await fixture.App.WithScopeAsync(async services =>
        {
            var catalog = services.GetRequiredService<QuestionnaireCatalog>();
            var version = await catalog.GetLatestVersionAsync();
            var cycles = services.GetRequiredService<CycleService>();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var cycle = await cycles.CreateAsync(new CycleInput { Name = "Team " + Guid.NewGuid().ToString("N")[..8], QuestionnaireVersionId = version!.Id, OpensOn = today, Deadline = today.AddDays(30) });
            await cycles.ApplyAsync(cycle, CycleAction.Open);
            var db = services.GetRequiredService<CopDbContext>();
            id = await db.Set<Submission>().Where(s => s.CycleId == cycle.Id && s.CountryIso3 == "KEN").Select(s => s.Id).SingleAsync();
            var definition = await catalog.GetDefinitionAsync(version.Id);
            key = definition.Domains.Single(d => d.Key == "justice").Capabilities.SelectMany(c => c.Questions)
                .First(q => q.Required && q.Type == CopAssessment.Domain.Questionnaires.QuestionType.YesPartialNo && q.RelevantWhen is null
                    && !definition.Questions.Any(o => o.RelevantWhen?.Contains(q.Key) == true)).Key;
            foreach (var (k, value) in AssessmentDemoSeed.Generate(definition, new Random(3), "Kenya", "KE", complete: true).Where(a => a.Key != key))
                db.Set<Answer>().Add(new Answer { SubmissionId = id, QuestionKey = k, Value = AnswerJson.Serialize(value), UpdatedBy = "focal.ken@demo.local" });
            var users = services.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Justice Colleague", CountryIso3 = "KEN" };
            Assert.True((await users.CreateAsync(user, CopAppFactory.DemoPassword)).Succeeded);
            await users.AddToRoleAsync(user, Roles.NationalContributor);
            userId = user.Id;
            db.ContributorAssignments.Add(new ContributorAssignment { UserId = user.Id, CountryIso3 = "KEN", SectionKey = "media", AssignedBy = "focal.ken@demo.local" });
            await db.SaveChangesAsync();
        });

        // The focal point gives the colleague Criminal justice instead of Media, through the team page's form.
        var focal = await fixture.NewPageAsync();
        await fixture.SignInAsync(focal, "focal.ken@demo.local");
        await focal.GotoAsync("/contributors");
        var card = focal.Locator("section.card", new() { HasText = email });
        await card.GetByLabel("Criminal justice", new() { Exact = true }).CheckAsync();
        await card.GetByLabel("Media and communications", new() { Exact = true }).UncheckAsync();
        await card.GetByRole(AriaRole.Button, new() { Name = "Save the sections" }).ClickAsync();
        await Assertions.Expect(focal.Locator("body")).ToContainTextAsync($"The sections of {email} are saved.");
        await focal.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "contributors-team.png"), FullPage = true });
        Assert.Equal(new[] { "justice" }, await fixture.App.WithDbAsync(db => db.ContributorAssignments.Where(a => a.UserId == userId).Select(a => a.SectionKey).ToListAsync()));

        // The contributor answers the justice question; autosave stores it under their name.
        var colleague = await fixture.NewPageAsync();
        await fixture.SignInAsync(colleague, email);
        await colleague.GotoAsync($"/assessments/{id}/justice");
        var question = colleague.Locator("#" + QuestionRendering.Id(key));
        await question.Locator("input[type=radio][value=yes]").CheckAsync();
        await Assertions.Expect(colleague.Locator("#autosave-status")).ToContainTextAsync("Saved");
        var stored = await fixture.App.WithDbAsync(db => db.Set<Answer>().Where(a => a.SubmissionId == id && a.QuestionKey == key).Select(a => a.UpdatedBy).SingleAsync());
        Assert.Equal(email, stored);

        // Another section is read-only: answers as text, no fields, and no submit button on the overview.
        await colleague.GotoAsync($"/assessments/{id}/policy");
        await Assertions.Expect(colleague.Locator("body")).ToContainTextAsync("You can change only the questions of the sections assigned to you");
        await Assertions.Expect(colleague.Locator("#answers-form input[name^='a:']")).ToHaveCountAsync(0);
        await Assertions.Expect(colleague.Locator(".answer-readonly").First).ToBeVisibleAsync();
        await colleague.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "contributor-readonly-section.png") });
        await colleague.GotoAsync($"/assessments/{id}");
        await Assertions.Expect(colleague.GetByRole(AriaRole.Button, new() { Name = "Submit the assessment" })).ToHaveCountAsync(0);

        // The focal point sees who is assigned and who changed the section last, and submits.
        await focal.GotoAsync($"/assessments/{id}");
        var justiceRow = focal.Locator("#sections-table tr[data-section=justice]");
        await Assertions.Expect(justiceRow).ToContainTextAsync("Justice Colleague");
        await Assertions.Expect(justiceRow).ToContainTextAsync(email);
        await focal.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "contributors-overview.png"), FullPage = true });
        await focal.GetByRole(AriaRole.Button, new() { Name = "Submit the assessment" }).ClickAsync();
        await focal.GetByRole(AriaRole.Button, new() { Name = "Yes, submit the assessment" }).ClickAsync();
        await Assertions.Expect(focal.Locator("body")).ToContainTextAsync("Assessment submitted.");
        Assert.Equal(SubmissionStatus.Submitted, await fixture.App.WithDbAsync(db => db.Set<Submission>().Where(s => s.Id == id).Select(s => s.Status).SingleAsync()));
    }
}
