using System.Net;
using CopAssessment.Web.Features.Assessments;
using static CopAssessment.Web.Tests.Assessments.AssessmentTestKit;

namespace CopAssessment.Web.Tests.Assessments;

[Collection(AppCollection.Name)]
public class JourneyTests(CopAppFactory app)
{
    [Fact]
    public async Task Open_fill_submit_return_fix_resubmit_validate_stores_the_snapshot()
    {
        // The administrator creates and opens a cycle through the pages.
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var versionId = await app.WithDbAsync(db => db.QuestionnaireVersions.OrderByDescending(v => v.Number).Select(v => v.Id).FirstAsync());
        var name = "Journey " + Guid.NewGuid().ToString("N")[..6];
        var created = await admin.PostFormAsync("/admin/cycles/new", "/admin/cycles/new", new Dictionary<string, string>
        {
            ["Name"] = name, ["QuestionnaireVersionId"] = versionId.ToString(), ["OpensOn"] = DateTime.UtcNow.ToString("yyyy-MM-dd"),
            ["Deadline"] = DateTime.UtcNow.AddDays(40).ToString("yyyy-MM-dd"), ["PublicationPolicy"] = "Named",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var cycleId = await app.WithDbAsync(db => db.Set<AssessmentCycle>().Where(c => c.Name == name).Select(c => c.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await admin.PostFormAsync("/admin/cycles", $"/admin/cycles/{cycleId}/open", new Dictionary<string, string>())).StatusCode);
        var countries = await app.WithDbAsync(db => db.Countries.CountAsync());
        Assert.Equal(countries, await app.WithDbAsync(db => db.Set<Submission>().CountAsync(s => s.CycleId == cycleId && s.Status == SubmissionStatus.Draft)));

        var id = await SubmissionIdAsync(app, cycleId, "KEN");
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var dashboard = await ken.GetStringAsync("/");
        Assert.Contains(name, dashboard);

        // Submitting an empty assessment lists what is missing, with links.
        var token = await TokenAsync(ken, $"/assessments/{id}");
        var refused = await PostAsync(ken, token, $"/assessments/{id}/submit", Confirmed);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var refusedPage = await refused.Content.ReadAsStringAsync();
        Assert.Contains($"href=\"/assessments/{id}/policy#q-pg-1-1\"", refusedPage);

        await AnswerEverythingAsync(app, ken, id);
        var submitted = await PostAsync(ken, token, $"/assessments/{id}/submit", Confirmed);
        Assert.True(submitted.StatusCode == HttpStatusCode.Redirect, System.Text.RegularExpressions.Regex.Match(await submitted.Content.ReadAsStringAsync(), "id=\"submit-problems\"[\\s\\S]{0,3000}").Value);
        Assert.True(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.To == "reviewer@demo.local" && m.Body.Contains($"/review/{id}"))));

        // Read-only for the country now.
        var locked = await SaveAsync(ken, token, id, "pg.1.1", 1, "no");
        Assert.Equal(HttpStatusCode.Forbidden, locked.StatusCode);

        // The reviewer cannot return without an open comment, then comments on one question and returns.
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var reviewToken = await TokenAsync(reviewer, $"/review/{id}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostAsync(reviewer, reviewToken, $"/review/{id}/return")).StatusCode);
        await PostAsync(reviewer, reviewToken, $"/assessments/{id}/comments", new Dictionary<string, string> { ["questionKey"] = "pg.1.1", ["body"] = "Name the policy document.", ["returnUrl"] = $"/review/{id}" });
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(reviewer, reviewToken, $"/review/{id}/return", new Dictionary<string, string> { ["note"] = "See the comment." })).StatusCode);
        Assert.Equal(SubmissionStatus.Returned, await StatusAsync(id));
        Assert.True(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.To == "focal.ken@demo.local" && m.Subject.Contains("returned"))));

        // The country sees the comment next to the question, edits and submits again.
        var page = await ken.GetStringAsync($"/assessments/{id}/policy");
        Assert.Contains("Name the policy document.", page);
        // … and replies right there: the reply lands in the thread and the page comes back to the question.
        var commentId = await app.WithDbAsync(db => db.Set<ReviewComment>().Where(c => c.SubmissionId == id && c.QuestionKey == "pg.1.1").Select(c => c.Id).SingleAsync());
        Assert.Contains($"form=\"reply-{commentId}\"", page);
        var replied = await PostAsync(ken, token, $"/assessments/{id}/comments", new Dictionary<string, string>
        {
            ["parentId"] = commentId.ToString(), ["body"] = "Added: National Child Online Protection Policy 2024.", ["returnUrl"] = $"/assessments/{id}/policy#q-pg-1-1",
        });
        Assert.Equal($"/assessments/{id}/policy#q-pg-1-1", replied.Headers.Location?.OriginalString);
        var reply = await app.WithDbAsync(db => db.Set<ReviewComment>().Where(c => c.ParentId == commentId).SingleAsync());
        Assert.Equal("pg.1.1", reply.QuestionKey);
        Assert.False(reply.FromSecretariat);
        Assert.Contains("Added: National Child Online Protection Policy 2024.", await ken.GetStringAsync($"/assessments/{id}/policy"));
        // A question no relevance condition reads, so the change reveals nothing new.
        var definition = await DefinitionAsync(app, id);
        var referenced = definition.Questions.Where(q => q.Relevance is not null).SelectMany(q => q.Relevance!.ReferencedKeys()).ToHashSet();
        var leaf = definition.Questions.First(q => q.Type == CopAssessment.Domain.Questionnaires.QuestionType.YesPartialNo && q.Relevance is null && !referenced.Contains(q.Key)).Key;
        var version = await app.WithDbAsync(db => db.Set<Answer>().Where(a => a.SubmissionId == id && a.QuestionKey == leaf).Select(a => a.Version).SingleAsync());
        var current = await app.WithDbAsync(db => db.Set<Answer>().Where(a => a.SubmissionId == id && a.QuestionKey == leaf).Select(a => a.Value).SingleAsync());
        var newValue = current.Contains("\"yes\"") ? "partial" : "yes";
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(ken, token, id, leaf, version, newValue)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(ken, token, $"/assessments/{id}/submit", Confirmed)).StatusCode);

        // Validation locks the submission and stores the score snapshot.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(reviewer, reviewToken, $"/review/{id}/validate")).StatusCode);
        var snapshot = await app.WithDbAsync(db => db.Set<Submission>().Where(s => s.Id == id).Select(s => new { s.Status, s.ScoreSnapshot }).SingleAsync());
        Assert.Equal(SubmissionStatus.Validated, snapshot.Status);
        var scorecard = ScoreSnapshot.Parse(snapshot.ScoreSnapshot!);
        Assert.NotNull(scorecard.Overall);
        Assert.Equal(ScoringMode.Submitted, scorecard.Mode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SaveAsync(ken, token, id, "pg.1.1", 0, "no")).StatusCode);

        var timeline = await app.WithDbAsync(db => db.Set<SubmissionTransition>().Where(t => t.SubmissionId == id).OrderBy(t => t.Id).Select(t => t.To).ToListAsync());
        Assert.Equal([SubmissionStatus.Submitted, SubmissionStatus.InReview, SubmissionStatus.Returned, SubmissionStatus.Submitted, SubmissionStatus.InReview, SubmissionStatus.Validated], timeline);
        var results = await app.WithDbAsync(async db => await new CycleResults(db).LoadCycleResultsAsync(cycleId, Infrastructure.Security.UserScope.Everything));
        Assert.NotNull(results.Single(r => r.Iso3 == "KEN").Scorecard);

        // An administrator reopens it with a reason; the audit page lists the transitions.
        var adminToken = await TokenAsync(admin, $"/review/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(admin, adminToken, $"/review/{id}/reopen", new Dictionary<string, string> { ["reason"] = "Typo in the legal reference." })).StatusCode);
        Assert.Equal(SubmissionStatus.Returned, await StatusAsync(id));
        var audit = await admin.GetStringAsync("/admin/audit?country=KEN&action=submission-validate");
        Assert.Contains($"submission {id}", audit);
    }

    private static readonly Dictionary<string, string> Confirmed = new() { ["confirmed"] = "true" };

    private Task<SubmissionStatus> StatusAsync(int id) => app.WithDbAsync(db => db.Set<Submission>().Where(s => s.Id == id).Select(s => s.Status).SingleAsync());
}
