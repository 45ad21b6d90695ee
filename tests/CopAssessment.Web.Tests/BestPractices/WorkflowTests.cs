using System.Net;
using static CopAssessment.Web.Tests.BestPractices.PracticeTestKit;

namespace CopAssessment.Web.Tests.BestPractices;

[Collection(AppCollection.Name)]
public class WorkflowTests(CopAppFactory app)
{
    [Fact]
    public async Task Submit_request_changes_resubmit_publish_then_it_is_in_the_library_and_the_feed()
    {
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var title = Unique("Kenya school safety ");
        var id = await CreateAsync(ken, Form(title));

        Assert.Contains(title, await reviewer.GetStringAsync("/best-practices/moderation"));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/best-practices/{id}")).StatusCode);

        var changes = await DecideAsync(reviewer, id, "RequestChanges", "Please add the number of schools.");
        Assert.Equal(HttpStatusCode.Redirect, changes.StatusCode);
        Assert.Equal(PracticeStatus.ChangesRequested, (await LatestAsync(app, id)).Status);
        var mail = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.To == "focal.ken@demo.local" && m.Subject.Contains(title)).ToListAsync());
        Assert.Contains(mail, m => m.Body.Contains("Please add the number of schools."));

        var editPage = await ken.GetStringAsync($"/best-practices/{id}/edit");
        Assert.Contains("Please add the number of schools.", editPage);
        var resubmit = await PostAsync(ken, $"/best-practices/{id}/edit", $"/best-practices/{id}/edit", Form(title, description: "Now in 1,200 schools."));
        Assert.Equal(HttpStatusCode.Redirect, resubmit.StatusCode);
        var latest = await LatestAsync(app, id);
        Assert.Equal((2, PracticeStatus.Submitted), (latest.Number, latest.Status));

        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(reviewer, id, "Publish")).StatusCode);
        var anonymous = app.CreateClient();
        var details = await anonymous.GetStringAsync($"/best-practices/{id}");
        Assert.Contains(title, details);
        Assert.Contains("Now in 1,200 schools.", details);
        Assert.Contains(title, await anonymous.GetStringAsync("/best-practices?q=" + Uri.EscapeDataString(title.Split(' ')[^1])));
        var feed = await anonymous.GetAsync("/best-practices/feed.atom");
        Assert.Equal("application/atom+xml", feed.Content.Headers.ContentType!.MediaType);
        var atom = System.Xml.Linq.XDocument.Parse(await feed.Content.ReadAsStringAsync());
        Assert.Contains(atom.Descendants("{http://www.w3.org/2005/Atom}entry"),
            e => e.Element("{http://www.w3.org/2005/Atom}title")!.Value == title);
        // Both versions are kept.
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<BestPracticeVersion>().CountAsync(v => v.PracticeId == id)));
    }

    [Fact]
    public async Task Edit_after_publication_goes_back_to_review_while_the_published_text_stays_visible()
    {
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var title = Unique("Helpline ");
        var id = await CreateAsync(ken, Form(title, description: "Original description."));
        await DecideAsync(reviewer, id, "Publish");

        await PostAsync(ken, $"/best-practices/{id}/edit", $"/best-practices/{id}/edit", Form(title, description: "Revised description."));
        var page = await app.CreateClient().GetStringAsync($"/best-practices/{id}");
        Assert.Contains("Original description.", page);
        Assert.DoesNotContain("Revised description.", page);

        await DecideAsync(reviewer, id, "Publish");
        page = await app.CreateClient().GetStringAsync($"/best-practices/{id}");
        Assert.Contains("Revised description.", page);
        var statuses = await app.WithDbAsync(db => db.Set<BestPracticeVersion>().Where(v => v.PracticeId == id).OrderBy(v => v.Number).Select(v => v.Status).ToListAsync());
        Assert.Equal([PracticeStatus.Superseded, PracticeStatus.Published], statuses);
    }

    [Fact]
    public async Task Decline_needs_a_reason_notifies_the_submitter_and_keeps_it_out_of_the_library()
    {
        var contributor = await app.SignedInClientAsync("contributor@demo.local");
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var title = Unique("Advert ");
        var id = await CreateAsync(contributor, Form(title, country: "GHA"));

        await DecideAsync(reviewer, id, "Decline", "");
        Assert.Equal(PracticeStatus.Submitted, (await LatestAsync(app, id)).Status);

        await DecideAsync(reviewer, id, "Decline", "This is an advertisement.");
        var latest = await LatestAsync(app, id);
        Assert.Equal(PracticeStatus.Declined, latest.Status);
        Assert.Equal("This is an advertisement.", latest.ReviewNote);
        Assert.True(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.To == "contributor@demo.local" && m.Body.Contains("This is an advertisement."))));
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/best-practices/{id}")).StatusCode);
        // The contributor's organisation comes from the account, whatever the form said.
        Assert.Equal("Child Safety Online NGO", latest.Organisation);
    }

    [Fact]
    public async Task A_missing_or_unreadable_decision_changes_nothing_and_says_so()
    {
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var id = await CreateAsync(ken, Form(Unique("No decision ")));
        List<KeyValuePair<string, string>>[] posts = [[new("note", "")], [new("decision", "Banana"), new("note", "")], [new("decision", "7")]];
        foreach (var fields in posts)
        {
            var response = await PostAsync(reviewer, $"/best-practices/moderation/{id}", $"/best-practices/moderation/{id}/decide", fields);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal($"/best-practices/moderation/{id}", response.Headers.Location!.OriginalString);
            Assert.Contains("Choose a decision: publish, request changes or decline.", await reviewer.GetStringAsync($"/best-practices/moderation/{id}"));
            var latest = await LatestAsync(app, id);
            Assert.Equal(PracticeStatus.Submitted, latest.Status);
            Assert.Null(latest.ReviewedAt);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/best-practices/{id}")).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(a => a.Subject == $"best-practice/{id}" && a.Action == "best-practice-publish")));
    }

    [Fact]
    public async Task The_queue_names_countries_rather_than_showing_their_codes()
    {
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var title = Unique("Queue names ");
        await CreateAsync(ken, Form(title));
        var html = await (await app.SignedInClientAsync("reviewer@demo.local")).GetStringAsync("/best-practices/moderation");
        var row = html[html.IndexOf(title, StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("<td>Kenya</td>", row);
        Assert.DoesNotContain("<td>KEN</td>", html);
    }

    [Fact]
    public async Task The_decision_mail_is_in_the_language_of_the_owners_account_found_by_id()
    {
        var tag = Unique("");
        var practiceId = await app.WithDbAsync(async db =>
        {
            var owner = new ApplicationUser { UserName = $"owner-{tag}@test.local", Email = $"owner-{tag}@test.local", DisplayName = "Owner", PreferredCulture = "fr" };
            db.Users.Add(owner);
            // The address recorded at submission is not the account's address any more.
            var practice = new BestPractice { OwnerId = owner.Id, OwnerEmail = $"earlier-{tag}@test.local" };
            var version = Version("Langue " + tag);
            version.Status = PracticeStatus.Submitted;
            version.Number = 1;
            version.SubmittedAt = DateTimeOffset.UtcNow;
            practice.Versions.Add(version);
            db.Add(practice);
            await db.SaveChangesAsync();
            return practice.Id;
        });
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        Assert.Equal(HttpStatusCode.Redirect, (await DecideAsync(reviewer, practiceId, "Publish")).StatusCode);
        var mail = await app.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.To == $"earlier-{tag}@test.local"));
        Assert.Equal($"Bonne pratique publiée : Langue {tag}", mail.Subject);
    }

    [Fact]
    public async Task A_contributor_cannot_edit_someone_elses_practice()
    {
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var id = await CreateAsync(ken, Form(Unique("Kenya only "), intent: "save"));
        var contributor = await app.SignedInClientAsync("contributor@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await contributor.GetAsync($"/best-practices/{id}/edit")).StatusCode);
        var post = await PostAsync(contributor, "/best-practices/new", $"/best-practices/{id}/edit", Form("Hijacked"));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.NotEqual("Hijacked", (await LatestAsync(app, id)).Title);
        // Nor can a focal point of another country.
        var gha = await app.SignedInClientAsync("focal.gha@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await gha.GetAsync($"/best-practices/{id}/edit")).StatusCode);
    }

    [Fact]
    public async Task A_focal_point_cannot_submit_for_another_country()
    {
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var title = Unique("Ghana by Kenya ");
        var response = await PostAsync(ken, "/best-practices/new", "/best-practices/new", Form(title, country: "GHA"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("A focal point submits only for their own country.", await response.Content.ReadAsStringAsync());
        Assert.False(await app.WithDbAsync(db => db.Set<BestPracticeVersion>().AnyAsync(v => v.Title == title)));
    }

    [Fact]
    public async Task Validation_messages_show_next_to_the_fields_and_a_draft_needs_only_a_title()
    {
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var fields = Form("", intent: "submit").Where(f => f.Key is not ("Audiences" or "Capabilities")).ToList();
        fields.RemoveAll(f => f.Key is "StartYear" or "EndYear");
        fields.Add(new("StartYear", "2024"));
        fields.Add(new("EndYear", "2020"));
        var html = await (await PostAsync(ken, "/best-practices/new", "/best-practices/new", fields)).Content.ReadAsStringAsync();
        Assert.Contains("Enter a title.", html);
        Assert.Contains("Choose at least one audience.", html);
        Assert.Contains("Choose at least one capability.", html);
        Assert.Contains("The end year cannot be before the start year.", html);

        var draft = await CreateAsync(ken, [new("Title", Unique("Just a title ")), new("Intent", "save"), new("Language", "en")]);
        Assert.Equal(PracticeStatus.Draft, (await LatestAsync(app, draft)).Status);
    }

    [Fact]
    public async Task Links_must_be_http_or_https()
    {
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var fields = Form(Unique("Links ")).Where(f => f.Key != "Links").ToList();
        fields.Add(new("Links", "javascript:alert(1)"));
        var html = await (await PostAsync(ken, "/best-practices/new", "/best-practices/new", fields)).Content.ReadAsStringAsync();
        Assert.Contains("is not an http or https address.", html);
    }
}
