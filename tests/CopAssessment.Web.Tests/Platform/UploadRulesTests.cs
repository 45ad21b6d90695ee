using System.IO.Compression;
using System.Net;
using System.Text;
using static CopAssessment.Web.Tests.Assessments.AssessmentTestKit;

namespace CopAssessment.Web.Tests.Platform;

/// <summary>
/// The one upload rule set (Infrastructure/Uploads), through both features that use it: a file is stored
/// and served under the type its content shows, and a zip that lies about its size is refused.
/// </summary>
[Collection(AppCollection.Name)]
public class UploadRulesTests(CopAppFactory app)
{
    /// <summary>A valid GIF header whose bytes are also a JScript program (<c>GIF89a=…;alert(…)</c>).</summary>
    private static readonly byte[] GifScript = [.. "GIF89a/*"u8, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, .. "*/=1;alert(document.domain);//"u8, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B];

    /// <summary>Starts as a PDF, and a browser sniffing it as HTML would run the script.</summary>
    private static readonly byte[] PdfHtml = "%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n%%EOF\n"u8.ToArray();

    public static IEnumerable<object[]> Polyglots() =>
    [
        [GifScript, "report.js", "application/javascript", "report.gif", "image/gif"],
        [PdfHtml, "minutes.html", "text/html", "minutes.pdf", "application/pdf"],
        [PdfHtml, "notes.PDF", "application/pdf", "notes.PDF", "application/pdf"],
    ];

    [Theory]
    [MemberData(nameof(Polyglots))]
    public async Task Evidence_is_stored_and_served_under_the_detected_type(byte[] content, string uploadedAs, string claimed, string storedAs, string type)
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "EGY");
        var egy = await app.SignedInClientAsync("focal.egy@demo.local");
        var token = await TokenAsync(egy, $"/assessments/{id}/policy");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        form.Add(new StringContent("pg.1.1"), "questionKey");
        form.Add(File(content, claimed), "file", uploadedAs);
        Assert.Equal(HttpStatusCode.Redirect, (await egy.PostAsync($"/assessments/{id}/evidence", form)).StatusCode);

        var stored = await app.WithDbAsync(db => db.Set<Evidence>().Where(e => e.SubmissionId == id).OrderByDescending(e => e.Id).FirstAsync());
        Assert.Equal((storedAs, type), (stored.FileName, stored.ContentType));
        AssertServedSafely(await egy.GetAsync($"/assessments/{id}/evidence/{stored.Id}"), content, storedAs, type);

        // A row stored before names followed the type is served under a corrected name all the same.
        await app.WithDbAsync(db => db.Set<Evidence>().Where(e => e.Id == stored.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.FileName, "legacy.js")));
        AssertServedSafely(await egy.GetAsync($"/assessments/{id}/evidence/{stored.Id}"), content, "legacy" + Path.GetExtension(storedAs).ToLowerInvariant(), type);
    }

    [Theory]
    [MemberData(nameof(Polyglots))]
    public async Task Attachments_follow_the_same_rule(byte[] content, string uploadedAs, string claimed, string storedAs, string type)
    {
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var id = await BestPractices.PracticeTestKit.CreateAsync(ken, BestPractices.PracticeTestKit.Form(BestPractices.PracticeTestKit.Unique("Polyglot "), intent: "save"));
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAttachmentAsync(ken, id, content, uploadedAs, claimed)).StatusCode);

        var stored = await app.WithDbAsync(db => db.Set<BestPracticeAttachment>().Where(a => a.Version!.PracticeId == id)
            .Select(a => new { a.Id, a.FileName, a.File!.ContentType }).SingleAsync());
        Assert.Equal((storedAs, type), (stored.FileName, stored.ContentType));
        AssertServedSafely(await ken.GetAsync($"/best-practices/{id}/attachments/{stored.Id}/file"), content, storedAs, type);
    }

    [Fact]
    public async Task An_office_zip_that_lies_about_its_size_or_unpacks_a_hundredfold_is_refused_with_a_message()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "BRA");
        var bra = await app.SignedInClientAsync("focal.bra@demo.local");
        var token = await TokenAsync(bra, $"/assessments/{id}/policy");

        var honest = Docx(Encoding.UTF8.GetBytes("<w:document>" + string.Concat(Enumerable.Range(0, 2000).Select(i => $"<w:p>{i}</w:p>")) + "</w:document>"));
        // Incompressible, so only the size it declares gives it away.
        var noise = new byte[2 * 1024 * 1024];
        new Random(17).NextBytes(noise);
        var lying = WithDeclaredSize(Docx(noise), "word/document.xml", 4096);
        var bomb = Docx(new byte[64 * 1024 * 1024]);
        foreach (var (name, content) in new[] { ("lying.docx", lying), ("bomb.docx", bomb) })
        {
            // Refused evidence goes back to the question, which shows why.
            var refused = await UploadEvidenceAsync(bra, token, id, name, content);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("This document is damaged or unpacks to far more than its size",
                WebUtility.HtmlDecode(await bra.GetStringAsync(refused.Headers.Location!.OriginalString)));
        }
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Evidence>().CountAsync(e => e.SubmissionId == id)));

        Assert.Equal(HttpStatusCode.Redirect, (await UploadEvidenceAsync(bra, token, id, "honest.docx", honest)).StatusCode);
        Assert.Equal("honest.docx", await app.WithDbAsync(db => db.Set<Evidence>().Where(e => e.SubmissionId == id).Select(e => e.FileName).SingleAsync()));

        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var practice = await BestPractices.PracticeTestKit.CreateAsync(ken, BestPractices.PracticeTestKit.Form(BestPractices.PracticeTestKit.Unique("Zip "), intent: "save"));
        await UploadAttachmentAsync(ken, practice, lying, "lying.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        Assert.Contains("This document is damaged or unpacks to far more than its size", WebUtility.HtmlDecode(await ken.GetStringAsync($"/best-practices/{practice}/edit")));
        Assert.False(await app.WithDbAsync(db => db.Set<BestPracticeAttachment>().AnyAsync(a => a.Version!.PracticeId == practice)));
    }

    private static void AssertServedSafely(HttpResponseMessage download, byte[] content, string name, string type)
    {
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(type, download.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(name, download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("nosniff", Assert.Single(download.Headers.GetValues("X-Content-Type-Options")));
        Assert.StartsWith("sandbox", Assert.Single(download.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal(content, download.Content.ReadAsByteArrayAsync().Result);
    }

    private static ByteArrayContent File(byte[] content, string claimed)
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(claimed);
        return file;
    }

    private static async Task<HttpResponseMessage> UploadEvidenceAsync(HttpClient client, string token, int id, string name, byte[] content)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        form.Add(new StringContent("pg.1.1"), "questionKey");
        form.Add(File(content, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"), "file", name);
        return await client.PostAsync($"/assessments/{id}/evidence", form);
    }

    private static async Task<HttpResponseMessage> UploadAttachmentAsync(HttpClient client, int id, byte[] content, string name, string claimed)
    {
        var page = await client.GetStringAsync($"/best-practices/{id}/edit");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(HttpClientExtensions.AntiforgeryToken(page)), "__RequestVerificationToken");
        form.Add(File(content, claimed), "file", name);
        return await client.PostAsync($"/best-practices/{id}/attachments", form);
    }

    /// <summary>The parts that make a zip a Word document, with the given main part.</summary>
    private static byte[] Docx(byte[] document)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, byte[] bytes)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.Optimal).Open();
                stream.Write(bytes);
            }
            Add("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"u8.ToArray());
            Add("word/document.xml", document);
        }
        return buffer.ToArray();
    }

    /// <summary>Rewrites the uncompressed size an entry declares, in its local and central headers.</summary>
    private static byte[] WithDeclaredSize(byte[] zip, string entry, uint size)
    {
        var name = Encoding.ASCII.GetBytes(entry);
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            if (zip.AsSpan(i, 4).SequenceEqual("PK\x03\x04"u8) && zip.AsSpan(i + 30, name.Length).SequenceEqual(name))
                BitConverter.GetBytes(size).CopyTo(zip, i + 22);
            if (zip.AsSpan(i, 4).SequenceEqual("PK\x01\x02"u8) && zip.AsSpan(i + 46, name.Length).SequenceEqual(name))
                BitConverter.GetBytes(size).CopyTo(zip, i + 24);
        }
        return zip;
    }
}
