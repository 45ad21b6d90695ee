using System.Net;
using static CopAssessment.Web.Tests.BestPractices.PracticeTestKit;

namespace CopAssessment.Web.Tests.BestPractices;

/// <summary>The best-practice form posted the way a browser posts it: every box sent, the empty ones as empty strings.</summary>
[Collection(AppCollection.Name)]
public class FormTests(CopAppFactory app)
{
    /// <summary>Every text box and select of the form, empty, as a browser sends an untouched form (unticked boxes send nothing).</summary>
    private static List<KeyValuePair<string, string>> EmptyForm(string intent) =>
    [
        new("Title", ""), new("Summary", ""), new("Description", ""), new("Organisation", ""), new("StakeholderGroup", ""),
        new("StartYear", ""), new("EndYear", ""), new("Language", "en"), new("Results", ""), new("EnablingFactors", ""),
        new("Scalability", ""), new("Links", ""), new("ContactName", ""), new("ContactEmail", ""), new("Intent", intent),
    ];

    private static List<KeyValuePair<string, string>> With(List<KeyValuePair<string, string>> form, params (string Key, string Value)[] values)
    {
        var result = form.Where(f => !values.Any(v => v.Key == f.Key)).ToList();
        result.AddRange(values.Select(v => new KeyValuePair<string, string>(v.Key, v.Value)));
        return result;
    }

    /// <summary>The message in the error slot right under the field.</summary>
    private static void AssertErrorBeside(string html, string field, string message) =>
        Assert.Matches(new Regex($@"id=""{field}-error""><span class=""field-validation-error"" data-valmsg-for=""{field}""[^>]*>{Regex.Escape(message)}</span>"), html);

    [Fact]
    public async Task A_submission_with_only_its_required_fields_and_empty_optional_boxes_is_saved()
    {
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var title = Unique("Only required ");
        var fields = With(EmptyForm("submit"), ("Title", title), ("Summary", "Short."), ("Description", "Long."), ("Countries", "KEN"),
            ("Organisation", "Ministry"), ("StakeholderGroup", "government"), ("Audiences", "children"), ("Capabilities", "so.13.education"),
            ("StartYear", "2022"), ("Results", "Results."), ("ContactName", "A person"), ("ContactEmail", "person@example.org"));
        var id = await CreateAsync(ken, fields);
        var saved = await LatestAsync(app, id);
        Assert.Equal((PracticeStatus.Submitted, title), (saved.Status, saved.Title));
        Assert.Empty(saved.Links);
        Assert.Null(saved.EndYear);
        Assert.Equal("", saved.Scalability);

        // A draft with nothing but a title, every other box empty.
        var draft = await CreateAsync(ken, With(EmptyForm("save"), ("Title", Unique("Title only "))));
        Assert.Equal(PracticeStatus.Draft, (await LatestAsync(app, draft)).Status);
    }

    [Fact]
    public async Task Submitting_an_empty_form_shows_every_error_beside_its_field_and_saves_nothing()
    {
        var contributor = await app.SignedInClientAsync("contributor@demo.local");
        var before = await app.WithDbAsync(db => db.Set<BestPractice>().CountAsync());
        var response = await PostAsync(contributor, "/best-practices/new", "/best-practices/new", EmptyForm("submit"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        foreach (var (field, message) in new[]
        {
            ("Title", "Enter a title."), ("Summary", "Enter a short summary."), ("Description", "Enter a description."),
            ("Countries", "Choose at least one country."), ("StakeholderGroup", "Choose a stakeholder group."),
            ("Audiences", "Choose at least one audience."), ("Capabilities", "Choose at least one capability."),
            ("StartYear", "Enter the start year."), ("Results", "Describe the results and impact."),
            ("ContactName", "Enter a contact person."), ("ContactEmail", "Enter the contact e-mail."),
        })
        {
            AssertErrorBeside(html, field, message);
        }
        Assert.Contains(@"aria-invalid=""true""", html);
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<BestPractice>().CountAsync()));

        // In French too.
        var french = await (await PostAsync(contributor, "/best-practices/new", "/best-practices/new?culture=fr&ui-culture=fr", EmptyForm("submit")))
            .Content.ReadAsStringAsync();
        AssertErrorBeside(french, "Summary", "Saisissez un court résumé.");
    }

    [Fact]
    public async Task The_form_marks_required_fields_shows_the_limits_and_says_attachments_come_after_the_first_save()
    {
        var contributor = await app.SignedInClientAsync("contributor@demo.local");
        var html = await contributor.GetStringAsync("/best-practices/new");
        foreach (var (field, limit) in Limits)
        {
            Assert.Matches(new Regex($@"id=""{field}""[^>]*maxlength=""{limit}"""), html);
        }
        foreach (var field in new[] { "Title", "Summary", "Description", "Countries", "Organisation", "StakeholderGroup", "StartYear", "Results", "ContactName", "ContactEmail" })
        {
            Assert.Matches(new Regex($@"id=""{field}""[^>]* required aria-required=""true"""), html);
            Assert.Matches(new Regex($@"<label for=""{field}""[^>]*>[^<]*<span class=""text-danger"" aria-hidden=""true""> \*</span><span class=""visually-hidden""> \(required\)</span>\s*</label>"), html);
        }
        Assert.DoesNotMatch(new Regex(@"id=""EndYear""[^>]* required"), html);
        Assert.Contains("You can attach files (PDF, Office documents, images) once the practice is saved", html);
    }

    private static readonly (string Field, int Limit)[] Limits =
    [
        ("Title", PracticeLimits.Title), ("Summary", PracticeLimits.Summary), ("Description", PracticeLimits.Description),
        ("Organisation", PracticeLimits.Organisation), ("Results", PracticeLimits.Results), ("EnablingFactors", PracticeLimits.EnablingFactors),
        ("Scalability", PracticeLimits.Scalability), ("Links", PracticeLimits.Links), ("ContactName", PracticeLimits.ContactName),
        ("ContactEmail", PracticeLimits.ContactEmail),
    ];

    [Fact]
    public async Task Every_over_long_text_gets_its_message_beside_the_field_not_a_500()
    {
        // A focal point: a contributor's organisation is taken from their account.
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var before = await app.WithDbAsync(db => db.Set<BestPractice>().CountAsync());
        var values = Limits.Select(l => (l.Field, l.Field switch
        {
            "ContactEmail" => new string('a', l.Limit - 11) + "@example.org",
            "Links" => string.Join("\n", Enumerable.Repeat("https://example.org/" + new string('a', PracticeLimits.Link - 20), PracticeLimits.LinkCount + 1)),
            _ => new string('x', l.Limit + 1),
        })).ToArray();
        var response = await PostAsync(ken, "/best-practices/new", "/best-practices/new", With(Form("unused"), values));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        foreach (var (field, limit) in Limits)
        {
            AssertErrorBeside(html, field, $"At most {limit} characters.");
        }
        Assert.Equal(before, await app.WithDbAsync(db => db.Set<BestPractice>().CountAsync()));

        // Twenty-one short addresses fit in the box but are one too many.
        var links = string.Join("\n", Enumerable.Range(0, PracticeLimits.LinkCount + 1).Select(i => $"https://example.org/{i}"));
        var tooMany = await (await PostAsync(ken, "/best-practices/new", "/best-practices/new", With(Form(Unique("Links ")), ("Links", links))))
            .Content.ReadAsStringAsync();
        AssertErrorBeside(tooMany, "Links", $"At most {PracticeLimits.LinkCount} links.");
    }

    [Fact]
    public async Task An_over_long_moderation_note_is_refused_beside_the_note_and_changes_nothing()
    {
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var id = await CreateAsync(ken, Form(Unique("Long note ")));
        var page = await reviewer.GetStringAsync($"/best-practices/moderation/{id}");
        Assert.Matches(new Regex($@"id=""note""[^>]*maxlength=""{PracticeLimits.ReviewNote}"""), page);

        var response = await DecideAsync(reviewer, id, "RequestChanges", new string('n', PracticeLimits.ReviewNote + 1));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await reviewer.GetStringAsync(response.Headers.Location!.OriginalString);
        Assert.Matches(new Regex($@"id=""note-error"" role=""alert"">At most {PracticeLimits.ReviewNote} characters\.<"), after);
        Assert.Equal(PracticeStatus.Submitted, (await LatestAsync(app, id)).Status);
    }
}
