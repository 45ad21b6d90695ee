using System.Net;
using static CopAssessment.Web.Tests.Assessments.AssessmentTestKit;

namespace CopAssessment.Web.Tests.Assessments;

[Collection(AppCollection.Name)]
public partial class EvidenceTests(CopAppFactory app)
{
    [GeneratedRegex("""<details class="evidence"[^>]*>[\s\S]*?</details>""")]
    private static partial Regex EvidencePanel();

    [Fact]
    public async Task A_refused_web_address_comes_back_to_the_question_with_its_reason_on_a_page_that_reloads()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var token = await TokenAsync(ken, $"/assessments/{id}/policy");

        var refused = await PostAsync(ken, token, $"/assessments/{id}/evidence", new Dictionary<string, string> { ["questionKey"] = "pg.1.1", ["url"] = "ftp://example.org/x" });
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        var location = refused.Headers.Location!.OriginalString;
        Assert.Equal($"/assessments/{id}/policy?evidence=pg.1.1#q-pg-1-1", location);

        var page = await ken.GetStringAsync(location);
        var panel = Panel(page, "pg.1.1");
        Assert.StartsWith("<details class=\"evidence\" open=\"open\">", panel);
        Assert.Contains("Enter a web address starting with http:// or https://.", panel);
        Assert.Contains("The evidence was not attached: the reason is shown beside the question.", page);
        // The banner for answers that could not be saved is not this one.
        Assert.DoesNotContain("Some answers could not be saved", page);
        // Reloading the page works and no longer repeats the refusal.
        var reloaded = await ken.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, reloaded.StatusCode);
        Assert.DoesNotContain("Enter a web address starting with", await reloaded.Content.ReadAsStringAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Evidence>().CountAsync(e => e.SubmissionId == id)));
    }

    [Fact]
    public async Task An_over_long_web_address_is_refused_with_a_message()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var token = await TokenAsync(ken, $"/assessments/{id}/policy");
        Assert.Contains("maxlength=\"2000\"", Panel(await ken.GetStringAsync($"/assessments/{id}/policy?evidence=pg.1.1"), "pg.1.1"));

        var refused = await PostAsync(ken, token, $"/assessments/{id}/evidence", new Dictionary<string, string> { ["questionKey"] = "pg.1.1", ["url"] = "https://example.org/" + new string('a', 2000) });
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("This web address is too long.", await ken.GetStringAsync(refused.Headers.Location!.OriginalString));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Evidence>().CountAsync(e => e.SubmissionId == id)));
    }

    [Fact]
    public async Task After_attaching_the_panel_is_open_and_sizes_read_as_bytes_kilobytes_and_megabytes()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var token = await TokenAsync(ken, $"/assessments/{id}/policy");

        var attached = await UploadAsync(ken, token, id, "pg.1.1", "tiny.pdf", Pdf(300));
        Assert.Equal(HttpStatusCode.Redirect, attached.StatusCode);
        Assert.Equal($"/assessments/{id}/policy?evidence=pg.1.1#q-pg-1-1", attached.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(ken, token, id, "pg.1.1", "small.pdf", Pdf(1536))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(ken, token, id, "pg.1.1", "large.pdf", Pdf(2_621_440))).StatusCode);

        var panel = Panel(await ken.GetStringAsync(attached.Headers.Location.OriginalString), "pg.1.1");
        Assert.StartsWith("<details class=\"evidence\" open=\"open\">", panel);
        Assert.Contains(">tiny.pdf</a>", panel);
        Assert.Contains("(300 bytes)", panel);
        Assert.Contains("(1.5 KB)", panel);
        Assert.Contains("(2.5 MB)", panel);
        Assert.DoesNotContain("0 KB", panel);

        // In French, with French units and decimal comma.
        var french = Panel(await ken.GetStringAsync($"/assessments/{id}/policy?evidence=pg.1.1&culture=fr"), "pg.1.1");
        Assert.Contains("(1,5 Ko)", french);
    }

    [Fact]
    public async Task The_same_file_twice_on_one_question_is_refused_but_another_question_may_have_it()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var token = await TokenAsync(ken, $"/assessments/{id}/policy");
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(ken, token, id, "pg.1.1", "decree.pdf", Pdf(500))).StatusCode);

        var again = await UploadAsync(ken, token, id, "pg.1.1", "decree-copy.pdf", Pdf(500));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("This file is already attached to this question.", Panel(await ken.GetStringAsync(again.Headers.Location!.OriginalString), "pg.1.1"));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Evidence>().CountAsync(e => e.SubmissionId == id && e.QuestionKey == "pg.1.1")));

        // Both at once: still one.
        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => UploadAsync(ken, token, id, "pg.1.4", "law.pdf", Pdf(700))));
        Assert.All(results, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Evidence>().CountAsync(e => e.SubmissionId == id && e.QuestionKey == "pg.1.4")));

        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(ken, token, id, "pg.1.4", "decree.pdf", Pdf(500))).StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.Set<Evidence>().CountAsync(e => e.SubmissionId == id && e.QuestionKey == "pg.1.4")));
    }

    /// <summary>A PDF of exactly <paramref name="size"/> bytes.</summary>
    private static byte[] Pdf(int size)
    {
        var content = new byte[size];
        Array.Fill(content, (byte)' ');
        "%PDF-1.4\n"u8.CopyTo(content);
        "\n%%EOF\n"u8.CopyTo(content.AsSpan(size - 7));
        return content;
    }

    private static string Panel(string page, string key)
    {
        var question = page[page.IndexOf($"data-key=\"{key}\"", StringComparison.Ordinal)..];
        return EvidencePanel().Match(question).Value;
    }
}
