using System.Net;
using static CopAssessment.Web.Tests.BestPractices.PracticeTestKit;

namespace CopAssessment.Web.Tests.BestPractices;

[Collection(AppCollection.Name)]
public class AttachmentTests(CopAppFactory app)
{
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, int id, byte[] bytes, string name, string claimedType)
    {
        var page = await client.GetStringAsync($"/best-practices/{id}/edit");
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(HttpClientExtensions.AntiforgeryToken(page)), "__RequestVerificationToken");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(claimedType);
        content.Add(file, "file", name);
        return await client.PostAsync($"/best-practices/{id}/attachments", content);
    }

    [Fact]
    public async Task A_pdf_is_attached_with_its_hash_and_a_renamed_executable_is_refused()
    {
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var id = await CreateAsync(ken, Form(Unique("Files "), intent: "save"));
        var pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray();
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(ken, id, pdf, "report.pdf", "application/pdf")).StatusCode);
        await UploadAsync(ken, id, [0x4D, 0x5A, 0x90, 0x00, 0x03], "report.pdf", "application/pdf");
        Assert.Contains("Only PDF, Office documents and images", await ken.GetStringAsync($"/best-practices/{id}/edit"));

        var files = await app.WithDbAsync(db => db.Set<BestPracticeAttachment>().Where(a => a.Version!.PracticeId == id)
            .Select(a => new { a.FileName, a.File!.ContentType, a.File.Sha256 }).ToListAsync());
        var only = Assert.Single(files);
        Assert.Equal(("report.pdf", "application/pdf"), (only.FileName, only.ContentType));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), only.Sha256);

        // Published: the attachment becomes public with the practice.
        await PostAsync(ken, $"/best-practices/{id}/edit", $"/best-practices/{id}/edit", Form(Unique("Files "), intent: "submit"));
        await DecideAsync(await app.SignedInClientAsync("reviewer@demo.local"), id, "Publish");
        var details = await app.CreateClient().GetStringAsync($"/best-practices/{id}");
        var attachmentId = await app.WithDbAsync(db => db.Set<BestPracticeAttachment>().Where(a => a.Version!.PracticeId == id && a.Version.Status == PracticeStatus.Published).Select(a => a.Id).SingleAsync());
        Assert.Contains($"/best-practices/{id}/attachments/{attachmentId}", details);
        var download = await app.CreateClient().GetAsync($"/best-practices/{id}/attachments/{attachmentId}");
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task The_submitter_downloads_a_draft_attachment_and_nobody_else_can()
    {
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var id = await CreateAsync(ken, Form(Unique("Draft files "), intent: "save"));
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3 };
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(ken, id, png, "chart.png", "image/png")).StatusCode);
        var attachmentId = await app.WithDbAsync(db => db.Set<BestPracticeAttachment>().Where(a => a.Version!.PracticeId == id).Select(a => a.Id).SingleAsync());
        var url = $"/best-practices/{id}/attachments/{attachmentId}/file";
        Assert.Contains(url, await ken.GetStringAsync($"/best-practices/{id}/edit"));

        var own = await ken.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(png, await own.Content.ReadAsByteArrayAsync());

        var gha = await app.SignedInClientAsync("focal.gha@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await gha.GetAsync(url)).StatusCode);
        // A draft's file is not public either.
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/best-practices/{id}/attachments/{attachmentId}")).StatusCode);
    }

    [Fact]
    public async Task Adding_and_removing_are_audited_and_a_file_no_version_lists_any_more_is_deleted()
    {
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var id = await CreateAsync(ken, Form(Unique("Audited files "), intent: "save"));
        var pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray();
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 4, 5, 6 };
        await UploadAsync(ken, id, pdf, "kept.pdf", "application/pdf");
        await UploadAsync(ken, id, png, "dropped.png", "image/png");
        var subject = $"best-practice/{id}";
        async Task<List<string>> AuditAsync(string action) => await app.WithDbAsync(db =>
            db.AuditEvents.Where(e => e.Subject == subject && e.Action == action).OrderBy(e => e.Id).Select(e => e.Details ?? "").ToListAsync());
        var added = await AuditAsync("best-practice-attachment-added");
        Assert.Equal(2, added.Count);
        Assert.StartsWith("v1: kept.pdf (", added[0]);
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), added[0]);
        Assert.All(await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Subject == subject && e.Action == "best-practice-attachment-added")
            .Select(e => e.CountryIso3).ToListAsync()), c => Assert.Equal("KEN", c));

        // Removed from a draft no other version shares: the attachment row and the file row go.
        async Task<(int Id, int FileId)> AttachmentAsync(string name, PracticeStatus status) => await app.WithDbAsync(db => db.Set<BestPracticeAttachment>()
            .Where(a => a.Version!.PracticeId == id && a.Version.Status == status && a.FileName == name)
            .Select(a => new ValueTuple<int, int>(a.Id, a.FileId)).SingleAsync());
        var dropped = await AttachmentAsync("dropped.png", PracticeStatus.Draft);
        var response = await PostAsync(ken, $"/best-practices/{id}/edit", $"/best-practices/{id}/attachments/{dropped.Id}/remove", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Set<BestPracticeAttachment>().AnyAsync(a => a.Id == dropped.Id)));
        Assert.False(await app.WithDbAsync(db => db.Set<BestPracticeFile>().AnyAsync(f => f.Id == dropped.FileId)));
        Assert.Equal(["v1: dropped.png (file deleted)"], await AuditAsync("best-practice-attachment-removed"));

        // Removed after publication: the new draft loses it, the published version keeps it and so does the file.
        await PostAsync(ken, $"/best-practices/{id}/edit", $"/best-practices/{id}/edit", Form(Unique("Audited files "), intent: "submit"));
        await DecideAsync(await app.SignedInClientAsync("reviewer@demo.local"), id, "Publish");
        var kept = await AttachmentAsync("kept.pdf", PracticeStatus.Published);
        response = await PostAsync(ken, $"/best-practices/{id}/edit", $"/best-practices/{id}/attachments/{kept.Id}/remove", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var draft = await LatestAsync(app, id);
        Assert.Equal((2, PracticeStatus.Draft), (draft.Number, draft.Status));
        Assert.False(await app.WithDbAsync(db => db.Set<BestPracticeAttachment>().AnyAsync(a => a.VersionId == draft.Id)));
        Assert.True(await app.WithDbAsync(db => db.Set<BestPracticeAttachment>().AnyAsync(a => a.Id == kept.Id)));
        Assert.True(await app.WithDbAsync(db => db.Set<BestPracticeFile>().AnyAsync(f => f.Id == kept.FileId)));
        Assert.Equal(["v1: dropped.png (file deleted)", "v2: kept.pdf"], await AuditAsync("best-practice-attachment-removed"));
        var download = await app.CreateClient().GetAsync($"/best-practices/{id}/attachments/{kept.Id}");
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_file_over_the_configured_limit_is_refused()
    {
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var id = await CreateAsync(ken, Form(Unique("Big "), intent: "save"));
        // Just over the limit: the request is read and the feature names the limit beside the form.
        var big = new byte[20 * 1024 * 1024 + 1];
        "%PDF-"u8.CopyTo(big);
        await UploadAsync(ken, id, big, "big.pdf", "application/pdf");
        Assert.Contains("The file is larger than 20 MB.", await ken.GetStringAsync($"/best-practices/{id}/edit"));

        // Far over it (the action used to accept 64 MB bodies): refused before it is read, with the same words.
        var huge = new byte[30 * 1024 * 1024];
        "%PDF-"u8.CopyTo(huge);
        var refused = await UploadAsync(ken, id, huge, "huge.pdf", "application/pdf");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Contains("The file is larger than 20 MB.", await refused.Content.ReadAsStringAsync());
        Assert.False(await app.WithDbAsync(db => db.Set<BestPracticeAttachment>().AnyAsync(a => a.Version!.PracticeId == id)));
    }
}
