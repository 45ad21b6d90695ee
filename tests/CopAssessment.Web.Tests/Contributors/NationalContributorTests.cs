using System.Net;
using CopAssessment.Domain.Questionnaires;
using CopAssessment.Web.Features.Assessments;
using Npgsql;
using static CopAssessment.Web.Tests.Assessments.AssessmentTestKit;
using WorkbookTests = CopAssessment.Web.Tests.Assessments.WorkbookTests;

namespace CopAssessment.Web.Tests.Contributors;

/// <summary>
/// A national contributor's scope is (country, sections), read from the database on every request: the pages,
/// autosave's SQL, the page form, evidence, history, submitting and the API all hold to it, and a focal point
/// manages it for their own country only.
/// </summary>
[Collection(AppCollection.Name)]
public class NationalContributorTests(CopAppFactory app)
{
    /// <summary>A contributor of <paramref name="iso3"/> with <paramref name="sections"/>, created as accepting an invitation would.</summary>
    private async Task<(string Email, string UserId)> ContributorAsync(string iso3, bool othersHidden, params string[] sections)
    {
        var email = $"nc-{Guid.NewGuid():N}"[..14] + "@example.org";
        var userId = "";
        await app.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<ApplicationUser>>();
            var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Contributor " + email[3..9], CountryIso3 = iso3 };
            Assert.True((await users.CreateAsync(user, CopAppFactory.DemoPassword)).Succeeded);
            await users.AddToRoleAsync(user, Roles.NationalContributor);
            var db = services.GetRequiredService<CopDbContext>();
            foreach (var s in sections)
                db.ContributorAssignments.Add(new ContributorAssignment { UserId = user.Id, CountryIso3 = iso3, SectionKey = s, OthersHidden = othersHidden, AssignedBy = "test" });
            await db.SaveChangesAsync();
            userId = user.Id;
        });
        return (email, userId);
    }

    private static Question FirstPlainQuestion(QuestionnaireDefinition definition, string domain) =>
        definition.Domains.Single(d => d.Key == domain).Capabilities.SelectMany(c => c.Questions)
            .First(q => q.RelevantWhen is null && q.Type is QuestionType.YesPartialNo);

    private Task<int> StoredAsync(int submissionId, string key) =>
        app.WithDbAsync(db => db.Set<Answer>().CountAsync(a => a.SubmissionId == submissionId && a.QuestionKey == key));

    [Fact]
    public async Task A_contributor_edits_only_the_assigned_sections_on_every_endpoint()
    {
        var cycleId = await OpenCycleAsync(app);
        var id = await SubmissionIdAsync(app, cycleId, "KEN");
        var france = await SubmissionIdAsync(app, cycleId, "FRA");
        var definition = await DefinitionAsync(app, id);
        var justice = FirstPlainQuestion(definition, "justice");
        var policy = FirstPlainQuestion(definition, "policy");
        var (email, _) = await ContributorAsync("KEN", othersHidden: false, "justice");
        var client = await app.SignedInClientAsync(email);

        // Pages: the overview (no submit button), the own section editable, another section read-only.
        var overview = await client.GetAsync($"/assessments/{id}");
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.DoesNotContain($"/assessments/{id}/submit", await overview.Content.ReadAsStringAsync());
        var justicePage = await client.GetStringAsync($"/assessments/{id}/justice");
        Assert.Contains($"name=\"{AnswerForm.Answer(justice.Key)}\"", justicePage);
        var policyPage = await client.GetAsync($"/assessments/{id}/policy");
        Assert.Equal(HttpStatusCode.OK, policyPage.StatusCode);
        Assert.DoesNotContain($"name=\"{AnswerForm.Answer(policy.Key)}\"", await policyPage.Content.ReadAsStringAsync());

        // Autosave (the SQL path): the own section saves, another section is refused and stores nothing.
        var token = await TokenAsync(client, $"/assessments/{id}/justice");
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(client, token, id, justice.Key, 0, "yes")).StatusCode);
        Assert.Equal(1, await StoredAsync(id, justice.Key));
        Assert.Equal(HttpStatusCode.Forbidden, (await SaveAsync(client, token, id, policy.Key, 0, "yes")).StatusCode);
        Assert.Equal(0, await StoredAsync(id, policy.Key));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<AnswerHistory>().CountAsync(h => h.SubmissionId == id && h.QuestionKey == policy.Key)));

        // History names the contributor, and so does the audit.
        Assert.Contains(email, await client.GetStringAsync($"/assessments/{id}/history/{justice.Key}"));
        Assert.Equal(email, await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Subject == $"submission {id} {justice.Key}").Select(e => e.UserEmail).SingleAsync()));

        // The page form: another section is forbidden; a forged field of another section in the own form is ignored.
        Denied(await PostAsync(client, token, $"/assessments/{id}/policy", new Dictionary<string, string>
        {
            [AnswerForm.Answer(policy.Key)] = "no", [AnswerForm.Version(policy.Key)] = "0",
        }));
        await PostAsync(client, token, $"/assessments/{id}/justice", new Dictionary<string, string>
        {
            [AnswerForm.Answer(policy.Key)] = "no", [AnswerForm.Version(policy.Key)] = "0",
        });
        Assert.Equal(0, await StoredAsync(id, policy.Key));

        // Evidence: attached in the own section, refused in another.
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(client, token, id, justice.Key, "ok.png", Png(), "image/png")).StatusCode);
        Denied(await UploadAsync(client, token, id, policy.Key, "no.png", Png(), "image/png"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Evidence>().CountAsync(e => e.SubmissionId == id && e.QuestionKey == policy.Key)));

        // The menu leads to the assessments list, where the progress is the contributor's part's.
        Assert.Contains("href=\"/assessments\"", await client.GetStringAsync("/"));
        var mine = ScoringEngine.Score(definition, await app.WithDbAsync(db => db.LoadAnswerValuesAsync(id)), ScoringMode.Provisional).FindDomain("justice")!.Completeness;
        Assert.Contains($"{mine.Answered} of {mine.Required} required questions", WebUtility.HtmlDecode(await client.GetStringAsync("/assessments")));

        // Submitting is the focal point's.
        var submit = await PostAsync(client, token, $"/assessments/{id}/submit", new Dictionary<string, string> { ["confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, submit.StatusCode);
        Assert.Equal(SubmissionStatus.Draft, await app.WithDbAsync(db => db.Set<Submission>().Where(s => s.Id == id).Select(s => s.Status).SingleAsync()));

        // Another country's submission is not found, by page or by autosave; the API and the reports are closed.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/assessments/{france}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/assessments/{france}/justice")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SaveAsync(client, token, france, justice.Key, 0, "yes")).StatusCode);
        Assert.Equal(0, await StoredAsync(france, justice.Key));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/cycles")).StatusCode);
        Denied(await client.GetAsync("/contributors"));
    }

    [Fact]
    public async Task Hidden_other_sections_are_not_found()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var definition = await DefinitionAsync(app, id);
        var policy = FirstPlainQuestion(definition, "policy");
        var (email, _) = await ContributorAsync("KEN", othersHidden: true, "justice");
        var client = await app.SignedInClientAsync(email);
        var page = await client.GetStringAsync($"/assessments/{id}/justice");
        Assert.DoesNotContain($"/assessments/{id}/policy\"", page);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/assessments/{id}/policy")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/assessments/{id}/history/{policy.Key}")).StatusCode);
        var token = await TokenAsync(client, $"/assessments/{id}/justice");
        Assert.Equal(HttpStatusCode.NotFound, (await SaveAsync(client, token, id, policy.Key, 0, "yes")).StatusCode);
        Assert.Equal(0, await StoredAsync(id, policy.Key));
    }

    [Fact]
    public async Task A_contributors_dashboard_card_shows_their_part_and_the_comments_on_their_questions()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var definition = await DefinitionAsync(app, id);
        var justice = FirstPlainQuestion(definition, "justice");
        var policy = FirstPlainQuestion(definition, "policy");
        var (email, _) = await ContributorAsync("KEN", othersHidden: true, "justice");
        var client = await app.SignedInClientAsync(email);
        var token = await TokenAsync(client, $"/assessments/{id}/justice");
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(client, token, id, justice.Key, 0, "yes")).StatusCode);
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var reviewToken = await TokenAsync(reviewer, $"/review/{id}");
        foreach (var key in new[] { justice.Key, policy.Key })
            await PostAsync(reviewer, reviewToken, $"/assessments/{id}/comments", new Dictionary<string, string> { ["questionKey"] = key, ["body"] = "Source?", ["returnUrl"] = $"/review/{id}" });

        var card = WebUtility.HtmlDecode(await client.GetStringAsync("/"));
        var mine = ScoringEngine.Score(definition, await app.WithDbAsync(db => db.LoadAnswerValuesAsync(id)), ScoringMode.Provisional).FindDomain("justice")!.Completeness;
        Assert.Contains($"{mine.Answered} of {mine.Required} required questions", card);
        Assert.Contains($"{definition.Domains.Single(d => d.Key == "justice").Name.Get("en")} {mine.Answered}/{mine.Required}", card);
        Assert.DoesNotContain(definition.Domains.Single(d => d.Key == "policy").Name.Get("en"), card);
        Assert.DoesNotContain("overall index", card);
        Assert.Contains($"1 comment to answer → {justice.Key}", card);
        Assert.DoesNotContain($"→ {policy.Key}", card);
        // The focal point's card still has it all.
        var focal = WebUtility.HtmlDecode(await (await app.SignedInClientAsync("focal.ken@demo.local")).GetStringAsync("/"));
        Assert.Contains($"1 comment to answer → {policy.Key}", focal);
        Assert.Contains("Provisional overall index", focal);
    }

    private static object Yes(Question question) => question.FindOption("yes")!.Label.Get("en");

    [Fact]
    public async Task A_contributors_workbook_holds_only_their_sections_and_an_upload_ignores_any_other_question()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var definition = await DefinitionAsync(app, id);
        var justice = FirstPlainQuestion(definition, "justice");
        var leadership = definition.Domains.Single(d => d.Key == "policy").Capabilities[0];
        var led = leadership.Questions.First(q => q.RelevantWhen is null && q.Type is QuestionType.YesPartialNo);
        var otherPolicy = definition.Domains.Single(d => d.Key == "policy").Capabilities[1].Questions.First(q => q.RelevantWhen is null && q.Type is QuestionType.YesPartialNo);
        var (email, userId) = await ContributorAsync("KEN", othersHidden: false, "justice", leadership.Key);
        var client = await app.SignedInClientAsync(email);

        // Download: the instructions, one sheet per domain the contributor touches, holding only their questions.
        var mine = await WorkbookTests.DownloadAsync(client, id);
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(mine), false))
        {
            var visible = WorkbookFile.Sheets(document).Where(s => s.State is null).Select(s => s.Name!.Value!).ToList();
            Assert.Equal(["Instructions", .. definition.Domains.Where(d => d.Key is "policy" or "justice").Select(d => d.Name.Get("en"))], visible);
        }
        Assert.Contains("This workbook holds only the sections assigned to you.", WorkbookFile.Cells(mine, "Instructions").Values);
        var policySheet = WorkbookFile.Cells(mine, definition.Domains.Single(d => d.Key == "policy").Name.Get("en"));
        Assert.Contains(led.Key, policySheet.Values);
        Assert.DoesNotContain(otherPolicy.Key, policySheet.Values);
        var stamp = WorkbookFile.Cells(mine, "_workbook");
        Assert.Contains(string.Join(',', new[] { "justice", leadership.Key }.Order(StringComparer.Ordinal)), stamp.Values);
        Assert.Equal(definition.Domains.Single(d => d.Key == "justice").Capabilities.Sum(c => c.Questions.Count) + leadership.Questions.Count,
            stamp.Count(c => c.Key.StartsWith('A')) - 7);

        // Upload of the focal point's whole workbook: the contributor's questions are imported, any other ignored with a note.
        var focal = await app.SignedInClientAsync("focal.ken@demo.local");
        var whole = WorkbookFile.Answer(await WorkbookTests.DownloadAsync(focal, id), (justice.Key, Yes(justice)), (led.Key, Yes(led)), (otherPolicy.Key, Yes(otherPolicy)));
        var (status, preview) = await WorkbookTests.UploadAsync(client, id, whole);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("2 answers would change.", preview);
        Assert.Contains("This question is not in the sections assigned to you, so its answer in the workbook is ignored.", preview);
        Assert.Equal(HttpStatusCode.Redirect, (await WorkbookTests.ConfirmAsync(client, id, preview)).StatusCode);
        Assert.Equal(1, await StoredAsync(id, justice.Key));
        Assert.Equal(1, await StoredAsync(id, led.Key));
        Assert.Equal(0, await StoredAsync(id, otherPolicy.Key));

        // Revoked: the contributor's own workbook no longer uploads, even from the page opened before.
        var token = await TokenAsync(client, $"/assessments/{id}/workbook/import");
        Assert.Equal(HttpStatusCode.Redirect, (await focal.PostFormAsync("/contributors", $"/contributors/{userId}/revoke", new Dictionary<string, string>())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await WorkbookTests.UploadAsync(client, id, WorkbookFile.Answer(mine, (justice.Key, (object)justice.FindOption("no")!.Label.Get("en"))), token: token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/assessments/{id}/workbook")).StatusCode);
        Assert.Equal("yes", (await app.WithDbAsync(db => db.LoadAnswersAsync(id)))[justice.Key].Value.OptionKey);
    }

    [Fact]
    public async Task A_revocation_takes_effect_on_the_next_request()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var justice = FirstPlainQuestion(await DefinitionAsync(app, id), "justice");
        var (email, userId) = await ContributorAsync("KEN", othersHidden: false, "justice");
        var client = await app.SignedInClientAsync(email);
        var token = await TokenAsync(client, $"/assessments/{id}/justice");

        var focal = await app.SignedInClientAsync("focal.ken@demo.local");
        Assert.Contains(email, await focal.GetStringAsync("/contributors"));
        Assert.Equal(HttpStatusCode.Redirect, (await focal.PostFormAsync("/contributors", $"/contributors/{userId}/revoke", new Dictionary<string, string>())).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/assessments/{id}/justice")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await SaveAsync(client, token, id, justice.Key, 0, "yes")).StatusCode);
        Assert.Equal(0, await StoredAsync(id, justice.Key));
    }

    [Fact]
    public async Task A_focal_point_invites_for_their_own_country_and_the_contributor_is_told_the_sections()
    {
        var focal = await app.SignedInClientAsync("focal.ken@demo.local");
        Denied(await focal.GetAsync("/admin/invitations/new"));
        var email = $"inv-{Guid.NewGuid():N}"[..14] + "@example.org";

        // A section that is not in the questionnaire: refused with a message, nothing created.
        var refused = await focal.PostFormAsync("/contributors", "/contributors/invite", new Dictionary<string, string> { ["Email"] = email, ["Sections"] = "nonsense" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Choose sections of the questionnaire.", await refused.Content.ReadAsStringAsync());
        Assert.False(await app.WithDbAsync(db => db.Invitations.AnyAsync(i => i.Email == email)));

        // A country in the form is not read: the invitation is for the focal point's own.
        var sent = await focal.PostFormAsync("/contributors", "/contributors/invite", new Dictionary<string, string>
        {
            ["Email"] = email, ["Sections"] = "justice", ["OthersHidden"] = "false", ["CountryIso3"] = "FRA",
        });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var invitation = await app.WithDbAsync(db => db.Invitations.SingleAsync(i => i.Email == email));
        Assert.Equal(("KEN", Roles.NationalContributor), (invitation.CountryIso3, invitation.Role));
        Assert.Equal(new[] { "justice" }, invitation.Sections);
        var mail = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.To == email));
        Assert.Contains("Criminal justice", mail.Body);

        // Accepting the invitation gives the sections.
        var token = Regex.Match(mail.Body, "token=([^\\s]+)").Groups[1].Value;
        var guest = app.CreateBrowserClient();
        var accepted = await guest.PostFormAsync($"/account/accept-invitation?token={token}", "/account/accept-invitation", new Dictionary<string, string>
        {
            ["Token"] = Uri.UnescapeDataString(token), ["DisplayName"] = "New Contributor", ["Password"] = CopAppFactory.DemoPassword, ["ConfirmPassword"] = CopAppFactory.DemoPassword,
        });
        Assert.True(accepted.StatusCode is HttpStatusCode.Redirect, $"{(int)accepted.StatusCode}");
        var sections = await app.WithDbAsync(db => db.ContributorAssignments.Where(a => a.User!.Email == email).Select(a => a.CountryIso3 + ":" + a.SectionKey).ToListAsync());
        Assert.Equal(new[] { "KEN:justice" }, sections);
    }

    [Fact]
    public async Task The_contributor_is_mailed_new_sections_and_the_focal_point_a_completed_section()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var definition = await DefinitionAsync(app, id);
        var capability = definition.Domains.Single(d => d.Key == "justice").Capabilities.Last();
        var (email, userId) = await ContributorAsync("KEN", othersHidden: false, "policy");

        var focal = await app.SignedInClientAsync("focal.ken@demo.local");
        Assert.Equal(HttpStatusCode.Redirect, (await focal.PostAsync($"/contributors/{userId}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Sections"] = capability.Key, ["OthersHidden"] = "false",
            ["__RequestVerificationToken"] = HttpClientExtensions.AntiforgeryToken(await focal.GetStringAsync("/contributors")),
        }))).StatusCode);
        var assigned = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.To == email).Select(m => m.Body).ToListAsync());
        Assert.Contains(assigned, b => b.Contains(capability.Name.Get("en")));

        // The contributor answers every question of the capability.
        var client = await app.SignedInClientAsync(email);
        var token = await TokenAsync(client, $"/assessments/{id}/justice");
        var answers = AssessmentDemoSeed.Generate(definition, new Random(3), "Kenya", "KE", complete: true);
        foreach (var question in definition.RelevanceOrder.Where(q => capability.Questions.Contains(q) && answers.ContainsKey(q.Key)))
            await SaveAsync(client, token, id, question.Key, 0, [.. Raw(answers[question.Key])]);
        var key = $"section-complete:{id}:{capability.Key}:focal.ken@demo.local";
        var notice = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.DeduplicationKey == key).ToListAsync());
        Assert.Contains(email[3..9], Assert.Single(notice).Body);
    }

    [Fact]
    public async Task The_sql_conditions_hold_a_contributor_to_the_same_rows_and_questions_as_the_query()
    {
        var cycleId = await OpenCycleAsync(app);
        var id = await SubmissionIdAsync(app, cycleId, "KEN");
        var definition = await DefinitionAsync(app, id);
        var (_, userId) = await ContributorAsync("KEN", othersHidden: false, "justice", "pg.1.leadership");
        var scope = UserScope.Contributor(userId, [("KEN", "justice", false), ("KEN", "pg.1.leadership", false)]);

        var expected = await app.WithDbAsync(db => db.Set<Submission>().VisibleTo(scope).Select(s => s.Id).OrderBy(i => i).ToListAsync());
        Assert.Contains(id, expected);
        var (condition, value) = ScopeQueries.SqlCondition(scope, "s.\"CountryIso3\"", "k.\"RegionCode\"", "$1", "c.\"Status\"");
        var actual = await QueryAsync<int>($"""
            SELECT s."Id" FROM "Submissions" s JOIN "AssessmentCycles" c ON c."Id" = s."CycleId" JOIN "Countries" k ON k."Iso3" = s."CountryIso3"
            WHERE {condition} ORDER BY s."Id"
            """, value);
        Assert.Equal(expected, actual);

        // The section check of autosave's write, question by question, against the rule the pages use.
        var (sectionCondition, contributor) = ScopeQueries.SqlSectionCondition(scope, "s.\"CountryIso3\"", "$2", "$3");
        foreach (var question in definition.Questions)
        {
            var allowed = await QueryAsync<bool>($"""SELECT {sectionCondition} FROM "Submissions" s WHERE s."Id" = $1""", id, contributor,
                ContributorSections.SectionsOf(definition, question.Key));
            Assert.Equal(scope.Sections!.Covers(definition, question.Key), Assert.Single(allowed));
        }
    }

    private Task<List<T>> QueryAsync<T>(string sql, params object[] values) => app.WithDbAsync(async db =>
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var v in values) command.Parameters.Add(new NpgsqlParameter { Value = v });
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows.Add(reader.GetFieldValue<T>(0));
        return rows;
    });
}
