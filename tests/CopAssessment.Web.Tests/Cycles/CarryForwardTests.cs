using System.Net;
using System.Security.Claims;
using System.Text;
using System.Text.Json.Nodes;
using CopAssessment.Domain.Questionnaires;
using Microsoft.Extensions.Localization;
using CopAssessment.Web.Features.Assessments;
using CopAssessment.Web.Features.Cycles;
using CopAssessment.Web.Features.Questionnaires;
using CopAssessment.Web.Features.Shared;
using static CopAssessment.Web.Tests.Assessments.AssessmentTestKit;

namespace CopAssessment.Web.Tests.Cycles;

/// <summary>
/// Carrying answers forward (decision 0020) across two questionnaire versions: Kenya answers a cycle on version 1, the
/// submission is validated, and the next cycle on version 2 opens with Kenya ticked (Ghana, also validated, unticked).
/// </summary>
[Collection(AppCollection.Name)]
public class CarryForwardTests(CopAppFactory app)
{
    /// <summary>
    /// Version 1, and version 2 in which "changed" has new wording, "gone" is removed, "fresh" is marked doNotCarry,
    /// "pick" lost its option c, "many" lost its option z, "scope" lost its not-applicable option, "reach" gained an option
    /// d, and "added" is new.
    /// </summary>
    private static (string V1, string V2) Definitions()
    {
        var key = "carry-" + Guid.NewGuid().ToString("N")[..8];
        static JsonObject Text(string en) => new() { ["en"] = en };
        static JsonObject Option(string key, double score) => new() { ["key"] = key, ["label"] = Text(key.ToUpperInvariant()), ["score"] = score };
        static JsonObject Actions() => new() { ["building"] = Text("b"), ["developing"] = Text("d"), ["advanced"] = Text("a"), ["maturity"] = Text("m") };
        JsonObject Build(bool second)
        {
            var first = new JsonArray
            {
                new JsonObject { ["key"] = "same", ["type"] = "yesPartialNo", ["text"] = Text("Is there a national strategy?"), ["evidenceExpected"] = true },
                new JsonObject { ["key"] = "changed", ["type"] = "yesPartialNo", ["text"] = Text(second ? "Is the strategy funded for five years?" : "Is the strategy funded?") },
                new JsonObject { ["key"] = "fresh", ["type"] = "number", ["text"] = Text("Reports received this year"), ["required"] = false, ["doNotCarry"] = second ? true : null },
                new JsonObject { ["key"] = "pick", ["type"] = "singleChoice", ["text"] = Text("Which body leads?"),
                    ["options"] = second ? new JsonArray(Option("a", 1), Option("b", 0)) : new JsonArray(Option("a", 1), Option("b", 0), Option("c", 0.5)) },
                new JsonObject { ["key"] = "many", ["type"] = "multipleChoice", ["text"] = Text("Which groups take part?"),
                    ["options"] = second ? new JsonArray(Option("x", 0.5), Option("y", 0.5)) : new JsonArray(Option("x", 0.5), Option("y", 0.5), Option("z", 0.5)) },
                new JsonObject { ["key"] = "note", ["type"] = "text", ["text"] = Text("Remarks"), ["required"] = false },
                new JsonObject { ["key"] = "scope", ["type"] = "yesPartialNo", ["text"] = Text("Does the strategy cover online harm?"), ["required"] = false,
                    ["options"] = second ? new JsonArray(Option("yes", 1), Option("partial", 0.5), Option("no", 0))
                        : new JsonArray(Option("yes", 1), Option("partial", 0.5), Option("no", 0), new JsonObject { ["key"] = "na", ["label"] = Text("N/A"), ["notApplicable"] = true }) },
                new JsonObject { ["key"] = "reach", ["type"] = "singleChoice", ["text"] = Text("Where does it apply?"), ["required"] = false,
                    ["options"] = second ? new JsonArray(Option("a", 1), Option("b", 0), Option("d", 0.5)) : new JsonArray(Option("a", 1), Option("b", 0)) },
            };
            if (!second) first.Add(new JsonObject { ["key"] = "gone", ["type"] = "yesPartialNo", ["text"] = Text("Is there a hotline?") });
            else first.Add(new JsonObject { ["key"] = "added", ["type"] = "yesPartialNo", ["text"] = Text("Is there a helpline for children?") });
            return new JsonObject
            {
                ["key"] = key, ["version"] = second ? "2" : "1", ["title"] = Text("Carry test " + (second ? "2" : "1")),
                ["stages"] = new JsonArray(
                    new JsonObject { ["key"] = "building", ["name"] = Text("Building"), ["minScore"] = 0 },
                    new JsonObject { ["key"] = "developing", ["name"] = Text("Developing"), ["minScore"] = 25 },
                    new JsonObject { ["key"] = "advanced", ["name"] = Text("Advanced"), ["minScore"] = 50 },
                    new JsonObject { ["key"] = "maturity", ["name"] = Text("Maturity"), ["minScore"] = 75 }),
                ["domains"] = new JsonArray(
                    new JsonObject { ["key"] = "d1", ["name"] = Text("Policy"), ["capabilities"] = new JsonArray(
                        new JsonObject { ["key"] = "c1", ["name"] = Text("Strategy"), ["suggestedActions"] = Actions(), ["questions"] = first }) },
                    new JsonObject { ["key"] = "d2", ["name"] = Text("Justice"), ["capabilities"] = new JsonArray(
                        new JsonObject { ["key"] = "c2", ["name"] = Text("Law"), ["suggestedActions"] = Actions(), ["questions"] = new JsonArray(
                            new JsonObject { ["key"] = "other", ["type"] = "yesPartialNo", ["text"] = Text("Is grooming an offence?"), ["evidenceExpected"] = true },
                            new JsonObject { ["key"] = "other2", ["type"] = "singleChoice", ["text"] = Text("Who prosecutes?"), ["options"] = new JsonArray(Option("a", 1), Option("b", 0)) }) }) }),
            };
        }
        return (Build(false).ToJsonString(), Build(true).ToJsonString());
    }

    private sealed record Setup(int SourceCycle, int TargetCycle, string TargetTitle, int Source, int Target, int GhanaTarget);

    private static readonly Dictionary<string, string[]> KenyaAnswers = new()
    {
        ["same"] = ["yes"], ["changed"] = ["no"], ["gone"] = ["partial"], ["fresh"] = ["12"], ["pick"] = ["c"], ["many"] = ["x", "y"], ["scope"] = ["na"], ["reach"] = ["a"],
        ["note"] = ["Strategy adopted in 2024"], ["other"] = ["yes"], ["other2"] = ["b"],
    };

    /// <summary>Kenya answers cycle A (v1) with evidence; A is validated for Kenya and Ghana; cycle B (v2) is created, not open.</summary>
    private async Task<Setup> PrepareAsync()
    {
        var (v1, v2) = Definitions();
        int versionOne = 0, versionTwo = 0, cycleA = 0;
        AssessmentCycle? b = null;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await app.WithScopeAsync(async services =>
        {
            var importer = services.GetRequiredService<QuestionnaireImporter>();
            versionOne = (await importer.ImportAsync(Encoding.UTF8.GetBytes(v1), "test")).Version!.Id;
            versionTwo = (await importer.ImportAsync(Encoding.UTF8.GetBytes(v2), "test")).Version!.Id;
            var cycles = services.GetRequiredService<CycleService>();
            var a = await cycles.CreateAsync(new CycleInput { Name = "Carry source " + Guid.NewGuid().ToString("N")[..8], QuestionnaireVersionId = versionOne, OpensOn = today, Deadline = today.AddDays(30) });
            Assert.Null(await cycles.ApplyAsync(a, CycleAction.Open));
            cycleA = a.Id;
            b = await cycles.CreateAsync(new CycleInput
            {
                Name = "Carry target " + Guid.NewGuid().ToString("N")[..8], QuestionnaireVersionId = versionTwo, OpensOn = today, Deadline = today.AddDays(60),
                Titles = { ["fr"] = "Bilan suivant " + Guid.NewGuid().ToString("N")[..4] },
            });
        });
        var source = await SubmissionIdAsync(app, cycleA, "KEN");
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var token = await TokenAsync(ken, $"/assessments/{source}/d1");
        foreach (var (key, values) in KenyaAnswers)
            Assert.Equal(HttpStatusCode.OK, (await SaveAsync(ken, token, source, key, 0, values)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(ken, token, $"/assessments/{source}/evidence",
            new Dictionary<string, string> { ["questionKey"] = "same", ["url"] = "https://example.org/strategy.pdf" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(ken, token, source, "other", "law.png", Png(), "image/png")).StatusCode);
        var ghana = await SubmissionIdAsync(app, cycleA, "GHA");
        var gha = await app.SignedInClientAsync("focal.gha@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(gha, await TokenAsync(gha, $"/assessments/{ghana}/d1"), ghana, "same", 0, "no")).StatusCode);
        await app.WithDbAsync(db => db.Set<Submission>().Where(s => s.CycleId == cycleA && (s.CountryIso3 == "KEN" || s.CountryIso3 == "GHA"))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SubmissionStatus.Validated).SetProperty(x => x.ValidatedAt, DateTimeOffset.UtcNow)));
        return new Setup(cycleA, b!.Id, b.Name, source, 0, 0);
    }

    /// <summary>The administrator opens B from its open page with Kenya ticked and Ghana unticked, as the form sends it.</summary>
    private async Task<Setup> OpenWithKenyaAsync()
    {
        var setup = await PrepareAsync();
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var page = await admin.GetStringAsync($"/admin/cycles/{setup.TargetCycle}/open");
        Assert.Contains("name=\"Carry\" value=\"KEN\" id=\"carry-KEN\" checked", page);
        Assert.Contains("name=\"Carry\" value=\"GHA\" id=\"carry-GHA\" checked", page);
        var response = await admin.PostAsync($"/admin/cycles/{setup.TargetCycle}/open", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", HttpClientExtensions.AntiforgeryToken(page)), new("CarryOffered", "true"), new("Carry", "KEN"),
        ]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return setup with { Target = await SubmissionIdAsync(app, setup.TargetCycle, "KEN"), GhanaTarget = await SubmissionIdAsync(app, setup.TargetCycle, "GHA") };
    }

    [Fact]
    public void Only_questions_that_lost_an_option_have_their_answers_checked_one_by_one()
    {
        var (v1, v2) = Definitions();
        var (one, two) = (QuestionnaireDefinition.Parse(v1), QuestionnaireDefinition.Parse(v2));
        var localizer = app.Services.GetRequiredService<IStringLocalizer<Ui>>();
        var across = QuestionnaireDiff.Carried(one, two, localizer).ToDictionary(q => q.Key);
        // Lost an option (c; z; the not-applicable one): each answer is looked at. Kept or gained options: every answer fits.
        Assert.Equal(["many", "pick", "scope"], across.Values.Where(q => !q.EveryAnswerFits).Select(q => q.Key).Order());
        Assert.True(across["reach"].EveryAnswerFits);
        Assert.False(across["scope"].AllowsNotApplicable);
        // Between a version and itself nothing is looked at.
        Assert.All(QuestionnaireDiff.Carried(two, two, localizer), q => Assert.True(q.EveryAnswerFits));
    }

    [Fact]
    public async Task Opening_a_cycle_carries_unchanged_answers_with_their_evidence_and_nothing_that_changed_was_removed_or_is_do_not_carry()
    {
        var s = await OpenWithKenyaAsync();

        var carried = await app.WithDbAsync(db => db.Set<Answer>().AsNoTracking().Where(a => a.SubmissionId == s.Target).ToListAsync());
        // Unchanged questions, options matched by key (x and y still exist, a gained a neighbour); not: new wording, removed,
        // doNotCarry, option c gone, "not applicable" gone.
        Assert.Equal(["many", "note", "other", "other2", "reach", "same"], carried.Select(a => a.QuestionKey).Order());
        Assert.All(carried, a => { Assert.True(a.Unconfirmed); Assert.Equal(s.SourceCycle, a.CarriedFromCycleId); });
        var values = carried.ToDictionary(a => a.QuestionKey, a => AnswerJson.Parse(a.Value));
        Assert.Equal(AnswerValue.Options("x", "y"), values["many"]);
        Assert.Equal(AnswerValue.Option("b"), values["other2"]);
        Assert.Equal(AnswerValue.Option("a"), values["reach"]);

        var evidence = await app.WithDbAsync(db => db.Set<Evidence>().AsNoTracking().Where(e => e.SubmissionId == s.Target)
            .Select(e => new { e.QuestionKey, e.Url, e.FileName, Content = e.File == null ? null : e.File.Content }).ToListAsync());
        Assert.Equal(2, evidence.Count);
        Assert.Equal("https://example.org/strategy.pdf", evidence.Single(e => e.QuestionKey == "same").Url);
        Assert.Equal(Png(), evidence.Single(e => e.QuestionKey == "other").Content);
        // Last cycle's evidence stays where it was.
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<Evidence>().CountAsync(e => e.SubmissionId == s.Source)));

        // Ghana was unticked: its draft starts empty. The answers and the audit say what was carried; no history row is
        // written for it, yet a carried answer's history begins with its carrying, by whoever gave it last cycle.
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Answer>().CountAsync(a => a.SubmissionId == s.GhanaTarget)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<AnswerHistory>().CountAsync(h => h.SubmissionId == s.Target)));
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var history = await ken.GetStringAsync($"/assessments/{s.Target}/history/same");
        Assert.Contains("carried from the previous cycle", history);
        Assert.Contains(await app.WithDbAsync(db => db.Set<Answer>().Where(a => a.SubmissionId == s.Source && a.QuestionKey == "same").Select(a => a.UpdatedBy).SingleAsync()), history);
        var audit = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Action == "answers-carried" && e.Subject == $"submission {s.Target}").SingleAsync());
        Assert.Equal("KEN", audit.CountryIso3);
        Assert.StartsWith("6 answer(s) carried from submission " + s.Source, audit.Details);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "cycle-carried" && e.Subject == s.TargetTitle && e.Details!.Contains("chosen: KEN"))));
    }

    [Fact]
    public async Task The_domain_page_marks_carried_answers_with_the_cycle_title_and_they_count_as_unanswered_until_confirmed()
    {
        var s = await OpenWithKenyaAsync();
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var sourceTitle = await app.WithDbAsync(db => db.Set<AssessmentCycle>().Where(c => c.Id == s.SourceCycle).Select(c => c.Name).SingleAsync());

        var page = await ken.GetStringAsync($"/assessments/{s.Target}/d1");
        var same = page[page.IndexOf("id=\"q-same\"", StringComparison.Ordinal)..page.IndexOf("id=\"q-changed\"", StringComparison.Ordinal)];
        Assert.Contains($"Carried from <bdi>{sourceTitle}</bdi> — confirm or change", same);
        Assert.Contains("form=\"confirm-carried\" name=\"question\" value=\"same\"", same);
        Assert.DoesNotContain("carried-note", page[page.IndexOf("id=\"q-changed\"", StringComparison.Ordinal)..page.IndexOf("id=\"q-fresh\"", StringComparison.Ordinal)]);
        Assert.Contains("form=\"confirm-carried\" name=\"section\" value=\"d1\"", page);
        // Required in d1: same, changed, pick, many, added: the carried same and many are not answered yet.
        Assert.Contains("<progress value=\"0\" max=\"5\"", page);
        var french = await ken.GetStringAsync($"/assessments/{s.Target}/d1?culture=fr&ui-culture=fr");
        Assert.Contains($"Reprise de <bdi>{sourceTitle}</bdi>", french);

        // Kenya answers everything that has no answer: the carried ones still hold the submission back.
        var token = await TokenAsync(ken, $"/assessments/{s.Target}/d1");
        foreach (var (key, value) in new[] { ("changed", "yes"), ("pick", "a"), ("added", "no") })
            Assert.Equal(HttpStatusCode.OK, (await SaveAsync(ken, token, s.Target, key, 0, value)).StatusCode);
        var refused = await PostAsync(ken, token, $"/assessments/{s.Target}/submit", new Dictionary<string, string> { ["confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("carried, to confirm", body);
        Assert.Contains("#q-note", body); // not required, but carried and unconfirmed: it waits too
        Assert.Equal(SubmissionStatus.Draft, await app.WithDbAsync(db => db.Set<Submission>().Where(x => x.Id == s.Target).Select(x => x.Status).SingleAsync()));
    }

    [Fact]
    public async Task A_contributor_whose_section_was_revoked_after_their_request_began_confirms_nothing()
    {
        var s = await OpenWithKenyaAsync();
        // The request began while the contributor still had d2 (their scope says so); the assignment is gone by the time
        // the statement runs, as a revocation landing in between would leave it: the statement reads the assignments again.
        var email = $"nc-{Guid.NewGuid():N}"[..14] + "@example.org";
        var userId = "";
        await app.WithScopeAsync(async services =>
        {
            var account = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Contributor", CountryIso3 = "KEN" };
            Assert.True((await services.GetRequiredService<UserManager<ApplicationUser>>().CreateAsync(account, CopAppFactory.DemoPassword)).Succeeded);
            userId = account.Id;
        });
        var contributor = UserScope.Contributor(userId, [("KEN", "d2", false)]);
        var user = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Name, email), new Claim(ClaimTypes.Role, Roles.NationalContributor)], "test"));
        await app.WithScopeAsync(async services =>
        {
            var access = ActivatorUtilities.CreateInstance<AssessmentAccess>(services, contributor);
            var confirm = ActivatorUtilities.CreateInstance<ConfirmCarried>(services, access, contributor);
            var outcome = await confirm.HandleAsync(s.Target, null, "d2", user);
            Assert.NotNull(outcome);
        });
        Assert.Equal(["other", "other2"], await UnconfirmedAsync(s.Target, "d2"));
        Assert.False(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "answer-confirmed" && e.Subject != null && e.Subject.StartsWith($"submission {s.Target} "))));

        // With the assignment in place, the same call confirms the section.
        await app.WithDbAsync(async db =>
        {
            db.ContributorAssignments.Add(new ContributorAssignment { UserId = userId, CountryIso3 = "KEN", SectionKey = "d2", AssignedBy = "test" });
            await db.SaveChangesAsync();
            return 0;
        });
        await app.WithScopeAsync(async services =>
        {
            var access = ActivatorUtilities.CreateInstance<AssessmentAccess>(services, contributor);
            await ActivatorUtilities.CreateInstance<ConfirmCarried>(services, access, contributor).HandleAsync(s.Target, null, "d2", user);
        });
        Assert.Empty(await UnconfirmedAsync(s.Target, "d2"));
    }

    [Fact]
    public async Task The_focal_point_confirms_one_answer_then_a_section_and_changing_an_answer_confirms_it_then_submits()
    {
        var s = await OpenWithKenyaAsync();
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var token = await TokenAsync(ken, $"/assessments/{s.Target}/d1");

        var one = await PostAsync(ken, token, $"/assessments/{s.Target}/confirm-carried", new Dictionary<string, string> { ["question"] = "same" });
        Assert.Equal(HttpStatusCode.Redirect, one.StatusCode);
        Assert.Equal($"/assessments/{s.Target}/d1#q-same", one.Headers.Location?.OriginalString);
        Assert.Equal(["many", "note", "reach"], await UnconfirmedAsync(s.Target, "d1"));
        var history = await app.WithDbAsync(db => db.Set<AnswerHistory>().Where(h => h.SubmissionId == s.Target && h.QuestionKey == "same" && h.Source == AnswerHistory.Confirmed).SingleAsync());
        Assert.Equal(history.OldValue, history.NewValue);
        Assert.Equal("focal.ken@demo.local", history.ChangedBy);
        Assert.True(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "answer-confirmed" && e.Subject == $"submission {s.Target} same")));
        // Confirmed, not changed: the review page still shows it as carried unchanged.
        Assert.NotNull(await app.WithDbAsync(db => db.Set<Answer>().Where(a => a.SubmissionId == s.Target && a.QuestionKey == "same").Select(a => a.CarriedFromCycleId).SingleAsync()));

        var section = await PostAsync(ken, token, $"/assessments/{s.Target}/confirm-carried", new Dictionary<string, string> { ["section"] = "d1" });
        Assert.Equal(HttpStatusCode.Redirect, section.StatusCode);
        Assert.Empty(await UnconfirmedAsync(s.Target, "d1"));
        Assert.Equal(["other", "other2"], await UnconfirmedAsync(s.Target, "d2"));

        // Changing a carried answer confirms it, and it is no longer "carried unchanged".
        var version = await app.WithDbAsync(db => db.Set<Answer>().Where(a => a.SubmissionId == s.Target && a.QuestionKey == "other").Select(a => a.Version).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(ken, token, s.Target, "other", version, "partial")).StatusCode);
        var other = await app.WithDbAsync(db => db.Set<Answer>().Where(a => a.SubmissionId == s.Target && a.QuestionKey == "other").SingleAsync());
        Assert.False(other.Unconfirmed);
        Assert.Null(other.CarriedFromCycleId);
        Assert.Equal(["other2"], await UnconfirmedAsync(s.Target, "d2"));
        Assert.Contains("carried from the previous cycle", await ken.GetStringAsync($"/assessments/{s.Target}/history/other"));
        // The change wrote the carrying as the question's first history row (it was only in the answer until then), once.
        var rows = await app.WithDbAsync(db => db.Set<AnswerHistory>().Where(h => h.SubmissionId == s.Target && h.QuestionKey == "other").OrderBy(h => h.ChangedAt).ThenBy(h => h.Id).ToListAsync());
        Assert.Equal([AnswerHistory.Carried, null], rows.Select(h => h.Source));
        Assert.Null(rows[0].OldValue);
        Assert.Equal(rows[0].NewValue, rows[1].OldValue);
        Assert.Equal("focal.ken@demo.local", rows[1].ChangedBy);
        version = await app.WithDbAsync(db => db.Set<Answer>().Where(a => a.SubmissionId == s.Target && a.QuestionKey == "other").Select(a => a.Version).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(ken, token, s.Target, "other", version, "yes")).StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<AnswerHistory>().CountAsync(h => h.SubmissionId == s.Target && h.QuestionKey == "other" && h.Source == AnswerHistory.Carried)));

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(ken, token, $"/assessments/{s.Target}/confirm-carried", new Dictionary<string, string> { ["question"] = "other2" })).StatusCode);
        foreach (var (key, value) in new[] { ("changed", "yes"), ("pick", "a"), ("added", "no") })
            Assert.Equal(HttpStatusCode.OK, (await SaveAsync(ken, token, s.Target, key, 0, value)).StatusCode);
        var submitted = await PostAsync(ken, token, $"/assessments/{s.Target}/submit", new Dictionary<string, string> { ["confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);

        // The review page says which answers are the carried ones, unchanged (same, many, note, reach, other2; not the changed other).
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var review = await reviewer.GetStringAsync($"/review/{s.Target}");
        Assert.Contains("5 answers are unchanged from the last validated assessment", review);
        Assert.Equal(5, Regex.Matches(review, "carried-unchanged").Count);
        var otherBlock = review[review.IndexOf("id=\"q-other\"", StringComparison.Ordinal)..review.IndexOf("id=\"q-other2\"", StringComparison.Ordinal)];
        Assert.DoesNotContain("carried-unchanged", otherBlock);
    }

    [Fact]
    public async Task Another_countrys_focal_point_cannot_confirm_and_an_unknown_section_is_not_found()
    {
        var s = await OpenWithKenyaAsync();
        var gha = await app.SignedInClientAsync("focal.gha@demo.local");
        var token = await TokenAsync(gha, $"/assessments/{s.GhanaTarget}/d1");
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(gha, token, $"/assessments/{s.Target}/confirm-carried", new Dictionary<string, string> { ["section"] = "d1" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(gha, token, $"/assessments/{s.Target}/confirm-carried", new Dictionary<string, string> { ["question"] = "same" })).StatusCode);
        Assert.Equal(["many", "note", "reach", "same"], await UnconfirmedAsync(s.Target, "d1"));

        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var kenToken = await TokenAsync(ken, $"/assessments/{s.Target}/d1");
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(ken, kenToken, $"/assessments/{s.Target}/confirm-carried", new Dictionary<string, string> { ["section"] = "nope" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(ken, kenToken, $"/assessments/{s.Target}/confirm-carried", new Dictionary<string, string>())).StatusCode);
        // Without the antiforgery token nothing is confirmed.
        var forged = await ken.PostAsync($"/assessments/{s.Target}/confirm-carried", new FormUrlEncodedContent(new Dictionary<string, string> { ["section"] = "d1" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(["many", "note", "reach", "same"], await UnconfirmedAsync(s.Target, "d1"));
    }

    [Fact]
    public async Task Opening_with_a_country_that_was_not_offered_is_refused_and_changes_nothing()
    {
        var setup = await PrepareAsync();
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var page = await admin.GetStringAsync($"/admin/cycles/{setup.TargetCycle}/open");
        var response = await admin.PostAsync($"/admin/cycles/{setup.TargetCycle}/open", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", HttpClientExtensions.AntiforgeryToken(page)), new("CarryOffered", "true"), new("Carry", "KEN"), new("Carry", "XYZ"),
        ]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Choose only countries from the list.", await response.Content.ReadAsStringAsync());
        Assert.Equal(CycleStatus.Planned, await app.WithDbAsync(db => db.Set<AssessmentCycle>().Where(c => c.Id == setup.TargetCycle).Select(c => c.Status).SingleAsync()));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Submission>().CountAsync(x => x.CycleId == setup.TargetCycle)));
    }

    private Task<List<string>> UnconfirmedAsync(int submissionId, string domain) => app.WithDbAsync(async db =>
    {
        var keys = domain == "d1" ? new[] { "same", "changed", "fresh", "pick", "many", "note", "added", "scope", "reach" } : ["other", "other2"];
        return await db.Set<Answer>().Where(a => a.SubmissionId == submissionId && a.Unconfirmed && keys.Contains(a.QuestionKey)).Select(a => a.QuestionKey).OrderBy(k => k).ToListAsync();
    });
}
