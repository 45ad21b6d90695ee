using System.Net;
using static CopAssessment.Web.Tests.BestPractices.PracticeTestKit;

namespace CopAssessment.Web.Tests.Platform;

/// <summary>
/// Links and forms written with tag helpers render the addresses the pages had when they were typed by hand, and
/// every form that posts carries exactly one antiforgery token — for the pages that need data to show their
/// forms (a pending invitation, an attachment, an export), which a plain visit of the demo pages does not reach.
/// </summary>
[Collection(AppCollection.Name)]
public partial class PageLinksTests(CopAppFactory app)
{
    [GeneratedRegex("<form\\b([^>]*)>(.*?)</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    /// <summary>The forms of a page that post: their action and how many antiforgery tokens they carry.</summary>
    private static List<(string Action, int Tokens)> PostForms(string html) =>
        FormPattern().Matches(html).Where(m => m.Groups[1].Value.Contains("method=\"post\""))
            .Select(m => (WebUtility.HtmlDecode(Regex.Match(m.Groups[1].Value, "action=\"([^\"]*)\"").Groups[1].Value),
                Regex.Count(m.Groups[2].Value, "name=\"__RequestVerificationToken\"")))
            .ToList();

    private static void HasForm(string html, string action)
    {
        var forms = PostForms(html);
        Assert.Contains((action, 1), forms);
        Assert.All(forms, f => Assert.Equal(1, f.Tokens));
    }

    [Fact]
    public async Task Invitation_pages_post_to_their_addresses_with_one_token()
    {
        var email = Unique("links.") + "@test.local";
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var invited = await admin.PostFormAsync("/admin/invitations/new", "/admin/invitations/new",
            new Dictionary<string, string> { ["Email"] = email, ["Role"] = Roles.Contributor, ["Organisation"] = "Links test" });
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var id = await app.WithDbAsync(db => db.Invitations.Where(i => i.Email == email).Select(i => i.Id).SingleAsync());

        var list = await admin.GetStringAsync("/admin/invitations");
        HasForm(list, $"/admin/invitations/{id}/revoke");
        Assert.Contains("href=\"/admin/invitations/new\"", list);

        var body = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.To == email).Select(m => m.Body).SingleAsync());
        var link = new Uri(body.Split('\n').Single(l => l.Contains("/account/accept-invitation")).Trim()).PathAndQuery;
        HasForm(await app.CreateBrowserClient().GetStringAsync(link), "/account/accept-invitation");
    }

    [Fact]
    public async Task Attachment_links_and_forms_keep_their_addresses()
    {
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var id = await CreateAsync(ken, Form(Unique("Links "), intent: "save"));
        var page = await ken.GetStringAsync($"/best-practices/{id}/edit");
        HasForm(page, $"/best-practices/{id}/edit");
        HasForm(page, $"/best-practices/{id}/attachments");
        using (var content = new MultipartFormDataContent())
        {
            content.Add(new StringContent(HttpClientExtensions.AntiforgeryToken(page)), "__RequestVerificationToken");
            var file = new ByteArrayContent("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray());
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
            content.Add(file, "file", "links.pdf");
            Assert.Equal(HttpStatusCode.Redirect, (await ken.PostAsync($"/best-practices/{id}/attachments", content)).StatusCode);
        }
        var attachment = await app.WithDbAsync(db => db.Set<BestPracticeAttachment>().Where(a => a.Version!.PracticeId == id).Select(a => a.Id).SingleAsync());
        page = await ken.GetStringAsync($"/best-practices/{id}/edit");
        Assert.Contains($"href=\"/best-practices/{id}/attachments/{attachment}/file\"", page);
        HasForm(page, $"/best-practices/{id}/attachments/{attachment}/remove");

        await PostAsync(ken, $"/best-practices/{id}/edit", $"/best-practices/{id}/edit", Form(Unique("Links "), intent: "submit"));
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var review = await reviewer.GetStringAsync($"/best-practices/moderation/{id}");
        Assert.Contains($"href=\"/best-practices/moderation/attachments/{attachment}\"", review);
        HasForm(review, $"/best-practices/moderation/{id}/decide");
    }

    [Fact]
    public async Task Export_page_links_and_retry_form_keep_their_addresses()
    {
        var cycle = await app.WithDbAsync(db => db.Set<AssessmentCycle>().OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        var (failed, done) = await app.WithDbAsync(async db =>
        {
            ReportExport Export(ExportStatus status) => new()
            {
                Kind = ReportKind.Regional, CycleId = cycle, RegionCode = "AFR", Format = ReportFormat.Excel, Language = "en",
                RequestedBy = "reviewer@demo.local", Status = status, FileName = "links.xlsx", Error = status == ExportStatus.Failed ? "Links test." : null,
            };
            var (a, b) = (Export(ExportStatus.Failed), Export(ExportStatus.Done));
            db.AddRange(a, b);
            await db.SaveChangesAsync();
            return (a.Id, b.Id);
        });
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        HasForm(await reviewer.GetStringAsync($"/reports/exports/{failed}"), $"/reports/exports/{failed}/retry");
        var page = await reviewer.GetStringAsync($"/reports/exports/{done}");
        Assert.Contains($"href=\"/reports/exports/{done}/download\"", page);
        Assert.Contains("href=\"/reports\"", page);
        var reports = await reviewer.GetStringAsync("/reports");
        Assert.Contains($"href=\"/reports/exports/{failed}\"", reports);
        HasForm(reports, "/reports/exports");
    }
}
