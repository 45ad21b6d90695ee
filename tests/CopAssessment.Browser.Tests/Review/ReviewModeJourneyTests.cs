using CopAssessment.Domain.Answers;
using CopAssessment.Domain.Questionnaires;
using CopAssessment.Web.Features.Assessments;
using CopAssessment.Web.Features.Cycles;
using CopAssessment.Web.Features.Questionnaires;
using Microsoft.Playwright;

namespace CopAssessment.Browser.Tests.Review;

/// <summary>The second round of a review: the reviewer finds what changed and comments beside it; the country follows the dashboard to the comment.</summary>
[Collection(BrowserCollection.Name)]
public class ReviewModeJourneyTests(BrowserFixture fixture)
{
    private sealed record SecondRound(int Id, string Changed, string ChangedDomain, string Cycle);

    /// <summary>
    /// Kenya's assessment submitted twice, one answer changed in between: the first submission's snapshot holds the
    /// old answer, the second the new one (as Submit takes them).
    /// </summary>
    private async Task<SecondRound> ResubmittedAsync(SubmissionStatus status)
    {
        SecondRound round = null!;
        await fixture.App.WithScopeAsync(async services =>
        {
            var catalog = services.GetRequiredService<QuestionnaireCatalog>();
            var version = await catalog.GetLatestVersionAsync();
            var cycles = services.GetRequiredService<CycleService>();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var cycle = await cycles.CreateAsync(new CycleInput { Name = "Review " + Guid.NewGuid().ToString("N")[..8], QuestionnaireVersionId = version!.Id, OpensOn = today, Deadline = today.AddDays(30) });
            await cycles.ApplyAsync(cycle, CycleAction.Open);
            var db = services.GetRequiredService<CopDbContext>();
            var id = await db.Set<Submission>().Where(s => s.CycleId == cycle.Id && s.CountryIso3 == "KEN").Select(s => s.Id).SingleAsync();
            var definition = await catalog.GetDefinitionAsync(version.Id);
            var answers = AssessmentDemoSeed.Generate(definition, new Random(3), "Kenya", "KE", complete: true);
            foreach (var (key, value) in answers)
                db.Set<Answer>().Add(new Answer { SubmissionId = id, QuestionKey = key, Value = AnswerJson.Serialize(value), UpdatedBy = "focal.ken@demo.local" });
            await db.SaveChangesAsync();
            await db.TakeAsync(id);
            var referenced = definition.Questions.Where(q => q.Relevance is not null).SelectMany(q => q.Relevance!.ReferencedKeys()).ToHashSet();
            var changed = definition.Questions.First(q => q.Type == QuestionType.YesPartialNo && q.Relevance is null && !referenced.Contains(q.Key) && answers.ContainsKey(q.Key) && q.Key != "pg.1.1");
            var answer = await db.Set<Answer>().SingleAsync(a => a.SubmissionId == id && a.QuestionKey == changed.Key);
            answer.Value = AnswerJson.Serialize(AnswerValue.Option(answers[changed.Key].OptionKey == "yes" ? "partial" : "yes"));
            await db.SaveChangesAsync();
            await db.TakeAsync(id);
            await db.Set<Submission>().Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, status));
            round = new SecondRound(id, changed.Key, definition.DomainOf(changed.Key)!.Key, cycle.Name);
        });
        return round;
    }

    [Fact]
    public async Task A_reviewer_filters_what_changed_and_comments_beside_the_question_where_the_confirmation_appears()
    {
        var round = await ResubmittedAsync(SubmissionStatus.InReview);
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "reviewer@demo.local");
        await page.GotoAsync($"/review/{round.Id}");
        await page.Locator(".review-nav").GetByRole(AriaRole.Link, new() { NameRegex = new("^Changed") }).ClickAsync();
        await page.WaitForURLAsync($"**/review/{round.Id}?show=changed");
        var questions = page.Locator(".question");
        await Assertions.Expect(questions).ToHaveCountAsync(1);
        var question = page.Locator("#" + QuestionRendering.Id(round.Changed));
        await Assertions.Expect(question).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("\\bchanged\\b"));
        await Assertions.Expect(question.Locator("del")).ToBeVisibleAsync();
        await Assertions.Expect(question.Locator("ins")).ToBeVisibleAsync();

        await question.GetByRole(AriaRole.Link, new() { NameRegex = new("^Comment on this question") }).ClickAsync();
        var body = question.GetByLabel($"Comment on {round.Changed}");
        await Assertions.Expect(body).ToBeFocusedAsync();
        await body.FillAsync("Why is this partial now?");
        await question.GetByRole(AriaRole.Button, new() { Name = "Add comment" }).ClickAsync();
        await page.WaitForURLAsync($"**/review/{round.Id}?show=changed&at={round.Changed}#{QuestionRendering.Id(round.Changed)}");

        var confirmation = question.GetByRole(AriaRole.Status);
        await Assertions.Expect(confirmation).ToHaveTextAsync("Comment added.");
        await Assertions.Expect(confirmation).ToBeInViewportAsync();
        await Assertions.Expect(question.Locator(".comment-body")).ToHaveTextAsync("Why is this partial now?");
        // The filters and sections stay in view at the top while the reviewer is down at the question.
        await Assertions.Expect(page.Locator(".review-nav")).ToBeInViewportAsync();
        Assert.Equal(1, await fixture.App.WithDbAsync(db => db.Set<ReviewComment>().CountAsync(c => c.SubmissionId == round.Id && c.QuestionKey == round.Changed && c.ParentId == null)));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "review-changed-comment.png") });
    }

    [Fact]
    public async Task The_section_navigation_stays_in_view_at_390_px_in_arabic()
    {
        var round = await ResubmittedAsync(SubmissionStatus.InReview);
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 } });
        var page = await context.NewPageAsync();
        await fixture.SignInAsync(page, "reviewer@demo.local");
        await page.GotoAsync($"/review/{round.Id}?ui-culture=ar&culture=ar#{QuestionRendering.Id(round.Changed)}");
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        var nav = page.Locator(".review-nav");
        await Assertions.Expect(nav).ToBeInViewportAsync();
        // Half-way down the page (wherever the question put it), the navigation is held at the top.
        await page.EvaluateAsync("window.scrollTo(0, document.documentElement.scrollHeight / 2)");
        await page.WaitForFunctionAsync("Math.abs(document.querySelector('.review-nav').getBoundingClientRect().top) < 5");
        var box = await nav.BoundingBoxAsync();
        Assert.True(box!.Width <= 390 && box.Y >= 0 && box.Y < 5, $"{box.X},{box.Y} {box.Width}x{box.Height}");
        // The page itself does not scroll sideways: each strip does.
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "review-nav-390-ar.png") });
        await context.CloseAsync();
    }

    [Fact]
    public async Task The_focal_point_follows_the_dashboard_link_to_the_comment_to_answer()
    {
        var round = await ResubmittedAsync(SubmissionStatus.Returned);
        await fixture.App.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<CopDbContext>();
            db.Set<ReviewComment>().Add(new ReviewComment { SubmissionId = round.Id, QuestionKey = round.Changed, Body = "Cite the new programme.", AuthorEmail = "reviewer@demo.local", AuthorName = "Reviewer", FromSecretariat = true });
            db.Set<SubmissionTransition>().Add(new SubmissionTransition { SubmissionId = round.Id, From = SubmissionStatus.InReview, To = SubmissionStatus.Returned, By = "reviewer@demo.local", Note = "One question needs a source." });
            await db.SaveChangesAsync();
        });
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "focal.ken@demo.local");
        var card = page.Locator(".card", new() { HasText = round.Cycle });
        await Assertions.Expect(card.Locator(".return-note")).ToHaveTextAsync("One question needs a source.");
        await card.GetByRole(AriaRole.Link, new() { Name = $"1 comment to answer → {round.Changed}" }).ClickAsync();
        await page.WaitForURLAsync($"**/assessments/{round.Id}/{round.ChangedDomain}#{QuestionRendering.Id(round.Changed)}");
        var comment = page.Locator("#" + QuestionRendering.Id(round.Changed)).GetByText("Cite the new programme.");
        await Assertions.Expect(comment).ToBeInViewportAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "dashboard-comment-link.png") });
    }
}
