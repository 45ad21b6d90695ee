using System.Net;
using System.Text.RegularExpressions;
using CopAssessment.Web.Features.Assessments;
using CopAssessment.Web.Features.Reports;
using CopAssessment.Web.Infrastructure.Mail;
using Microsoft.Extensions.Options;

namespace CopAssessment.Web.Tests.Reports;

[Collection(AppCollection.Name)]
public class ReportsWebTests(CopAppFactory app)
{
    private static readonly HashSet<string> Participants = ["KEN", "GHA", "NGA", "SEN", "ZAF", "FRA", "DEU", "ITA", "BRA", "ARG", "EGY"];

    private Task<int> CycleAsync(PublicationPolicy policy = PublicationPolicy.Named) => CycleSeed.CreateAsync(app, policy, Participants.Contains);

    [Fact]
    public async Task Focal_point_sees_own_scorecard_page_and_404_for_another_country()
    {
        var cycle = await CycleAsync();
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var page = await ken.GetAsync($"/reports/cycles/{cycle}/countries/KEN");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Kenya", html);
        Assert.Contains(ScoreDisplay.Format(CycleSeed.Expected("KEN").Overall), html);
        Assert.Equal(HttpStatusCode.NotFound, (await ken.GetAsync($"/reports/cycles/{cycle}/countries/GHA")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ken.GetAsync($"/reports/cycles/{cycle}/countries/GHA/excel")).StatusCode);

        var excel = await ken.GetAsync($"/reports/cycles/{cycle}/countries/KEN/excel?lang=fr");
        Assert.Equal(HttpStatusCode.OK, excel.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", excel.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Evidence_added_to_a_submission_is_in_the_scorecard_page_and_its_excel()
    {
        var cycle = await CycleAsync();
        var (submission, file) = await app.WithDbAsync(async db =>
        {
            var id = await db.Set<Submission>().Where(s => s.CycleId == cycle && s.CountryIso3 == "KEN").Select(s => s.Id).SingleAsync();
            var link = new Evidence { SubmissionId = id, QuestionKey = "pg.1.1", Url = "https://example.org/ken/strategy", AddedBy = "seed" };
            db.Add(link);
            await db.SaveChangesAsync();
            var upload = new Evidence
            {
                SubmissionId = id, QuestionKey = "pg.1.1", FileName = "ken-policy.pdf", ContentType = "application/pdf", Size = 3,
                AddedBy = "seed", File = new EvidenceFile { Content = [1, 2, 3] },
            };
            db.Add(upload);
            await db.SaveChangesAsync();
            return (id, upload.Id);
        });
        var baseUrl = app.Services.GetRequiredService<IOptions<MailOptions>>().Value.PublicBaseUrl.TrimEnd('/');
        var download = $"{baseUrl}/assessments/{submission}/evidence/{file}";
        Assert.StartsWith("http", download);

        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var html = await ken.GetStringAsync($"/reports/cycles/{cycle}/countries/KEN");
        Assert.Contains("href=\"https://example.org/ken/strategy\"", html);
        Assert.Contains($"href=\"{download}\">ken-policy.pdf</a>", html);

        using var workbook = ExcelReportTests.Open(await ken.GetByteArrayAsync($"/reports/cycles/{cycle}/countries/KEN/excel"));
        var answers = ExcelReportTests.Read(workbook, "Answers");
        // The file name is isolated (FSI…PDI) so that a right-to-left name cannot reorder the address after it.
        Assert.Equal($"https://example.org/ken/strategy\n\u2068ken-policy.pdf\u2069 — {download}", answers.Text(answers.RowOf(0, "pg.1.1"), 5));

        // Ghana's scorecard does not carry Kenya's evidence.
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        Assert.DoesNotContain("ken-policy.pdf", await reviewer.GetStringAsync($"/reports/cycles/{cycle}/countries/GHA"));
    }

    [Fact]
    public async Task Country_pdf_streams_directly()
    {
        var cycle = await CycleAsync();
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var pdf = await ken.GetAsync($"/reports/cycles/{cycle}/countries/KEN/pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString(await pdf.Content.ReadAsByteArrayAsync())[..4]);
    }

    [Fact]
    public async Task Regional_export_runs_in_the_background_and_only_the_region_may_download_it()
    {
        var cycle = await CycleAsync();
        var coordinator = await app.SignedInClientAsync("coordinator.afr@demo.local");
        var response = await coordinator.PostFormAsync("/reports", "/reports/exports", new Dictionary<string, string>
        {
            ["Kind"] = "Regional", ["CycleId"] = cycle.ToString(), ["RegionCode"] = "AFR", ["Format"] = "Excel", ["Language"] = "en",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        var id = Guid.Parse(location.Split('/').Last());
        Assert.Contains("Refresh", await coordinator.GetStringAsync(location));

        await RunAsync(id);
        var status = JsonDocument.Parse(await coordinator.GetStringAsync($"/reports/exports/{id}/status")).RootElement;
        Assert.Equal("done", status.GetProperty("status").GetString());
        var file = await coordinator.GetAsync($"/reports/exports/{id}/download");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        using var workbook = ExcelReportTests.Open(await file.Content.ReadAsByteArrayAsync());
        var heat = ExcelReportTests.Read(workbook, "Heat map");
        var kenya = heat.RowOf(0, "KEN");
        Assert.Equal(CycleSeed.Expected("KEN").Overall!.Value, heat.Number(kenya, 4)!.Value, 9);
        Assert.DoesNotContain(heat.Rows, r => heat.Text(r, 0) == "FRA");

        // Europe's focal point, Kenya's focal point and an anonymous caller cannot reach it.
        var fra = await app.SignedInClientAsync("focal.fra@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await fra.GetAsync($"/reports/exports/{id}/download")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await fra.GetAsync($"/reports/exports/{id}")).StatusCode);
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await ken.GetAsync($"/reports/exports/{id}/download")).StatusCode);
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync($"/reports/exports/{id}/download")).StatusCode);
    }

    [Fact]
    public async Task Coordinator_cannot_request_another_regions_or_the_global_report()
    {
        var cycle = await CycleAsync();
        var coordinator = await app.SignedInClientAsync("coordinator.afr@demo.local");
        foreach (var (kind, region) in new[] { ("Regional", "EUR"), ("Global", "") })
        {
            var response = await coordinator.PostFormAsync("/reports", "/reports/exports", new Dictionary<string, string>
            {
                ["Kind"] = kind, ["CycleId"] = cycle.ToString(), ["RegionCode"] = region, ["Format"] = "Pdf", ["Language"] = "en",
            });
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("ru", "Кения")]
    [InlineData("zh-Hans", "肯尼亚")]
    [InlineData("es", "Kenia")]
    public async Task Reports_page_names_and_sorts_the_countries_and_titles_exports_in_the_readers_language(string culture, string kenya)
    {
        var cycle = await CycleAsync();
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var html = await reviewer.GetStringAsync($"/reports?culture={culture}&ui-culture={culture}");
        var select = Regex.Match(html, @"<select[^>]*name=""CountryIso3""[^>]*>(.*?)</select>", RegexOptions.Singleline).Groups[1].Value;
        var options = Regex.Matches(select, @"<option value=""([A-Z]{3})""[^>]*>([^<]+)</option>")
            .Select(m => (Iso3: m.Groups[1].Value, Name: System.Net.WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
        Assert.Equal(193, options.Count);
        Assert.Equal(kenya, options.Single(o => o.Iso3 == "KEN").Name);
        var collation = StringComparer.Create(CultureInfo.GetCultureInfo(culture), CompareOptions.IgnoreCase);
        Assert.Equal(options.Select(o => o.Name).Order(collation), options.Select(o => o.Name));
        // The regions too: translated, in the reader's order.
        var regions = Regex.Matches(Regex.Match(html, @"<select[^>]*name=""RegionCode""[^>]*>(.*?)</select>", RegexOptions.Singleline).Groups[1].Value,
            @"<option value=""[A-Z]{3}""[^>]*>([^<]+)</option>").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(6, regions.Count);
        Assert.DoesNotContain("Africa", regions);
        Assert.Equal(regions.Order(collation), regions);

        var response = await reviewer.PostFormAsync("/reports", "/reports/exports", new Dictionary<string, string>
        {
            ["Kind"] = "Country", ["CycleId"] = cycle.ToString(), ["RegionCode"] = "", ["CountryIso3"] = "KEN", ["Format"] = "Excel", ["Language"] = culture,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var export = await reviewer.GetStringAsync(response.Headers.Location!.OriginalString + $"?culture={culture}&ui-culture={culture}");
        Assert.Contains(kenya, export);
        Assert.DoesNotContain("Kenya", export);
    }

    [Fact]
    public async Task Regional_export_of_an_unknown_region_is_refused_beside_the_region_field()
    {
        var cycle = await CycleAsync();
        var fields = new Dictionary<string, string>
        {
            ["Kind"] = "Regional", ["CycleId"] = cycle.ToString(), ["RegionCode"] = "ZZZ", ["Format"] = "Pdf", ["Language"] = "en",
        };
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var response = await reviewer.PostFormAsync("/reports", "/reports/exports", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Matches(@"data-valmsg-for=""RegionCode""[^>]*>Choose a region from the list\.<", html);
        var french = await reviewer.PostFormAsync("/reports", "/reports/exports?culture=fr&ui-culture=fr", fields);
        Assert.Contains("Choisissez une région dans la liste.", await french.Content.ReadAsStringAsync());
        Assert.False(await app.WithDbAsync(db => db.Set<ReportExport>().AnyAsync(e => e.RegionCode == "ZZZ")));

        // Outside the caller's scope it is still not found.
        var coordinator = await app.SignedInClientAsync("coordinator.afr@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.PostFormAsync("/reports", "/reports/exports", fields)).StatusCode);
    }

    [Fact]
    public async Task Failed_export_shows_the_reason_and_can_be_retried()
    {
        var cycle = await CycleAsync();
        var id = await app.WithDbAsync(async db =>
        {
            var export = new ReportExport
            {
                Kind = ReportKind.Regional, CycleId = cycle, RegionCode = "AFR", Format = ReportFormat.Excel, Language = "en",
                RequestedBy = "reviewer@demo.local", Status = ExportStatus.Failed, Error = "Chromium not found at /nowhere.",
            };
            db.Add(export);
            await db.SaveChangesAsync();
            return export.Id;
        });
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var page = await reviewer.GetStringAsync($"/reports/exports/{id}");
        Assert.Contains("Chromium not found at /nowhere.", page);
        var retry = await reviewer.PostFormAsync($"/reports/exports/{id}", $"/reports/exports/{id}/retry", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        await RunAsync(id);
        Assert.Equal(ExportStatus.Done, await app.WithDbAsync(db => db.Set<ReportExport>().Where(e => e.Id == id).Select(e => e.Status).SingleAsync()));
    }

    [Fact]
    public async Task Retention_clean_up_removes_expired_exports()
    {
        var cycle = await CycleAsync();
        var (expired, fresh) = await app.WithDbAsync(async db =>
        {
            ReportExport Make(DateTimeOffset expires) => new()
            {
                Kind = ReportKind.Global, CycleId = cycle, Format = ReportFormat.Pdf, Language = "en", RequestedBy = "t",
                Status = ExportStatus.Done, Result = [1, 2, 3], ExpiresAt = expires,
            };
            var a = Make(DateTimeOffset.UtcNow.AddDays(-1));
            var b = Make(DateTimeOffset.UtcNow.AddDays(6));
            db.AddRange(a, b);
            await db.SaveChangesAsync();
            return (a.Id, b.Id);
        });
        await app.WithScopeAsync(sp => sp.GetRequiredService<ReportExports>().DeleteExpiredAsync());
        var left = await app.WithDbAsync(db => db.Set<ReportExport>().Where(e => e.Id == expired || e.Id == fresh).Select(e => e.Id).ToListAsync());
        Assert.Equal([fresh], left);
    }

    [Fact]
    public async Task Answers_typed_in_a_draft_or_an_unvalidated_submission_never_reach_the_regional_or_global_report()
    {
        var cycle = await CycleAsync();
        // Kenya never submitted, Ghana is waiting for review, Nigeria was returned: what they typed is not published.
        var typed = new Dictionary<string, (SubmissionStatus Status, string Text)>
        {
            ["KEN"] = (SubmissionStatus.Draft, "Draft text " + Guid.NewGuid().ToString("N")),
            ["GHA"] = (SubmissionStatus.Submitted, "Submitted text " + Guid.NewGuid().ToString("N")),
            ["NGA"] = (SubmissionStatus.Returned, "Returned text " + Guid.NewGuid().ToString("N")),
        };
        await app.WithDbAsync(async db =>
        {
            foreach (var (iso3, (status, text)) in typed)
            {
                var submission = await db.Set<Submission>().SingleAsync(s => s.CycleId == cycle && s.CountryIso3 == iso3);
                submission.Status = status;
                submission.ValidatedAt = null;
                submission.ScoreSnapshot = null;
                await db.Set<Answer>().Where(a => a.SubmissionId == submission.Id && a.QuestionKey == "ctx.1").ExecuteDeleteAsync();
                db.Add(new Answer { SubmissionId = submission.Id, QuestionKey = "ctx.1", Value = AnswerJson.Serialize(Domain.Answers.AnswerValue.Text(text)), UpdatedBy = "seed" });
                db.Add(new Evidence { SubmissionId = submission.Id, QuestionKey = "pg.1.1", Url = $"https://example.org/{text.Replace(' ', '-')}", AddedBy = "seed" });
            }
            await db.SaveChangesAsync();
            return 0;
        });
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");

        foreach (var (kind, region) in new[] { ("Regional", "AFR"), ("Global", "") })
        {
            using var workbook = ExcelReportTests.Open(await ExportAsync(reviewer, cycle, kind, region, "Excel"));
            var texts = ExcelReportTests.SheetNames(workbook).SelectMany(n => ExcelReportTests.Read(workbook, n).AllTexts()).ToList();
            foreach (var (_, text) in typed.Values)
            {
                Assert.DoesNotContain(texts, t => t.Contains(text) || t.Contains(text.Replace(' ', '-')));
            }
            // Validated countries' answers are there, and only theirs have rows.
            var answers = ExcelReportTests.Read(workbook, "Answers");
            var zaf = answers.RowOf(0, "ZAF");
            Assert.Equal($"Answer ctx.4 of country {ReportTestData.Seed("ZAF")}", answers.Text(zaf, answers.ColumnOf(1, "ctx.4")));
            Assert.DoesNotContain(answers.Rows, r => answers.Text(r, 0) is "KEN" or "GHA" or "NGA");

            var pdf = await ExportAsync(reviewer, cycle, kind, region, "Pdf");
            var path = Path.Combine(ReportTestData.ArtifactsDirectory(), $"drafts-{kind.ToLowerInvariant()}.pdf");
            await File.WriteAllBytesAsync(path, pdf);
            var printed = PdfReportTests.Normalise(PdfReportTests.Run("pdftotext", path, "-"));
            foreach (var (_, text) in typed.Values) Assert.DoesNotContain(text, printed);
        }

        // The country's own scorecard still shows its draft to the people who may see it.
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        Assert.Contains(typed["KEN"].Text, await ken.GetStringAsync($"/reports/cycles/{cycle}/countries/KEN"));
    }

    private Task<byte[]> ExportAsync(HttpClient client, int cycle, string kind, string region, string format) =>
        ExportAsync(app, client, cycle, kind, region, format);

    /// <summary>Requests an export through the reports page, runs it as the background job would, and downloads it.</summary>
    internal static async Task<byte[]> ExportAsync(CopAppFactory app, HttpClient client, int cycle, string kind, string region, string format, string language = "en")
    {
        var response = await client.PostFormAsync("/reports", "/reports/exports", new Dictionary<string, string>
        {
            ["Kind"] = kind, ["CycleId"] = cycle.ToString(), ["RegionCode"] = region, ["Format"] = format, ["Language"] = language,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = Guid.Parse(response.Headers.Location!.OriginalString.Split('/').Last());
        await app.WithScopeAsync(sp => sp.GetRequiredService<ReportExports>().RunAsync(id));
        var file = await client.GetAsync($"/reports/exports/{id}/download");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        return await file.Content.ReadAsByteArrayAsync();
    }

    private Task RunAsync(Guid id) => app.WithScopeAsync(sp => sp.GetRequiredService<ReportExports>().RunAsync(id));
}
