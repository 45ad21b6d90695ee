using System.Net;
using static CopAssessment.Web.Tests.Assessments.AssessmentTestKit;

namespace CopAssessment.Web.Tests.Assessments;

/// <summary>What the overview, the domain page, the review page and the dashboard say about progress and scores.</summary>
[Collection(AppCollection.Name)]
public partial class ProgressTests(CopAppFactory app)
{
    [GeneratedRegex("""<tr data-domain="([^"]+)">[\s\S]*?</tr>""")]
    private static partial Regex DomainRow();

    [GeneratedRegex("""<tr class="fw-bold overall">[\s\S]*?</tr>""")]
    private static partial Regex OverallRow();

    [GeneratedRegex("""<td class="score">([^<]*)</td>""")]
    private static partial Regex ScoreCell();

    [GeneratedRegex("""<progress value="(\d+)" max="(\d+)" aria-label="([^"]+)"></progress>""")]
    private static partial Regex Progress();

    [Fact]
    public async Task A_partly_answered_draft_shows_its_index_with_what_it_rests_on_and_no_score_for_unscored_sections()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var definition = await DefinitionAsync(app, id);
        var scoredDomains = definition.Domains.Count(d => d.Scored);
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var token = await TokenAsync(ken, $"/assessments/{id}/policy");

        var before = Rows(await ken.GetStringAsync($"/assessments/{id}"));
        Assert.Equal(definition.Domains.Select(d => d.Key), before.Keys);
        Assert.All(before.Values, row => Assert.Matches(Progress(), row));
        Assert.Contains("No score yet", Overall(await ken.GetStringAsync($"/assessments/{id}")));
        var policyBefore = Progress().Match(before["policy"]);
        Assert.Equal("0", policyBefore.Groups[1].Value);

        // One answer in Policy (it opens a follow-up question), one in the unscored National context.
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(ken, token, id, "pg.1.1", 0, "yes")).StatusCode);
        var contextQuestion = definition.Domains.Single(d => d.Key == "context").Capabilities.SelectMany(c => c.Questions).First(q => q.IsScored || q.IsChoice);
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(ken, token, id, contextQuestion.Key, 0, contextQuestion.Options[0].Key)).StatusCode);

        var page = await ken.GetStringAsync($"/assessments/{id}");
        var rows = Rows(page);
        var policy = Progress().Match(rows["policy"]);
        Assert.Equal("1", policy.Groups[1].Value);
        // The denominator says what it counts, and grows with the follow-up question.
        Assert.True(int.Parse(policy.Groups[2].Value) > int.Parse(policyBefore.Groups[2].Value));
        Assert.Equal($"Policy and governance: 1 of {policy.Groups[2].Value} required questions that apply now", policy.Groups[3].Value);
        Assert.Contains($"1 of {policy.Groups[2].Value} required questions that apply now</span>", rows["policy"]);
        Assert.Equal("100.0", ScoreCell().Match(rows["policy"]).Groups[1].Value);
        foreach (var unscored in definition.Domains.Where(d => !d.Scored))
            Assert.Equal("Not scored", ScoreCell().Match(rows[unscored.Key]).Groups[1].Value);
        // The index: the figure, what it rests on, and no stage.
        Assert.Equal($"100.0, based on 1 of {scoredDomains} scored domains", ScoreCell().Match(Overall(page)).Groups[1].Value);
        Assert.Contains("Provisional overall index", Overall(page));

        // The assessments list shows the whole submission's progress.
        var overall = Progress().Match(Overall(page));
        var cycleName = await app.WithDbAsync(db => db.Set<Data.Assessments.Submission>().Where(s => s.Id == id).Select(s => s.Cycle!.Name).SingleAsync());
        Assert.Equal("2", overall.Groups[1].Value);
        Assert.Contains($"<progress value=\"2\" max=\"{overall.Groups[2].Value}\" aria-label=\"Kenya · {cycleName}: 2 of {overall.Groups[2].Value} required questions that apply now\"></progress>",
            await ken.GetStringAsync("/assessments"));

        // The domain page shows the section's progress bar.
        var domainPage = await ken.GetStringAsync($"/assessments/{id}/policy");
        Assert.Contains($"<progress value=\"1\" max=\"{policy.Groups[2].Value}\" aria-label=\"Policy and governance: 1 of {policy.Groups[2].Value} required questions that apply now\"></progress>", domainPage);

        // The dashboard card says the same.
        var dashboard = Card(await ken.GetStringAsync("/"), id);
        Assert.Contains($"Provisional overall index 100.0, based on 1 of {scoredDomains} scored domains", dashboard);
        Assert.Contains("required questions that apply now", dashboard);

        // And the Secretariat's review page.
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var review = await reviewer.GetStringAsync($"/review/{id}");
        Assert.Equal($"100.0, based on 1 of {scoredDomains} scored domains", ScoreCell().Match(Overall(review)).Groups[1].Value);
        Assert.Equal("Not scored", ScoreCell().Match(Rows(review)["context"]).Groups[1].Value);
    }

    [Fact]
    public async Task A_validated_assessment_shows_its_stored_scorecard_and_nothing_provisional()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var definition = await DefinitionAsync(app, id);
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var answers = await AnswerEverythingAsync(app, ken, id);
        var token = await TokenAsync(ken, $"/assessments/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(ken, token, $"/assessments/{id}/submit", new Dictionary<string, string> { ["confirmed"] = "true" })).StatusCode);
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(reviewer, await TokenAsync(reviewer, $"/review/{id}"), $"/review/{id}/validate")).StatusCode);

        var expected = ScoringEngine.Score(definition, answers, ScoringMode.Submitted);
        var stage = definition.Stages.Single(s => s.Key == expected.Stage).Name.Get("en");
        foreach (var (client, url) in new[] { (ken, $"/assessments/{id}"), (reviewer, $"/review/{id}") })
        {
            var page = await client.GetStringAsync(url);
            var scorecard = page[page.IndexOf("<h2 class=\"h5\">Validated scorecard</h2>", StringComparison.Ordinal)..];
            scorecard = scorecard[..(scorecard.IndexOf("</table>", StringComparison.Ordinal) + 8)];
            Assert.DoesNotContain("rovisional", scorecard);
            Assert.Contains("<th scope=\"row\">Overall index</th>", scorecard);
            // Complete: the figure and its stage, without a "based on".
            Assert.Equal($"{ScoreDisplay.Format(expected.Overall)} ({stage})", ScoreCell().Match(Overall(scorecard)).Groups[1].Value);
        }
        var dashboard = Card(await ken.GetStringAsync("/"), id);
        Assert.Contains($"Overall index {ScoreDisplay.Format(expected.Overall)} ({stage})", dashboard);
        Assert.DoesNotContain("Provisional", dashboard);
    }

    private static Dictionary<string, string> Rows(string page) =>
        DomainRow().Matches(page).ToDictionary(m => m.Groups[1].Value, m => m.Value);

    /// <summary>The dashboard card of one submission (the focal point has one per open cycle).</summary>
    private static string Card(string dashboard, int id)
    {
        var link = dashboard.IndexOf($"href=\"/assessments/{id}\"", StringComparison.Ordinal);
        return dashboard[dashboard.LastIndexOf("<h2 class=\"h6\">", link, StringComparison.Ordinal)..link];
    }

    private static string Overall(string page) => OverallRow().Match(page).Value;
}
