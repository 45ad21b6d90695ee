using System.Net;
using static CopAssessment.Web.Tests.Assessments.AssessmentTestKit;

namespace CopAssessment.Web.Tests.Assessments;

[Collection(AppCollection.Name)]
public class ConcurrencyTests(CopAppFactory app)
{
    [Fact]
    public async Task Second_edit_of_the_same_answer_gets_a_conflict_with_both_values_not_an_overwrite()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var first = await app.SignedInClientAsync("focal.ken@demo.local");
        var second = await app.SignedInClientAsync("focal.ken@demo.local");
        var firstToken = await TokenAsync(first, $"/assessments/{id}/policy");
        var secondToken = await TokenAsync(second, $"/assessments/{id}/policy");

        // Both loaded the page when there was no answer (version 0).
        var saved = await SaveAsync(first, firstToken, id, "pg.1.1", 0, "yes");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var conflict = await SaveAsync(second, secondToken, id, "pg.1.1", 0, "no");
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var body = await JsonAsync(conflict);
        Assert.Equal("yes", body.GetProperty("theirs").GetProperty("value").GetProperty("option").GetString());
        Assert.Equal("focal.ken@demo.local", body.GetProperty("theirs").GetProperty("by").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("yours").GetProperty("display").GetString()));
        Assert.Contains("\"yes\"", await StoredAsync(id));

        // A stale update of an existing row is refused the same way.
        var stale = await SaveAsync(second, secondToken, id, "pg.1.1", (await JsonAsync(saved)).GetProperty("version").GetUInt32() + 12345, "partial");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        // Choosing "use mine" sends the version of theirs: now it saves, and the history shows both changes.
        var mine = await SaveAsync(second, secondToken, id, "pg.1.1", body.GetProperty("version").GetUInt32(), "no");
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Contains("\"no\"", await StoredAsync(id));
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<AnswerHistory>().CountAsync(h => h.SubmissionId == id && h.QuestionKey == "pg.1.1")));
        var history = await first.GetStringAsync($"/assessments/{id}/history/pg.1.1");
        Assert.Contains("focal.ken@demo.local", history);
    }

    [Fact]
    public async Task Concurrent_first_saves_of_one_question_keep_one_value_and_report_the_other_as_conflict()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var clients = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => app.SignedInClientAsync("focal.ken@demo.local")));
        var tokens = await Task.WhenAll(clients.Select(c => TokenAsync(c, $"/assessments/{id}/policy")));
        var values = new[] { "yes", "no", "partial", "yes", "no", "partial" };
        var responses = await Task.WhenAll(clients.Select((c, i) => SaveAsync(c, tokens[i], id, "pg.2.1", 0, values[i])));
        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Answer>().CountAsync(a => a.SubmissionId == id && a.QuestionKey == "pg.2.1")));
        // Every acknowledged change is in the history, nothing more.
        var saves = 0;
        foreach (var r in responses.Where(r => r.StatusCode == HttpStatusCode.OK))
            if ((await JsonAsync(r)).GetProperty("outcome").GetString() == "saved") saves++;
        Assert.Equal(saves, await app.WithDbAsync(db => db.Set<AnswerHistory>().CountAsync(h => h.SubmissionId == id && h.QuestionKey == "pg.2.1")));
    }

    [Fact]
    public async Task Relevance_is_enforced_on_the_server_and_the_response_lists_hidden_questions()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var token = await TokenAsync(ken, $"/assessments/{id}/policy");
        var hiddenFollowUp = await SaveAsync(ken, token, id, "pg.1.2", 0, "yes");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, hiddenFollowUp.StatusCode);
        Assert.Equal("hidden", (await JsonAsync(hiddenFollowUp)).GetProperty("outcome").GetString());
        var reveal = await JsonAsync(await SaveAsync(ken, token, id, "pg.1.1", 0, "yes"));
        Assert.DoesNotContain("pg.1.2", reveal.GetProperty("hidden").EnumerateArray().Select(e => e.GetString()));
        var invalid = await SaveAsync(ken, token, id, "pg.1.2", 0, "not-an-option");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.Equal("invalid", (await JsonAsync(invalid)).GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task Page_save_without_javascript_saves_and_reports_conflicts()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var saved = await ken.PostFormAsync($"/assessments/{id}/policy", $"/assessments/{id}/policy", new Dictionary<string, string>
        {
            ["v:pg.1.1"] = "0", ["a:pg.1.1"] = "yes", ["v:pg.1.2"] = "0", ["a:pg.1.2"] = "government",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<Answer>().CountAsync(a => a.SubmissionId == id)));
        var conflict = await ken.PostFormAsync($"/assessments/{id}/policy", $"/assessments/{id}/policy", new Dictionary<string, string> { ["v:pg.1.1"] = "0", ["a:pg.1.1"] = "no" });
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var page = await conflict.Content.ReadAsStringAsync();
        Assert.Contains("Someone else changed this answer", page);
        Assert.Contains("name=\"resolve:pg.1.1\" value=\"theirs\"", page);
        Assert.Contains("name=\"resolve:pg.1.1\" value=\"mine\"", page);
        var shown = System.Text.RegularExpressions.Regex.Match(page, "name=\"v:pg.1.1\" value=\"(\\d+)\"").Groups[1].Value;
        var historyRows = () => app.WithDbAsync(db => db.Set<AnswerHistory>().CountAsync(h => h.SubmissionId == id && h.QuestionKey == "pg.1.1"));
        var before = await historyRows();
        Dictionary<string, string> Again(string? choice)
        {
            var fields = new Dictionary<string, string> { ["v:pg.1.1"] = shown, ["a:pg.1.1"] = "no", ["conflict:pg.1.1"] = "1" };
            if (choice is not null) fields["resolve:pg.1.1"] = choice;
            return fields;
        }

        // Saving again without choosing decides nothing: the conflict is shown again.
        var undecided = await ken.PostFormAsync($"/assessments/{id}/policy", $"/assessments/{id}/policy", Again(null));
        Assert.Equal(HttpStatusCode.Conflict, undecided.StatusCode);
        Assert.Contains("\"yes\"", await StoredAsync(id));
        // Keep theirs: nothing is written.
        Assert.Equal(HttpStatusCode.Redirect, (await ken.PostFormAsync($"/assessments/{id}/policy", $"/assessments/{id}/policy", Again("theirs"))).StatusCode);
        Assert.Contains("\"yes\"", await StoredAsync(id));
        Assert.Equal(before, await historyRows());
        // Use mine: saved over the version that was shown, and recorded.
        Assert.Equal(HttpStatusCode.Redirect, (await ken.PostFormAsync($"/assessments/{id}/policy", $"/assessments/{id}/policy", Again("mine"))).StatusCode);
        Assert.Contains("\"no\"", await StoredAsync(id));
        Assert.Equal(before + 1, await historyRows());
    }

    [Fact]
    public async Task Two_focal_points_submitting_at_once_submit_once()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var clients = await Task.WhenAll(app.SignedInClientAsync("focal.ken@demo.local"), app.SignedInClientAsync("focal.ken@demo.local"));
        await AnswerEverythingAsync(app, clients[0], id);
        var tokens = await Task.WhenAll(clients.Select(c => TokenAsync(c, $"/assessments/{id}")));
        var responses = await Task.WhenAll(clients.Select((c, i) => PostAsync(c, tokens[i], $"/assessments/{id}/submit", new Dictionary<string, string> { ["confirmed"] = "true" })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Redirect), r => Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<SubmissionTransition>().CountAsync(t => t.SubmissionId == id && t.To == Domain.Workflow.SubmissionStatus.Submitted)));
    }

    private Task<string> StoredAsync(int id) =>
        app.WithDbAsync(db => db.Set<Answer>().Where(a => a.SubmissionId == id && a.QuestionKey == "pg.1.1").Select(a => a.Value).SingleAsync());
}
