using System.Net;
using static CopAssessment.Web.Tests.Assessments.AssessmentTestKit;

namespace CopAssessment.Web.Tests.Review;

[Collection(AppCollection.Name)]
public class ReviewPageTests(CopAppFactory app)
{
    [Fact]
    public async Task A_question_changed_many_times_shows_its_latest_changes_and_links_to_the_rest()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var token = await TokenAsync(ken, $"/assessments/{id}/policy");
        uint version = 0;
        for (var i = 0; i < 7; i++)
        {
            var saved = await JsonAsync(await SaveAsync(ken, token, id, "pg.1.1", version, i % 2 == 0 ? "yes" : "no"));
            Assert.Equal("saved", saved.GetProperty("outcome").GetString());
            version = saved.GetProperty("version").GetUInt32();
        }

        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var page = await reviewer.GetStringAsync($"/review/{id}");
        Assert.Contains("History (7)", page);
        Assert.Contains($"<a href=\"/assessments/{id}/history/pg.1.1\">All 7 changes</a>", page);
        var question = page[page.IndexOf("id=\"q-pg-1-1\"", StringComparison.Ordinal)..];
        question = question[..question.IndexOf("</details>", StringComparison.Ordinal)];
        Assert.Equal(5, question.Split("<li>").Length - 1);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync($"/assessments/{id}/history/pg.1.1")).StatusCode);
    }
}
