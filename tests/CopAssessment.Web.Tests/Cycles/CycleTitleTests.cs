using System.Net;
using CopAssessment.Web.Features.Cycles;
using CopAssessment.Web.Features.Review;
using CopAssessment.Web.Tests.Reports;
using static CopAssessment.Web.Tests.Assessments.AssessmentTestKit;

namespace CopAssessment.Web.Tests.Cycles;

/// <summary>A cycle's title per language: the reader's where given, the first title (the name) elsewhere.</summary>
[Collection(AppCollection.Name)]
public class CycleTitleTests(CopAppFactory app)
{
    private const string Isolate = "\u2068", Pop = "\u2069";

    /// <summary>The six languages' fields as the form sends them: every one, empty where not given.</summary>
    private static Dictionary<string, string> TitleFields(string name, uint version, string french, string chinese) => new()
    {
        ["Name"] = name, ["Version"] = version.ToString(CultureInfo.InvariantCulture),
        ["Titles[en]"] = "", ["Titles[fr]"] = french, ["Titles[ar]"] = "", ["Titles[es]"] = "", ["Titles[ru]"] = "", ["Titles[zh-Hans]"] = chinese,
    };

    private Task<(string Name, uint Version)> CycleAsync(int id) =>
        app.WithDbAsync(async db => await db.Set<AssessmentCycle>().Where(c => c.Id == id).Select(c => new ValueTuple<string, uint>(c.Name, c.Version)).SingleAsync());

    private Task<Dictionary<string, string>> TitlesAsync(int id) =>
        app.WithDbAsync(db => db.Set<CycleTitle>().Where(t => t.CycleId == id).ToDictionaryAsync(t => t.Language, t => t.Title));

    private async Task<(string Name, string French, string Chinese)> TitleAsync(HttpClient admin, int cycleId)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (name, version) = await CycleAsync(cycleId);
        var (french, chinese) = ($"Bilan 2026 {tag}", $"2026年盘点 {tag}");
        var saved = await admin.PostFormAsync($"/admin/cycles/{cycleId}/edit", $"/admin/cycles/{cycleId}/edit", TitleFields(name, version, french, chinese));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        return (name, french, chinese);
    }

    [Fact]
    public async Task Pages_reports_and_the_api_show_the_readers_title_and_the_first_for_other_languages()
    {
        var cycle = await CycleSeed.CreateAsync(app, PublicationPolicy.Named, iso3 => iso3 is "KEN" or "GHA" or "DEU");
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var (name, french, chinese) = await TitleAsync(admin, cycle);
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var kenya = await SubmissionIdAsync(app, cycle, "KEN");

        foreach (var page in new[] { $"/reports/cycles/{cycle}/countries/KEN", $"/review/{kenya}", $"/assessments/{kenya}", $"/review?Cycle={cycle}&Status=Validated", "/reports" })
        {
            Assert.Contains(french, await reviewer.GetStringAsync(page + (page.Contains('?') ? "&" : "?") + "culture=fr&ui-culture=fr"));
            var inChinese = await reviewer.GetStringAsync(page + (page.Contains('?') ? "&" : "?") + "culture=zh-Hans&ui-culture=zh-Hans");
            Assert.Contains(chinese, inChinese);
            Assert.DoesNotContain(name, inChinese);
            var inRussian = await reviewer.GetStringAsync(page + (page.Contains('?') ? "&" : "?") + "culture=ru&ui-culture=ru");
            Assert.Contains(name, inRussian);
            Assert.DoesNotContain(french, inRussian);
        }
        Assert.Contains(french, await admin.GetStringAsync("/admin/cycles?culture=fr&ui-culture=fr"));

        // Workbooks: the report's language picks the title; an Arabic workbook isolates the Latin one.
        string CycleCell(byte[] workbook)
        {
            using var document = ExcelReportTests.Open(workbook);
            return ExcelReportTests.Read(document, ExcelReportTests.SheetNames(document)[0]).Text(2, 1)!;
        }
        Assert.Equal(chinese, CycleCell(await reviewer.GetByteArrayAsync($"/reports/cycles/{cycle}/countries/KEN/excel?lang=zh-Hans")));
        Assert.Equal(french, CycleCell(await reviewer.GetByteArrayAsync($"/reports/cycles/{cycle}/countries/KEN/excel?lang=fr")));
        Assert.Equal(name, CycleCell(await reviewer.GetByteArrayAsync($"/reports/cycles/{cycle}/countries/KEN/excel?lang=es")));
        Assert.Equal(Isolate + name + Pop, CycleCell(await reviewer.GetByteArrayAsync($"/reports/cycles/{cycle}/countries/KEN/excel?lang=ar")));

        // The PDF, read back as text; its file name keeps the first title, whatever the language.
        var pdf = await reviewer.GetAsync($"/reports/cycles/{cycle}/countries/KEN/pdf?lang=zh-Hans");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.StartsWith($"cop-{name.ToLowerInvariant().Replace(' ', '-')}-", pdf.Content.Headers.ContentDisposition!.FileNameStar ?? pdf.Content.Headers.ContentDisposition.FileName);
        var path = Path.Combine(ReportTestData.ArtifactsDirectory(), $"cycle-title-zh-{cycle}.pdf");
        await File.WriteAllBytesAsync(path, await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains(chinese, Regex.Replace(PdfReportTests.Normalise(PdfReportTests.Run("pdftotext", path, "-")), @"\s+", " "));

        // The API keeps the first title as the name and lists the titles given.
        var cycles = JsonDocument.Parse(await reviewer.GetStringAsync("/api/v1/cycles")).RootElement.EnumerateArray().Single(c => c.GetProperty("id").GetInt32() == cycle);
        Assert.Equal(name, cycles.GetProperty("name").GetString());
        Assert.Equal(french, cycles.GetProperty("titles").GetProperty("fr").GetString());
        Assert.Equal(chinese, cycles.GetProperty("titles").GetProperty("zh-Hans").GetString());
        Assert.False(cycles.GetProperty("titles").TryGetProperty("es", out _));
    }

    [Fact]
    public async Task Assessment_list_dashboard_and_arabic_pages_isolate_the_title()
    {
        var cycle = await OpenCycleAsync(app);
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var (name, french, chinese) = await TitleAsync(admin, cycle);
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        Assert.Contains(french, await ken.GetStringAsync("/assessments?culture=fr&ui-culture=fr"));
        Assert.Contains(chinese, await ken.GetStringAsync("/?culture=zh-Hans&ui-culture=zh-Hans"));
        var arabic = await ken.GetStringAsync("/?culture=ar&ui-culture=ar");
        // The dashboard card's title is plain text: the cycle's title sits between FSI and PDI.
        Assert.Contains(Isolate + name + Pop, arabic);
        var overview = await ken.GetStringAsync($"/assessments/{await SubmissionIdAsync(app, cycle, "KEN")}?culture=ar&ui-culture=ar");
        Assert.Contains($"dir=\"auto\">{name}</small>", overview);
    }

    [Fact]
    public async Task Reminders_and_decision_mail_carry_the_title_in_the_recipients_language()
    {
        await app.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<ApplicationUser>>();
            foreach (var (email, culture) in new[] { ("titre.tun@test.local", "fr"), ("biaoti.tun@test.local", "zh-Hans"), ("titulo.tun@test.local", "es") })
            {
                if (await users.FindByEmailAsync(email) is not null) continue;
                var user = new ApplicationUser { UserName = email, Email = email, DisplayName = email, CountryIso3 = "TUN", PreferredCulture = culture };
                Assert.True((await users.CreateAsync(user, "Some-Password-123")).Succeeded);
                await users.AddToRoleAsync(user, Roles.FocalPoint);
            }
        });
        var cycle = await OpenCycleAsync(app, deadlineInDays: 6);
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var (name, french, chinese) = await TitleAsync(admin, cycle);
        await app.WithScopeAsync(services => services.GetRequiredService<DeadlineReminders>().SendDueAsync(DateTimeOffset.UtcNow));
        var mail = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.DeduplicationKey!.StartsWith($"reminder:{cycle}:TUN:"))
            .ToDictionaryAsync(m => m.To, m => (m.Subject, m.Body)));
        Assert.Contains(Isolate + french + Pop, mail["titre.tun@test.local"].Subject);
        Assert.Contains(Isolate + french + Pop, mail["titre.tun@test.local"].Body);
        Assert.Contains(Isolate + chinese + Pop, mail["biaoti.tun@test.local"].Subject);
        Assert.Contains(Isolate + name + Pop, mail["titulo.tun@test.local"].Subject);

        // A reopened assessment: the focal points of the country hear of it, each in their language.
        var tunisia = await SubmissionIdAsync(app, cycle, "TUN");
        await app.WithDbAsync(db => db.Set<Submission>().Where(s => s.Id == tunisia)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SubmissionStatus.Validated).SetProperty(x => x.ValidatedAt, DateTimeOffset.UtcNow)));
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var reopened = await admin.PostFormAsync($"/review/{tunisia}", $"/review/{tunisia}/reopen", new Dictionary<string, string> { ["reason"] = "A correction" });
        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        var decisions = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.CreatedAt >= since && m.DeduplicationKey == null && m.To.EndsWith(".tun@test.local"))
            .ToDictionaryAsync(m => m.To, m => m.Subject));
        Assert.Contains(Isolate + french + Pop, decisions["titre.tun@test.local"]);
        Assert.Contains(Isolate + chinese + Pop, decisions["biaoti.tun@test.local"]);
        Assert.Contains(Isolate + name + Pop, decisions["titulo.tun@test.local"]);
    }

    [Fact]
    public async Task Administrator_creates_and_edits_titles_audited_and_an_empty_language_falls_back()
    {
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var tag = Guid.NewGuid().ToString("N")[..6];
        var version = await app.WithDbAsync(db => db.QuestionnaireVersions.OrderByDescending(v => v.Number).Select(v => v.Id).FirstAsync());
        var fields = new Dictionary<string, string>
        {
            ["Name"] = $"2027 stocktaking {tag}", ["Titles[en]"] = "", ["Titles[fr]"] = $"Bilan 2027 {tag}", ["Titles[ar]"] = "", ["Titles[es]"] = "  ",
            ["Titles[ru]"] = "", ["Titles[zh-Hans]"] = "", ["QuestionnaireVersionId"] = version.ToString(CultureInfo.InvariantCulture),
            ["OpensOn"] = "2027-01-10", ["Deadline"] = "2027-03-31", ["PublicationPolicy"] = "Anonymised",
        };
        var created = await admin.PostFormAsync("/admin/cycles/new", "/admin/cycles/new", fields);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var id = await app.WithDbAsync(db => db.Set<AssessmentCycle>().Where(c => c.Name == $"2027 stocktaking {tag}").Select(c => c.Id).SingleAsync());
        Assert.Equal(new Dictionary<string, string> { ["fr"] = $"Bilan 2027 {tag}" }, await TitlesAsync(id));

        var form = await admin.GetStringAsync($"/admin/cycles/{id}/edit");
        Assert.Contains($"name=\"Titles[fr]\" value=\"Bilan 2027 {tag}\"", form);
        Assert.Matches(@"name=""Titles\[zh-Hans\]"" lang=", form);

        // French emptied, Chinese given: the French reader now reads the first title.
        var (name, rowVersion) = await CycleAsync(id);
        var saved = await admin.PostFormAsync($"/admin/cycles/{id}/edit", $"/admin/cycles/{id}/edit", TitleFields(name, rowVersion, "", $"2027年盘点 {tag}"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(new Dictionary<string, string> { ["zh-Hans"] = $"2027年盘点 {tag}" }, await TitlesAsync(id));
        var audit = await app.WithDbAsync(db => db.AuditEvents.Where(a => a.Action == "cycle-titles-changed" && a.Subject == name).Select(a => a.Details).SingleAsync());
        Assert.Equal($"fr: Bilan 2027 {tag} → —; zh-Hans: — → 2027年盘点 {tag}", audit);
        Assert.Contains("Titres du cycle modifiés", await admin.GetStringAsync("/admin/audit?culture=fr&ui-culture=fr"));
    }

    [Fact]
    public async Task Bad_titles_are_refused_beside_their_field_and_change_nothing()
    {
        var cycle = await OpenCycleAsync(app);
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var (name, version) = await CycleAsync(cycle);
        var edit = $"/admin/cycles/{cycle}/edit";

        var tooLong = await admin.PostFormAsync(edit, edit + "?culture=fr&ui-culture=fr", TitleFields(name, version, new string('b', TextLimits.CycleName + 1), ""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooLong.StatusCode);
        var html = await tooLong.Content.ReadAsStringAsync();
        Assert.Contains($"<span id=\"title-fr-error\" class=\"text-danger\" role=\"alert\">Utilisez au plus {TextLimits.CycleName} caractères.</span>", html);
        Assert.Contains("aria-describedby=\"titles-hint title-fr-error\"", html);

        var noName = await admin.PostFormAsync(edit, edit, TitleFields("", version, "Bilan", ""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noName.StatusCode);
        Assert.Contains("<span id=\"Name-error\" class=\"text-danger\" role=\"alert\">Enter a name.</span>", await noName.Content.ReadAsStringAsync());

        var unknown = await admin.PostFormAsync(edit, edit, new Dictionary<string, string>(TitleFields(name, version, "Bilan", "")) { ["Titles[de]"] = "Bestandsaufnahme" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("Titles can be given only in the languages of the form.", await unknown.Content.ReadAsStringAsync());

        var taken = await app.WithDbAsync(db => db.Set<AssessmentCycle>().Where(c => c.Id != cycle).Select(c => c.Name).FirstAsync());
        var duplicate = await admin.PostFormAsync(edit, edit, TitleFields(taken, version, "", ""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicate.StatusCode);
        Assert.Contains("A cycle with this name exists already.", await duplicate.Content.ReadAsStringAsync());

        // A form read before another administrator's change: refused, that change stays.
        var stale = await admin.PostFormAsync(edit, edit, TitleFields(name, version + 1000, "Bilan", ""));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stale.StatusCode);
        Assert.Contains("The cycle changed at the same time. Reload the page and try again.", await stale.Content.ReadAsStringAsync());

        Assert.Empty(await TitlesAsync(cycle));
        Assert.Equal((name, version), await CycleAsync(cycle));
        Assert.False(await app.WithDbAsync(db => db.AuditEvents.AnyAsync(a => a.Action == "cycle-titles-changed" && a.Subject == name)));

        // The new-cycle form refuses the same way, and creates nothing.
        var created = await admin.PostFormAsync("/admin/cycles/new", "/admin/cycles/new", new Dictionary<string, string>
        {
            ["Name"] = "", ["Titles[fr]"] = new string('b', TextLimits.CycleName + 1), ["OpensOn"] = "2027-01-10", ["Deadline"] = "2027-03-31",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, created.StatusCode);
        var refused = await created.Content.ReadAsStringAsync();
        Assert.Contains("id=\"Name-error\"", refused);
        Assert.Contains("id=\"title-fr-error\"", refused);
    }
}
