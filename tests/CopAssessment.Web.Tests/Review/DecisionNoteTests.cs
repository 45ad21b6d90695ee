using System.Net;
using static CopAssessment.Web.Tests.Assessments.AssessmentTestKit;

namespace CopAssessment.Web.Tests.Review;

[Collection(AppCollection.Name)]
public class DecisionNoteTests(CopAppFactory app)
{
    private async Task<(int Id, HttpClient Reviewer, string Token)> SubmittedWithACommentAsync()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        await AnswerEverythingAsync(app, ken, id);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(ken, await TokenAsync(ken, $"/assessments/{id}"), $"/assessments/{id}/submit",
            new Dictionary<string, string> { ["confirmed"] = "true" })).StatusCode);
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var token = await TokenAsync(reviewer, $"/review/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(reviewer, token, $"/assessments/{id}/comments",
            new Dictionary<string, string> { ["questionKey"] = "pg.1.1", ["body"] = "Name the policy document.", ["returnUrl"] = $"/review/{id}" })).StatusCode);
        return (id, reviewer, token);
    }

    [Fact]
    public async Task An_over_long_return_note_is_refused_beside_its_field_and_changes_nothing()
    {
        var (id, reviewer, token) = await SubmittedWithACommentAsync();
        var page = await reviewer.GetStringAsync($"/review/{id}");
        Assert.Contains("<textarea id=\"return-note\" name=\"note\" class=\"form-control\" rows=\"2\" maxlength=\"4000\"", page);
        var transitions = await TransitionsAsync(id);
        var mails = await app.WithDbAsync(db => db.OutboxMessages.CountAsync());

        var note = "Revise. " + new string('x', 4001);
        var refused = await PostAsync(reviewer, token, $"/review/{id}/return", new Dictionary<string, string> { ["note"] = note });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains($"<div id=\"return-note-error\" class=\"text-danger small\" role=\"alert\">Use at most 4000 characters (this text has {note.Length}).</div>", html);
        Assert.Contains("aria-invalid=\"true\">Revise. xxx", html);
        Assert.Equal(SubmissionStatus.Submitted, await StatusAsync(id));
        Assert.Equal(transitions, await TransitionsAsync(id));
        Assert.Equal(mails, await app.WithDbAsync(db => db.OutboxMessages.CountAsync()));

        // In French, the message is French.
        var french = await PostAsync(reviewer, token, $"/review/{id}/return?culture=fr", new Dictionary<string, string> { ["note"] = note });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, french.StatusCode);
        Assert.Contains($"Utilisez au plus 4000 caractères (ce texte en compte {note.Length}).", await french.Content.ReadAsStringAsync());

        // 4,000 characters exactly are fine.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(reviewer, token, $"/review/{id}/return", new Dictionary<string, string> { ["note"] = new string('y', 4000) })).StatusCode);
        Assert.Equal(SubmissionStatus.Returned, await StatusAsync(id));
    }

    [Fact]
    public async Task An_over_long_validation_note_or_reopening_reason_is_refused_and_changes_nothing()
    {
        var (id, reviewer, token) = await SubmittedWithACommentAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostAsync(reviewer, token, $"/review/{id}/validate", new Dictionary<string, string> { ["note"] = new string('v', 4001) })).StatusCode);
        Assert.Equal(SubmissionStatus.Submitted, await StatusAsync(id));
        Assert.Null(await app.WithDbAsync(db => db.Set<Submission>().Where(s => s.Id == id).Select(s => s.ScoreSnapshot).SingleAsync()));

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(reviewer, token, $"/review/{id}/validate")).StatusCode);
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var adminToken = await TokenAsync(admin, $"/review/{id}");
        var refused = await PostAsync(admin, adminToken, $"/review/{id}/reopen", new Dictionary<string, string> { ["reason"] = new string('r', 5000) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("<div id=\"reopen-reason-error\" class=\"text-danger small\" role=\"alert\">Use at most 4000 characters (this text has 5000).</div>", await refused.Content.ReadAsStringAsync());
        Assert.Equal(SubmissionStatus.Validated, await StatusAsync(id));
    }

    [Fact]
    public async Task An_over_long_comment_is_refused_with_a_message_and_nothing_is_stored()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var token = await TokenAsync(reviewer, $"/review/{id}");
        var refused = await PostAsync(reviewer, token, $"/assessments/{id}/comments", new Dictionary<string, string> { ["body"] = new string('c', 4001), ["returnUrl"] = $"/review/{id}" });
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("A comment needs 1 to 4000 characters.", await reviewer.GetStringAsync($"/review/{id}"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ReviewComment>().CountAsync(c => c.SubmissionId == id)));
    }

    private Task<int> TransitionsAsync(int id) => app.WithDbAsync(db => db.Set<SubmissionTransition>().CountAsync(t => t.SubmissionId == id));

    private Task<SubmissionStatus> StatusAsync(int id) => app.WithDbAsync(db => db.Set<Submission>().Where(s => s.Id == id).Select(s => s.Status).SingleAsync());
}
