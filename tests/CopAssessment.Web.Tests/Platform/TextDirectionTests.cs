using System.Net;
using CopAssessment.Domain.Questionnaires;
using static CopAssessment.Web.Tests.Assessments.AssessmentTestKit;

namespace CopAssessment.Web.Tests.Platform;

/// <summary>
/// User-written text keeps its own direction: directional controls leave file names at upload, and every
/// piece of user content on the pages sits in an element with <c>dir="auto"</c> (or a <c>&lt;bdi&gt;</c>), so
/// English written on an Arabic page keeps its full stop and numbers where they were typed.
/// </summary>
[Collection(AppCollection.Name)]
public class TextDirectionTests(CopAppFactory app)
{
    private const string Rlo = "\u202E";

    [Fact]
    public async Task Directional_controls_are_removed_from_an_uploaded_file_name_before_it_is_stored_or_shown()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var token = await TokenAsync(ken, $"/assessments/{id}/policy");
        // Honoured, the override shows "photo\u202Egnp.exe" as "photo" + "exe.png": the name lies about its type.
        var response = await UploadAsync(ken, token, id, "pg.1.1", "ph\u2067oto\u2069" + Rlo + "gnp.png", Png(), "image/png");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var stored = await app.WithDbAsync(db => db.Set<Evidence>().Where(e => e.SubmissionId == id).Select(e => new { e.Id, e.FileName }).SingleAsync());
        Assert.Equal("photognp.png", stored.FileName);
        var page = await ken.GetStringAsync($"/assessments/{id}/policy?culture=ar");
        Assert.DoesNotContain(Rlo, page, StringComparison.Ordinal);
        Assert.DoesNotContain("&#x202E;", page, StringComparison.OrdinalIgnoreCase);
        Assert.Matches(IsolatedText("photognp.png"), page);
        var download = await ken.GetAsync($"/assessments/{id}/evidence/{stored.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.DoesNotContain(Rlo, download.Content.Headers.ContentDisposition?.ToString() ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answers_comments_file_names_and_names_on_arabic_pages_carry_dir_auto()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var definition = await DefinitionAsync(app, id);
        var textQuestion = definition.Questions.First(q => q.Relevance is null && q.Type is QuestionType.Text or QuestionType.LongText);
        var textDomain = definition.DomainOf(textQuestion.Key)!.Key;
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var token = await TokenAsync(ken, $"/assessments/{id}/policy");
        const string answer = "Law No. 12 of 2021, section 4.";
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(ken, token, id, textQuestion.Key, 0, answer)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(ken, token, id, "pg.1.1", "Decree 12.png", Png(), "image/png")).StatusCode);
        var commentId = await app.WithDbAsync(async db =>
        {
            var comment = new ReviewComment { SubmissionId = id, QuestionKey = "pg.1.1", Body = "Which decree (No. 12) created it?", AuthorEmail = "reviewer@demo.local", AuthorName = "Demo Reviewer", FromSecretariat = true };
            db.Add(comment);
            await db.SaveChangesAsync();
            db.Add(new ReviewComment { SubmissionId = id, QuestionKey = "pg.1.1", ParentId = comment.Id, Body = "Decree 12 of 2021.", AuthorEmail = "focal.ken@demo.local", AuthorName = "Kenya Focal Point" });
            await db.SaveChangesAsync();
            return comment.Id;
        });

        Assert.Matches(IsolatedInput(answer), await ken.GetStringAsync($"/assessments/{id}/{textDomain}?culture=ar"));
        var domainPage = await ken.GetStringAsync($"/assessments/{id}/policy?culture=ar");
        Assert.Matches(IsolatedText("Decree 12.png"), domainPage);
        Assert.Matches(IsolatedText("Which decree (No. 12) created it?"), domainPage);
        Assert.Matches(IsolatedText("Decree 12 of 2021."), domainPage);
        Assert.Matches(IsolatedText("Demo Reviewer"), domainPage);

        var overview = await ken.GetStringAsync($"/assessments/{id}?culture=ar");
        Assert.Matches(IsolatedText("Which decree (No. 12) created it?"), overview);
        Assert.Matches(IsolatedText("Decree 12 of 2021."), overview);
        Assert.Matches(IsolatedText("Kenya Focal Point"), overview);

        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var review = await reviewer.GetStringAsync($"/review/{id}?culture=ar");
        Assert.Matches(IsolatedText(answer), review);
        Assert.Matches(IsolatedText("Decree 12.png"), review);
        Assert.Matches(IsolatedText("Which decree (No. 12) created it?"), review);
        Assert.True(commentId > 0);
    }

    /// <summary>The text is the first content of a <c>&lt;bdi&gt;</c> or of an element with <c>dir="auto"</c>.</summary>
    private static Regex IsolatedText(string text) =>
        new("<(?:bdi|[a-z0-9]+\\s[^>]*\\bdir=\"auto\")[^>]*>\\s*" + Regex.Escape(System.Net.WebUtility.HtmlEncode(text)));

    private static Regex IsolatedInput(string value)
    {
        var encoded = Regex.Escape(System.Net.WebUtility.HtmlEncode(value));
        return new("<(?:input(?=[^>]*\\bdir=\"auto\")[^>]*\\bvalue=\"" + encoded + "\"|textarea[^>]*\\bdir=\"auto\"[^>]*>\\s*" + encoded + ")");
    }
}
