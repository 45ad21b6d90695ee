using System.Net;
using CopAssessment.Domain.Questionnaires;
using CopAssessment.Web.Features.Assessments;
using Xunit.Abstractions;
using static CopAssessment.Web.Tests.Assessments.AssessmentTestKit;

namespace CopAssessment.Web.Tests.Review;

/// <summary>The review of a resubmission: what changed since the country's previous submission, filters, comments beside questions.</summary>
[Collection(AppCollection.Name)]
public partial class ChangedSinceTests(CopAppFactory app, ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Confirmed = new() { ["confirmed"] = "true" };

    [Fact]
    public async Task Submitting_keeps_a_snapshot_of_the_answers_and_evidence_sent()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var answers = await AnswerEverythingAsync(app, ken, id);
        var token = await TokenAsync(ken, $"/assessments/{id}/policy");
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(ken, token, id, "pg.1.1", "policy.png", Png(), "image/png")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(ken, token, $"/assessments/{id}/submit", Confirmed)).StatusCode);

        var snapshot = await app.WithDbAsync(db => db.PreviousSubmissionAsync(id, SubmissionStatus.Returned));
        Assert.NotNull(snapshot);
        Assert.Equal(answers.Count, snapshot.Answers.Count);
        Assert.All(answers, a => Assert.Equal(a.Value, snapshot.Answers[a.Key]));
        var evidence = Assert.Single(snapshot.Evidence);
        Assert.Equal(("pg.1.1", "policy.png"), (evidence.QuestionKey, evidence.FileName));
        // While the Secretariat has it, the newest snapshot is the submission itself: there is no earlier one.
        Assert.Null(await app.WithDbAsync(db => db.PreviousSubmissionAsync(id, SubmissionStatus.Submitted)));
    }

    [Fact]
    public async Task After_return_edit_and_resubmit_the_reviewer_sees_exactly_what_changed()
    {
        var round = await SecondRoundAsync();
        var id = round.Id;
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");

        var all = await reviewer.GetStringAsync($"/review/{id}");
        var blocks = Blocks(all);
        Assert.Equal(round.Definition.Questions.Count(q => blocks.ContainsKey(QuestionRendering.Id(q.Key))), blocks.Count);
        var changed = blocks.Where(b => b.Value.Changed).Select(b => b.Key).Order().ToList();
        Assert.Equal(new[] { round.Edited1, round.Edited2, round.Cleared, round.EvidenceRemovedAt, round.EvidenceAddedAt }.Select(QuestionRendering.Id).Order(), changed);

        // Old and new values side by side.
        var edited = blocks[QuestionRendering.Id(round.Edited1)].Html;
        Assert.Contains($"<del dir=\"auto\">{round.Before1}</del>", edited);
        Assert.Contains($"<ins dir=\"auto\">{round.After1}</ins>", edited);
        Assert.Contains("policy.png", blocks[QuestionRendering.Id(round.EvidenceRemovedAt)].Html);
        Assert.Contains("Removed since the last submission", blocks[QuestionRendering.Id(round.EvidenceRemovedAt)].Html);
        Assert.Contains("annex.png", blocks[QuestionRendering.Id(round.EvidenceAddedAt)].Html);
        Assert.Contains("Added since the last submission", blocks[QuestionRendering.Id(round.EvidenceAddedAt)].Html);

        // "Changed" lists those questions only; the sections without a change are collapsed to their heading.
        var onlyChanged = await reviewer.GetStringAsync($"/review/{id}?show=changed");
        Assert.Equal(changed, Blocks(onlyChanged).Keys.Order().ToList());
        Assert.Contains("aria-current=\"page\"", Regex.Match(onlyChanged, "<a[^>]*show=changed[^>]*>").Value);
        var untouched = round.Definition.Domains.First(d => d.Capabilities.SelectMany(c => c.Questions).All(q => !changed.Contains(QuestionRendering.Id(q.Key))));
        Assert.Contains($"id=\"d-{untouched.Key}\"", onlyChanged);
        Assert.Contains("No question of this section matches.", onlyChanged);
    }

    [Fact]
    public async Task Filters_open_comments_evidence_and_unanswered_list_the_matching_questions_with_counts_per_section()
    {
        var round = await SecondRoundAsync();
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var comments = Blocks(await reviewer.GetStringAsync($"/review/{round.Id}?show=comments"));
        Assert.Equal([QuestionRendering.Id("pg.1.1")], comments.Keys);
        Assert.Contains("Name the policy document.", comments.Values.Single().Html);

        var evidence = Blocks(await reviewer.GetStringAsync($"/review/{round.Id}?show=evidence"));
        Assert.Equal([QuestionRendering.Id(round.EvidenceAddedAt)], evidence.Keys);

        var unansweredPage = await reviewer.GetStringAsync($"/review/{round.Id}?show=unanswered");
        Assert.Equal([QuestionRendering.Id(round.Cleared)], Blocks(unansweredPage).Keys);
        // The section navigation counts per section for the filter.
        var section = round.Definition.DomainOf(round.Cleared)!.Key;
        Assert.Matches($"href=\"#d-{Regex.Escape(section)}\"[^>]*>[^<]*<span class=\"badge[^\"]*\"[^>]*>1<", unansweredPage);

        // An unknown filter shows everything rather than failing.
        var unknown = await reviewer.GetAsync($"/review/{round.Id}?show=nonsense");
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.True(Blocks(await unknown.Content.ReadAsStringAsync()).Count > 100);
    }

    [Fact]
    public async Task A_comment_beside_a_question_comes_back_to_that_question_with_its_confirmation()
    {
        var round = await SecondRoundAsync();
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var key = round.Edited1;
        // Without JavaScript the link opens the form at the question.
        var page = await reviewer.GetStringAsync($"/review/{round.Id}?show=changed&comment={key}");
        var form = Regex.Match(Blocks(page)[QuestionRendering.Id(key)].Html, "<form[\\s\\S]*?</form>").Value;
        Assert.Contains($"name=\"questionKey\" value=\"{key}\"", form);
        var returnUrl = WebUtility.HtmlDecode(Regex.Match(form, "name=\"returnUrl\" value=\"([^\"]*)\"").Groups[1].Value);
        Assert.Equal($"/review/{round.Id}?show=changed&at={key}#{QuestionRendering.Id(key)}", returnUrl);

        var token = HttpClientExtensions.AntiforgeryToken(page);
        var posted = await PostAsync(reviewer, token, $"/assessments/{round.Id}/comments", new Dictionary<string, string>
        {
            ["questionKey"] = key, ["parentId"] = "", ["body"] = "Why did this change?", ["returnUrl"] = returnUrl,
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal(returnUrl, posted.Headers.Location!.OriginalString);
        var back = await reviewer.GetStringAsync(returnUrl);
        var block = Blocks(back)[QuestionRendering.Id(key)].Html;
        Assert.Contains("Comment added.", block);
        Assert.Contains("Why did this change?", block);
        // Said once, at the question, not at the top of the page as well.
        Assert.Single(Regex.Matches(back, "Comment added\\."));
    }

    [Fact]
    public async Task The_review_page_of_the_whole_questionnaire_stays_under_150_KB()
    {
        var round = await SecondRoundAsync();
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var all = await reviewer.GetByteArrayAsync($"/review/{round.Id}");
        var changed = await reviewer.GetByteArrayAsync($"/review/{round.Id}?show=changed");
        output.WriteLine($"review page: {all.Length} bytes for {Blocks(System.Text.Encoding.UTF8.GetString(all)).Count} questions; changed only: {changed.Length} bytes");
        Assert.True(all.Length < 150_000, $"{all.Length} bytes");
        Assert.True(changed.Length < 60_000, $"{changed.Length} bytes");
    }

    [Fact]
    public async Task The_focal_points_dashboard_shows_the_return_note_and_links_to_the_open_comments()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var answers = await AnswerEverythingAsync(app, ken, id);
        var definition = await DefinitionAsync(app, id);
        var hidden = QuestionVisibility.HiddenQuestions(definition, answers);
        // A second question of the same section that applies with these answers.
        var second = definition.Domains.Single(d => d.Key == "policy").Capabilities.SelectMany(c => c.Questions).First(q => q.Key != "pg.1.1" && !hidden.Contains(q.Key)).Key;
        var token = await TokenAsync(ken, $"/assessments/{id}/policy");
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(ken, token, $"/assessments/{id}/submit", Confirmed)).StatusCode);
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var reviewToken = await TokenAsync(reviewer, $"/review/{id}");
        foreach (var body in new[] { "Name the policy document.", "And its date." })
            await PostAsync(reviewer, reviewToken, $"/assessments/{id}/comments", new Dictionary<string, string> { ["questionKey"] = "pg.1.1", ["body"] = body, ["returnUrl"] = $"/review/{id}" });
        await PostAsync(reviewer, reviewToken, $"/assessments/{id}/comments", new Dictionary<string, string> { ["questionKey"] = second, ["body"] = "Which year?", ["returnUrl"] = $"/review/{id}" });
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(reviewer, reviewToken, $"/review/{id}/return", new Dictionary<string, string> { ["note"] = "Please complete the policy references." })).StatusCode);

        var dashboard = await ken.GetStringAsync("/");
        Assert.Contains("<p class=\"return-note\" dir=\"auto\">Please complete the policy references.</p>", dashboard);
        Assert.Contains($"<a href=\"/assessments/{id}/policy#q-pg-1-1\">2 comments to answer → pg.1.1</a>", dashboard);
        Assert.Contains($"<a href=\"/assessments/{id}/policy#{QuestionRendering.Id(second)}\">1 comment to answer → {second}</a>", dashboard);

        // The domain page leads from one open comment to the next.
        var policy = await ken.GetStringAsync($"/assessments/{id}/policy");
        var top = Regex.Match(policy, "<a[^>]*class=\"[^\"]*next-comment[^\"]*\"[^>]*>").Value;
        Assert.True(top.Contains("href=\"#q-pg-1-1\"") || top.Contains($"href=\"#{QuestionRendering.Id(second)}\""), top);
        var start = policy.IndexOf("id=\"q-pg-1-1\"", StringComparison.Ordinal);
        var inFirst = policy[start..policy.IndexOf("<div class=\"question ", start, StringComparison.Ordinal)];
        Assert.Contains($"href=\"#{QuestionRendering.Id(second)}\"", Regex.Match(inFirst, "<a[^>]*next-comment[^>]*>").Value);

        // Another country's focal point sees none of it; nor may they open the review page.
        var gha = await app.SignedInClientAsync("focal.gha@demo.local");
        Assert.DoesNotContain("Please complete the policy references.", await gha.GetStringAsync("/"));
        Assert.DoesNotContain($"/assessments/{id}/", await gha.GetStringAsync("/"));
        Denied(await gha.GetAsync($"/review/{id}?show=changed"));
        Assert.Equal(HttpStatusCode.NotFound, (await gha.GetAsync($"/assessments/{id}/policy")).StatusCode);
        Denied(await (await app.SignedInClientAsync("coordinator.afr@demo.local")).GetAsync($"/review/{id}?show=changed"));
    }

    [Fact]
    public async Task A_question_that_no_longer_applies_after_a_changed_answer_is_listed_as_changed()
    {
        var (id, ken, answers, definition, token) = await ReturnedAsync("Is there a policy?", "Check the policy answers.");
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");

        // A single-choice answer changed so that follow-ups answered before no longer apply, and no new one does.
        var hiddenThen = QuestionVisibility.HiddenQuestions(definition, answers);
        var (gate, option, dropped) = definition.Questions.Where(q => q.Type is QuestionType.YesPartialNo or QuestionType.SingleChoice && answers.ContainsKey(q.Key))
            .SelectMany(q => q.Options.Where(o => o.Key != answers[q.Key].OptionKey).Select(o =>
            {
                var hiddenNow = QuestionVisibility.HiddenQuestions(definition, new Dictionary<string, AnswerValue>(answers) { [q.Key] = AnswerValue.Option(o.Key) });
                return (Gate: q.Key, Option: o.Key, Dropped: hiddenNow.Except(hiddenThen).Where(k => answers.GetValueOrDefault(k)?.IsAnswered == true).ToList(), Revealed: hiddenThen.Except(hiddenNow).Any());
            }))
            .Where(t => t.Dropped.Count > 0 && !t.Revealed).Select(t => (t.Gate, t.Option, t.Dropped)).First();
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(ken, token, id, gate, await VersionAsync(id, gate), option)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(ken, token, $"/assessments/{id}/submit", Confirmed)).StatusCode);

        var changed = Blocks(await reviewer.GetStringAsync($"/review/{id}?show=changed"));
        Assert.Equal(dropped.Append(gate).Select(QuestionRendering.Id).Order(), changed.Keys.Order());
        foreach (var key in dropped)
        {
            var html = changed[QuestionRendering.Id(key)].Html;
            Assert.Contains($"<del dir=\"auto\">{WebUtility.HtmlEncode(AnswerJson.Display(definition.FindQuestion(key)!, answers[key], "en"))}</del>", html);
            Assert.Contains("No longer applies, given the answers now", html);
        }
        // Not applying is not "unanswered".
        Assert.DoesNotContain(QuestionRendering.Id(dropped[0]), Blocks(await reviewer.GetStringAsync($"/review/{id}?show=unanswered")).Keys);
    }

    private sealed record Round(int Id, QuestionnaireDefinition Definition, string Edited1, string Before1, string After1, string Edited2,
        string EvidenceRemovedAt, string EvidenceAddedAt, string Cleared);

    /// <summary>
    /// Kenya submits everything with evidence on pg.1.1; the reviewer comments on pg.1.1 and returns; Kenya changes two
    /// answers, clears an optional one, removes the evidence of pg.1.1, attaches evidence elsewhere and submits again.
    /// </summary>
    /// <summary>Kenya answers everything with evidence on pg.1.1 ("yes" asks for it) and submits; the reviewer comments on pg.1.1 and returns.</summary>
    private async Task<(int Id, HttpClient Ken, Dictionary<string, AnswerValue> Answers, QuestionnaireDefinition Definition, string Token)> ReturnedAsync(string comment, string note)
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var answers = await AnswerEverythingAsync(app, ken, id);
        var definition = await DefinitionAsync(app, id);
        var token = await TokenAsync(ken, $"/assessments/{id}/policy");
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(ken, token, id, "pg.1.1", "policy.png", Png(), "image/png")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(ken, token, $"/assessments/{id}/submit", Confirmed)).StatusCode);

        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var reviewToken = await TokenAsync(reviewer, $"/review/{id}");
        await PostAsync(reviewer, reviewToken, $"/assessments/{id}/comments", new Dictionary<string, string> { ["questionKey"] = "pg.1.1", ["body"] = comment, ["returnUrl"] = $"/review/{id}" });
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(reviewer, reviewToken, $"/review/{id}/return", new Dictionary<string, string> { ["note"] = note })).StatusCode);
        return (id, ken, answers, definition, token);
    }

    private async Task<Round> SecondRoundAsync()
    {
        var (id, ken, answers, definition, token) = await ReturnedAsync("Name the policy document.", "See the comment.");

        // Questions no relevance condition reads, so a change reveals or hides nothing.
        var referenced = definition.Questions.Where(q => q.Relevance is not null).SelectMany(q => q.Relevance!.ReferencedKeys()).ToHashSet();
        var leaves = definition.Questions.Where(q => q.Relevance is null && !referenced.Contains(q.Key) && q.Key != "pg.1.1").ToList();
        var yesNo = leaves.Where(q => q.Type == QuestionType.YesPartialNo && answers.ContainsKey(q.Key)).Take(2).ToList();
        var cleared = leaves.First(q => !q.Required && answers.ContainsKey(q.Key) && !yesNo.Contains(q));
        var evidenceAt = leaves.First(q => !yesNo.Contains(q) && q != cleared);
        var values = new List<(string Before, string After)>();
        foreach (var q in yesNo)
        {
            var before = answers[q.Key].OptionKey!;
            var after = before == "yes" ? "partial" : "yes";
            Assert.Equal(HttpStatusCode.OK, (await SaveAsync(ken, token, id, q.Key, await VersionAsync(id, q.Key), after)).StatusCode);
            values.Add((q.FindOption(before)!.Label.Get("en"), q.FindOption(after)!.Label.Get("en")));
        }
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(ken, token, id, cleared.Key, await VersionAsync(id, cleared.Key))).StatusCode);
        var removed = await app.WithDbAsync(db => db.Set<Evidence>().Where(e => e.SubmissionId == id && e.QuestionKey == "pg.1.1").Select(e => e.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(ken, token, $"/assessments/{id}/evidence/{removed}/delete")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(ken, token, id, evidenceAt.Key, "annex.png", Png(), "image/png")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(ken, token, $"/assessments/{id}/submit", Confirmed)).StatusCode);
        return new Round(id, definition, yesNo[0].Key, values[0].Before, values[0].After, yesNo[1].Key, "pg.1.1", evidenceAt.Key, cleared.Key);
    }

    private Task<uint> VersionAsync(int id, string key) =>
        app.WithDbAsync(db => db.Set<Answer>().Where(a => a.SubmissionId == id && a.QuestionKey == key).Select(a => a.Version).SingleAsync());

    private sealed record Block(string Html, bool Changed);

    /// <summary>Each question's block on the review page, by element id, and whether it is marked changed.</summary>
    private static Dictionary<string, Block> Blocks(string page)
    {
        var starts = QuestionStart().Matches(page);
        var blocks = new Dictionary<string, Block>();
        for (var i = 0; i < starts.Count; i++)
        {
            var end = i + 1 < starts.Count ? starts[i + 1].Index : page.IndexOf("</main>", starts[i].Index, StringComparison.Ordinal);
            blocks[starts[i].Groups["id"].Value] = new Block(page[starts[i].Index..end], starts[i].Groups["class"].Value.Split(' ').Contains("changed"));
        }
        return blocks;
    }

    [GeneratedRegex("<div class=\"(?<class>question[^\"]*)\" id=\"(?<id>q-[^\"]+)\"")]
    private static partial Regex QuestionStart();
}
