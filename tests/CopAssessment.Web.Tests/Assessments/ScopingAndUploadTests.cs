using System.Net;
using static CopAssessment.Web.Tests.Assessments.AssessmentTestKit;

namespace CopAssessment.Web.Tests.Assessments;

[Collection(AppCollection.Name)]
public class ScopingAndUploadTests(CopAppFactory app)
{
    [Fact]
    public async Task Focal_point_cannot_read_or_write_another_countrys_answers_evidence_or_comments()
    {
        var cycle = await OpenCycleAsync(app);
        var kenId = await SubmissionIdAsync(app, cycle, "KEN");
        var ghaId = await SubmissionIdAsync(app, cycle, "GHA");
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var kenToken = await TokenAsync(ken, $"/assessments/{kenId}/policy");
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(ken, kenToken, kenId, "pg.1.1", 0, "yes")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(ken, kenToken, kenId, "pg.1.1", "policy.pdf", Pdf())).StatusCode);
        var evidenceId = await app.WithDbAsync(db => db.Set<Evidence>().Where(e => e.SubmissionId == kenId).Select(e => e.Id).SingleAsync());

        var gha = await app.SignedInClientAsync("focal.gha@demo.local");
        var token = await TokenAsync(gha, $"/assessments/{ghaId}/policy");
        foreach (var url in new[] { $"/assessments/{kenId}", $"/assessments/{kenId}/policy", $"/assessments/{kenId}/history/pg.1.1", $"/assessments/{kenId}/evidence/{evidenceId}",
                     $"/assessments/{ghaId}/evidence/{evidenceId}" })
            Assert.True(HttpStatusCode.NotFound == (await gha.GetAsync(url)).StatusCode, url);
        Assert.Equal(HttpStatusCode.NotFound, (await SaveAsync(gha, token, kenId, "pg.1.1", 1, "no")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync(gha, token, kenId, "pg.1.1", "x.pdf", Pdf())).StatusCode);
        foreach (var (url, fields) in new (string, Dictionary<string, string>)[]
                 {
                     ($"/assessments/{kenId}/policy", new() { ["v:pg.1.1"] = "0", ["a:pg.1.1"] = "no" }),
                     ($"/assessments/{kenId}/submit", new()),
                     ($"/assessments/{kenId}/comments", new() { ["body"] = "hello" }),
                     ($"/assessments/{kenId}/evidence/{evidenceId}/delete", new()),
                     ($"/assessments/{ghaId}/evidence/{evidenceId}/delete", new()),
                 })
            Assert.True(HttpStatusCode.NotFound == (await PostAsync(gha, token, url, fields)).StatusCode, url);
        // Review pages are the Secretariat's: a focal point is turned away.
        Assert.NotEqual(HttpStatusCode.OK, (await gha.GetAsync($"/review/{kenId}")).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<ReviewComment>().CountAsync(c => c.SubmissionId == kenId)));
        Assert.Contains("\"yes\"", await app.WithDbAsync(db => db.Set<Answer>().Where(a => a.SubmissionId == kenId).Select(a => a.Value).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.Set<Evidence>().AnyAsync(e => e.Id == evidenceId)));

        // Kenya downloads its own file, byte for byte.
        var download = await ken.GetAsync($"/assessments/{kenId}/evidence/{evidenceId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf(), await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Forged_type_and_oversize_uploads_are_refused_and_nothing_is_stored()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var token = await TokenAsync(ken, $"/assessments/{id}/policy");
        // An executable named .pdf, and HTML named .docx: each refusal comes back to the question with its reason.
        var panel = $"/assessments/{id}/policy?evidence=pg.1.1#q-pg-1-1";
        await RefusedAsync(ken, await UploadAsync(ken, token, id, "pg.1.1", "report.pdf", [0x4D, 0x5A, 0x90, 0x00, 1, 2, 3]), panel, "This type of file is not accepted");
        await RefusedAsync(ken, await UploadAsync(ken, token, id, "pg.1.1", "report.docx", "<html><script>alert(1)</script></html>"u8.ToArray()), panel, "This type of file is not accepted");
        var tooBig = new byte[20 * 1024 * 1024 + 1];
        "%PDF-1.7\n"u8.CopyTo(tooBig);
        await RefusedAsync(ken, await UploadAsync(ken, token, id, "pg.1.1", "big.pdf", tooBig), panel, "The file is larger than the limit.");
        var badUrl = await PostAsync(ken, token, $"/assessments/{id}/evidence", new Dictionary<string, string> { ["questionKey"] = "pg.1.1", ["url"] = "javascript:alert(1)" });
        await RefusedAsync(ken, badUrl, panel, "Enter a web address starting with http:// or https://.");
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Evidence>().CountAsync(e => e.SubmissionId == id)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<EvidenceFile>().CountAsync(f => db.Set<Evidence>().Any(e => e.Id == f.EvidenceId && e.SubmissionId == id))));

        // A real PNG and an https link are accepted; the SHA-256 is stored.
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(ken, token, id, "pg.1.1", "chart.bin", Png())).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(ken, token, $"/assessments/{id}/evidence", new Dictionary<string, string> { ["questionKey"] = "pg.1.1", ["url"] = "https://example.org/policy" })).StatusCode);
        var stored = await app.WithDbAsync(db => db.Set<Evidence>().Where(e => e.SubmissionId == id && e.Url == null).SingleAsync());
        Assert.Equal("image/png", stored.ContentType);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Png())), stored.Sha256);
    }

    private static async Task RefusedAsync(HttpClient client, HttpResponseMessage response, string panel, string reason)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(panel, response.Headers.Location?.OriginalString);
        Assert.Contains(reason, await client.GetStringAsync(panel));
    }

    private static byte[] Pdf() => "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"u8.ToArray();
}
