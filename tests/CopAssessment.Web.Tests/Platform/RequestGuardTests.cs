using System.Net;
using static CopAssessment.Web.Tests.Assessments.AssessmentTestKit;

namespace CopAssessment.Web.Tests.Platform;

/// <summary>Input that must not reach an endpoint (RequestGuard), and the error page's own status rule.</summary>
[Collection(AppCollection.Name)]
public class RequestGuardTests(CopAppFactory app)
{
    private const string FrenchNulMessage = "La requête contient des caractères de contrôle (comme NUL), qui ne sont pas autorisés.";

    [Theory]
    [InlineData(null, "/best-practices?q=a%00b")]
    [InlineData(null, "/best-practices/export.xlsx?q=a%00b")]
    [InlineData(null, "/best-practices?q=ok&region=A%01F")]
    [InlineData("reviewer@demo.local", "/review?region=AF%00R")]
    [InlineData("admin@demo.local", "/admin/users?q=a%00b")]
    [InlineData("admin@demo.local", "/countries/KE%01N")]
    public async Task A_control_character_in_a_query_or_route_value_gets_400_with_a_translated_page(string? who, string url)
    {
        var client = who is null ? app.CreateBrowserClient() : await app.SignedInClientAsync(who);
        var response = await client.GetAsync(url + "&culture=fr".Replace("&", url.Contains('?') ? "&" : "?"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(FrenchNulMessage, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));

        // The pooled connections are still in step: the same page without the character works.
        var clean = url.Replace("%00", "").Replace("%01", "");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(clean)).StatusCode);
    }

    [Fact]
    public async Task A_nul_byte_in_the_api_region_filter_gets_400_json()
    {
        var cycle = await OpenCycleAsync(app);
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var response = await admin.GetAsync($"/api/v1/cycles/{cycle}/scores?region=AF%00R");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Contains("control characters", json.GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/cycles/{cycle}/scores?region=AFR")).StatusCode);
    }

    [Fact]
    public async Task A_nul_byte_in_a_form_field_gets_400_and_changes_nothing()
    {
        var failedSignIns = await app.WithDbAsync(db => db.AuditEvents.CountAsync(a => a.Action == "sign-in-failed"));
        var response = await app.CreateBrowserClient().SignInAsync("admin\0@demo.local", CopAppFactory.DemoPassword);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest && body.Contains("control characters"), body);
        Assert.Equal(failedSignIns, await app.WithDbAsync(db => db.AuditEvents.CountAsync(a => a.Action == "sign-in-failed")));

        // Autosave asks for JSON and gets its error in the shape it shows beside the question.
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var token = await TokenAsync(ken, $"/assessments/{id}/policy");
        // As the page sends it: multipart FormData.
        using var form = new MultipartFormDataContent { { new StringContent("ctx.1"), "key" }, { new StringContent("0"), "version" }, { new StringContent("Ministry\0 of ICT"), "value" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/assessments/{id}/answers") { Content = form };
        request.Headers.Add("RequestVerificationToken", token);
        request.Headers.Accept.ParseAdd("application/json");
        var saved = await ken.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, saved.StatusCode);
        Assert.Contains("control characters", (await JsonAsync(saved)).GetProperty("error").GetString());
        Assert.False(await app.WithDbAsync(db => db.Set<Answer>().AnyAsync(a => a.SubmissionId == id && a.QuestionKey == "ctx.1")));
    }

    [Theory]
    [InlineData(101, 404)]
    [InlineData(200, 404)]
    [InlineData(302, 404)]
    [InlineData(399, 404)]
    [InlineData(600, 404)]
    [InlineData(-1, 404)]
    [InlineData(400, 400)]
    [InlineData(404, 404)]
    [InlineData(413, 413)]
    [InlineData(503, 503)]
    public async Task The_error_page_answers_only_with_error_statuses(int code, int expected)
    {
        var response = await app.CreateBrowserClient().GetAsync($"/error/{code}");
        Assert.Equal(expected, (int)response.StatusCode);
    }

    /// <summary>
    /// A body over the configured limit is refused before it is read, with the limit in the person's language,
    /// whether or not the client announced its length.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task An_evidence_body_over_the_configured_limit_is_refused_unread_with_a_translated_message(bool announced)
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "GHA");
        var gha = await app.SignedInClientAsync("focal.gha@demo.local");
        var token = await TokenAsync(gha, $"/assessments/{id}/policy");
        var body = new CountingStream(40L * 1024 * 1024, announced);
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        form.Add(new StringContent("pg.1.1"), "questionKey");
        var file = new StreamContent(body);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "big.pdf");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/assessments/{id}/evidence?culture=fr") { Content = form };
        request.Headers.Referrer = new Uri($"http://localhost/assessments/{id}/policy");

        var response = await gha.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Le fichier dépasse 20 Mo.", page);
        Assert.Contains($"href=\"/assessments/{id}/policy\"", page);
        // Refused at the announced length; without one, at most the limit plus the stream's buffering is read.
        Assert.True(body.BytesRead < (announced ? 1 : 23) * 1024 * 1024, $"{body.BytesRead} bytes read");
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Evidence>().CountAsync(e => e.SubmissionId == id)));
    }

    /// <summary>Bytes of a PDF made up on the fly, counting how many the server asked for.</summary>
    private sealed class CountingStream(long length, bool seekable) : Stream
    {
        private long _position;
        public long BytesRead => _position;
        public override bool CanRead => true;
        public override bool CanSeek => seekable;
        public override bool CanWrite => false;
        public override long Length => seekable ? length : throw new NotSupportedException();
        public override long Position { get => _position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            for (var i = 0; i < n; i++) buffer[offset + i] = _position + i < 5 ? (byte)"%PDF-"[(int)(_position + i)] : (byte)' ';
            _position += n;
            return n;
        }
    }
}
