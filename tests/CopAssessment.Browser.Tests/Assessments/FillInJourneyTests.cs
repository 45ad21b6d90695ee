using CopAssessment.Web.Features.Assessments;
using CopAssessment.Web.Features.Cycles;
using CopAssessment.Web.Features.Questionnaires;
using Microsoft.Playwright;

namespace CopAssessment.Browser.Tests.Assessments;

[Collection(BrowserCollection.Name)]
public class FillInJourneyTests(BrowserFixture fixture)
{
    /// <summary>A fresh open cycle, so these tests never share Kenya's submission with the demo data or each other.</summary>
    private async Task<int> KenyaSubmissionAsync()
    {
        var id = 0;
        await fixture.App.WithScopeAsync(async services =>
        {
            var version = await services.GetRequiredService<QuestionnaireCatalog>().GetLatestVersionAsync();
            var cycles = services.GetRequiredService<CycleService>();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var cycle = await cycles.CreateAsync(new CycleInput { Name = "Browser " + Guid.NewGuid().ToString("N")[..8], QuestionnaireVersionId = version!.Id, OpensOn = today, Deadline = today.AddDays(30) });
            await cycles.ApplyAsync(cycle, CopAssessment.Domain.Workflow.CycleAction.Open);
            var db = services.GetRequiredService<CopAssessment.Web.Data.CopDbContext>();
            id = await db.Set<Submission>().Where(s => s.CycleId == cycle.Id && s.CountryIso3 == "KEN").Select(s => s.Id).SingleAsync();
        });
        return id;
    }

    [Fact]
    public async Task Focal_point_answers_sees_saved_reloads_and_a_follow_up_appears()
    {
        var id = await KenyaSubmissionAsync();
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "focal.ken@demo.local");
        await page.GotoAsync($"/assessments/{id}/policy");

        var followUp = page.Locator("#q-pg-1-2");
        await Assertions.Expect(followUp).ToBeHiddenAsync();
        var first = page.Locator("#q-pg-1-1");
        await first.GetByRole(AriaRole.Radio).First.CheckAsync();
        await Assertions.Expect(first.Locator(".save-state")).ToHaveTextAsync("Saved");
        // The relevance condition holds now: the follow-up question appears.
        await Assertions.Expect(followUp).ToBeVisibleAsync();
        await followUp.GetByRole(AriaRole.Checkbox).Nth(1).CheckAsync();
        await Assertions.Expect(followUp.Locator(".save-state")).ToHaveTextAsync("Saved");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsDirectory, "assessment-domain-saved.png"), FullPage = false });

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#q-pg-1-1").GetByRole(AriaRole.Radio).First).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#q-pg-1-2").GetByRole(AriaRole.Checkbox).Nth(1)).ToBeCheckedAsync();
        await Assertions.Expect(page.Locator("#q-pg-1-2")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Submitting_with_missing_answers_lists_them_with_links()
    {
        var id = await KenyaSubmissionAsync();
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "focal.ken@demo.local");
        await page.GotoAsync($"/assessments/{id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit the assessment" }).ClickAsync();
        var problems = page.Locator("#submit-problems");
        await Assertions.Expect(problems).ToContainTextAsync("required questions have no answer");
        Assert.True(await problems.Locator("a").CountAsync() > 50);
        await problems.Locator("a[href*='#q-pg-1-1']").ClickAsync();
        await page.WaitForURLAsync($"**/assessments/{id}/policy#q-pg-1-1");
    }

    [Fact]
    public async Task Focal_point_replies_to_a_reviewer_comment_next_to_the_question()
    {
        var id = await KenyaSubmissionAsync();
        long commentId = 0;
        await fixture.App.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<CopAssessment.Web.Data.CopDbContext>();
            var comment = new ReviewComment
            {
                SubmissionId = id, QuestionKey = "pg.1.1", Body = "Which decree created the committee?",
                AuthorEmail = "reviewer@demo.local", AuthorName = "Demo Reviewer", FromSecretariat = true,
            };
            db.Add(comment);
            await db.SaveChangesAsync();
            commentId = comment.Id;
        });
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "focal.ken@demo.local");
        await page.GotoAsync($"/assessments/{id}/policy");

        var question = page.Locator("#q-pg-1-1");
        await Assertions.Expect(question.Locator(".question-comments")).ToContainTextAsync("Which decree created the committee?");
        await question.Locator(".comment-reply summary").ClickAsync();
        // The reply box sits inside the answers form but belongs to its own form: typing in it saves no answer.
        await question.GetByLabel("Your reply").FillAsync("Decree 12 of 2021; attached as evidence.");
        await Assertions.Expect(question.Locator(".save-state")).ToHaveTextAsync("");
        await question.GetByRole(AriaRole.Button, new() { Name = "Send reply" }).ClickAsync();

        await page.WaitForURLAsync($"**/assessments/{id}/policy#q-pg-1-1");
        await Assertions.Expect(page.Locator("#q-pg-1-1 .question-comments")).ToContainTextAsync("Decree 12 of 2021; attached as evidence.");
        var reply = await fixture.App.WithDbAsync(db => db.Set<ReviewComment>().Where(c => c.ParentId == commentId).Select(c => new { c.Body, c.AuthorEmail }).SingleAsync());
        Assert.Equal("focal.ken@demo.local", reply.AuthorEmail);
        Assert.Equal(0, await fixture.App.WithDbAsync(db => db.Set<Answer>().CountAsync(a => a.SubmissionId == id)));
    }

    [Fact]
    public async Task A_save_after_the_session_ended_says_so_and_does_not_retry_forever()
    {
        var id = await KenyaSubmissionAsync();
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "focal.ken@demo.local");
        await page.GotoAsync($"/assessments/{id}/policy");
        // Signed out elsewhere (or the session expired): the next save cannot succeed by retrying.
        await page.Context.ClearCookiesAsync();
        var question = page.Locator("#q-pg-1-1");
        await question.GetByRole(AriaRole.Radio).First.CheckAsync();
        await Assertions.Expect(question.Locator(".question-error")).ToContainTextAsync("reload the page");
        await Assertions.Expect(page.Locator("#autosave-status")).ToContainTextAsync("reload the page");
        Assert.Equal(0, await fixture.App.WithDbAsync(db => db.Set<Answer>().CountAsync(a => a.SubmissionId == id)));
    }

    [Fact]
    public async Task A_save_the_server_cannot_take_now_is_kept_and_sent_again_after_its_retry_after()
    {
        var id = await KenyaSubmissionAsync();
        var page = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "focal.ken@demo.local");
        await page.GotoAsync($"/assessments/{id}/policy");
        // The first save meets the database restarting: the app answers 503 with Retry-After (as DatabaseOutage writes it).
        var sent = 0;
        await page.RouteAsync($"**/assessments/{id}/answers", async route =>
        {
            if (Interlocked.Increment(ref sent) > 1) { await route.ContinueAsync(); return; }
            await route.FulfillAsync(new()
            {
                Status = 503, ContentType = "application/json", Headers = new Dictionary<string, string> { ["Retry-After"] = "2" },
                Body = """{"outcome":"unavailable","error":"The database could not be reached for a moment, so nothing was changed. Try again in a few seconds."}""",
            });
        });
        var question = page.Locator("#q-pg-1-1");
        await question.GetByRole(AriaRole.Radio).First.CheckAsync();
        await Assertions.Expect(question.Locator(".save-state")).ToHaveTextAsync("Not saved — the server is busy, trying again in a few seconds");
        await Assertions.Expect(question.GetByRole(AriaRole.Radio).First).ToBeCheckedAsync();
        // Not sent again before the wait the server asked for, then saved.
        await Task.Delay(1000);
        Assert.Equal(1, Volatile.Read(ref sent));
        await Assertions.Expect(question.Locator(".save-state")).ToHaveTextAsync("Saved", new() { Timeout = 10000 });
        Assert.Equal(2, Volatile.Read(ref sent));
        Assert.Equal(1, await fixture.App.WithDbAsync(db => db.Set<Answer>().CountAsync(a => a.SubmissionId == id && a.QuestionKey == "pg.1.1")));
    }
}
