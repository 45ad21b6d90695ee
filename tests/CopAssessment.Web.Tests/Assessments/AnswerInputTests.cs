using System.Net;
using System.Text;
using CopAssessment.Web.Features.Assessments;
using static CopAssessment.Web.Tests.Assessments.AssessmentTestKit;

namespace CopAssessment.Web.Tests.Assessments;

/// <summary>What the answer endpoints accept and refuse: each refusal is a message and leaves no trace.</summary>
[Collection(AppCollection.Name)]
public class AnswerInputTests(CopAppFactory app)
{
    private async Task<(int Id, HttpClient Client, string Token)> KenyaAsync(string domain = "context")
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var client = await app.SignedInClientAsync("focal.ken@demo.local");
        return (id, client, await TokenAsync(client, $"/assessments/{id}/{domain}"));
    }

    private Task<(int Answers, int History, int Audit)> TracesAsync(int id, string key) => app.WithDbAsync(async db => (
        await db.Set<Answer>().CountAsync(a => a.SubmissionId == id && a.QuestionKey == key),
        await db.Set<AnswerHistory>().CountAsync(h => h.SubmissionId == id && h.QuestionKey == key),
        await db.AuditEvents.CountAsync(e => e.Subject == $"submission {id} {key}")));

    [Fact]
    public async Task A_web_address_is_saved_into_the_url_question()
    {
        var (id, client, token) = await KenyaAsync();
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(client, token, id, "ctx.3", 0, "yes")).StatusCode);
        var response = await SaveAsync(client, token, id, "ctx.6", 0, "https://www.itu.int/cop");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var stored = await app.WithDbAsync(db => db.Set<Answer>().Where(a => a.SubmissionId == id && a.QuestionKey == "ctx.6").Select(a => a.Value).SingleAsync());
        Assert.Equal(AnswerValue.Text("https://www.itu.int/cop"), AnswerJson.Parse(stored));
    }

    [Fact]
    public async Task A_count_refuses_a_fraction_with_a_translated_message_and_takes_a_whole_number()
    {
        var (id, client, token) = await KenyaAsync("justice");
        var refused = await SaveAsync(client, token, id, "cj.7.5", 0, "12.5");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("Enter a whole number (no decimals).", (await JsonAsync(refused)).GetProperty("error").GetString());
        Assert.Equal((0, 0, 0), await TracesAsync(id, "cj.7.5"));

        using (var request = new HttpRequestMessage(HttpMethod.Post, $"/assessments/{id}/answers?culture=fr&ui-culture=fr")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = "cj.7.5", ["version"] = "0", ["value"] = "12.5" }),
        })
        {
            request.Headers.Add("RequestVerificationToken", token);
            var french = await client.SendAsync(request);
            Assert.Equal("Saisissez un nombre entier (sans décimales).", (await JsonAsync(french)).GetProperty("error").GetString());
        }

        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(client, token, id, "cj.7.5", 0, "12")).StatusCode);
        Assert.Equal((1, 1, 1), await TracesAsync(id, "cj.7.5"));
    }

    [Fact]
    public async Task The_page_asks_counts_in_whole_steps_and_caps_text_at_the_built_in_limits()
    {
        var (id, client, _) = await KenyaAsync();
        var justice = await client.GetStringAsync($"/assessments/{id}/justice");
        Assert.Matches("<input[^>]*id=\"q-cj-7-5-input\"[^>]*step=\"1\"[^>]*inputmode=\"numeric\"", justice);
        // Full-time equivalents may be fractional: that number question keeps any step.
        Assert.Matches("<input[^>]*id=\"q-cj-4-2-input\"[^>]*step=\"any\"", justice);
        var context = await client.GetStringAsync($"/assessments/{id}/context");
        Assert.Matches($"<input[^>]*id=\"q-ctx-1-input\"[^>]*maxlength=\"{AnswerLimits.ShortText}\"", context);
        Assert.Matches("<textarea[^>]*id=\"q-ctx-8-input\"[^>]*maxlength=\"3000\"", context);
        Assert.Matches($"<input[^>]*id=\"q-ctx-6-input\"[^>]*maxlength=\"500\"", context);
    }

    [Fact]
    public async Task A_megabyte_of_text_is_refused_with_a_message_and_stored_nowhere()
    {
        var (id, client, token) = await KenyaAsync();
        var response = await SaveAsync(client, token, id, "ctx.1", 0, new string('x', 1_000_000));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal($"Use at most {AnswerLimits.ShortText} characters.", (await JsonAsync(response)).GetProperty("error").GetString());
        Assert.Equal((0, 0, 0), await TracesAsync(id, "ctx.1"));

        // The longest accepted answer still saves.
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(client, token, id, "ctx.1", 0, new string('x', AnswerLimits.ShortText))).StatusCode);
    }

    [Fact]
    public async Task The_no_javascript_save_refuses_an_oversized_long_text_beside_its_field()
    {
        var (id, client, token) = await KenyaAsync("enablers");
        var response = await client.PostAsync($"/assessments/{id}/enablers", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["v:enb.1.3"] = "0", ["a:enb.1.3"] = new string('y', AnswerLimits.LongText + 1),
            ["v:enb.2.4"] = "0", ["a:enb.2.4"] = "National budget",
        }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("At most 3000 characters.", html);
        Assert.Equal((0, 0, 0), await TracesAsync(id, "enb.1.3"));
        Assert.Equal((1, 1, 1), await TracesAsync(id, "enb.2.4"));
    }

    [Fact]
    public async Task A_malformed_multipart_body_is_a_400_with_a_message()
    {
        var (id, client, token) = await KenyaAsync("policy");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/assessments/{id}/answers");
        request.Headers.Add("RequestVerificationToken", token);
        // The closing boundary never comes: the body ends inside a part.
        request.Content = new ByteArrayContent(Encoding.ASCII.GetBytes("--b0undary\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\npg.1.1\r\n--b0undary\r\nContent-Disposition: form-data; name=\"value\"\r\n\r\nye"));
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b0undary");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("could not be read", await response.Content.ReadAsStringAsync());

        // The no-JavaScript form carries its token in the body, which cannot be read either.
        using var form = new HttpRequestMessage(HttpMethod.Post, $"/assessments/{id}/policy");
        form.Content = new ByteArrayContent(Encoding.ASCII.GetBytes($"--b0undary\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n--b0undary\r\nContent-Disposition: form-data; name=\"a:pg.1.1\"\r\n\r\nye"));
        form.Content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=b0undary");
        var page = await client.SendAsync(form);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("could not be read", await page.Content.ReadAsStringAsync());
        Assert.Equal((0, 0, 0), await TracesAsync(id, "pg.1.1"));
    }

    [Fact]
    public async Task A_submitted_assessment_shows_its_answers_as_text_without_disabled_controls()
    {
        var (id, client, token) = await KenyaAsync();
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(client, token, id, "ctx.1", 0, "National Child Online Protection Office")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(client, token, id, "ctx.3", 0, "yes")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(client, token, id, "ctx.6", 0, "https://www.itu.int/cop")).StatusCode);
        await app.WithDbAsync(db => db.Set<Submission>().Where(s => s.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SubmissionStatus.Submitted)));

        foreach (var reader in new[] { client, await app.SignedInClientAsync("coordinator.afr@demo.local") })
        {
            var html = await reader.GetStringAsync($"/assessments/{id}/context");
            Assert.DoesNotContain("disabled", html);
            Assert.DoesNotContain("name=\"a:", html);
            Assert.Matches("<p class=\"mb-0 answer-text\" dir=\"auto\">National Child Online Protection Office</p>", html);
            Assert.Matches("<a href=\"https://www.itu.int/cop\"[^>]*>https://www.itu.int/cop</a>", html);
            var definition = await DefinitionAsync(app, id);
            Assert.Contains(definition.FindQuestion("ctx.3")!.FindOption("yes")!.Label.Get("en"), html);
            Assert.Contains("Not answered", html);
        }
    }
}
