using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CopAssessment.Domain.Questionnaires;
using CopAssessment.Web.Features.Questionnaires;
using CopAssessment.Web.Features.Reports;
using CopAssessment.Web.Reporting.Excel;
using CopAssessment.Web.Reporting.Pdf;

namespace CopAssessment.Web.Tests.Reports;

/// <summary>
/// Trends: a scorecard, a regional or global report and the history API against earlier cycles. Each test has a
/// questionnaire of its own (a copy of the MNR sample under a new key), so the earlier cycles are its own; the
/// expected figures are computed here from the snapshot JSON stored on the submissions, not by the trend code.
/// </summary>
[Collection(AppCollection.Name)]
public partial class TrendTests(CopAppFactory app)
{
    private static readonly string[] Participants = ["KEN", "GHA", "NGA", "SEN", "ZAF", "FRA", "DEU", "ITA", "BRA", "ARG", "EGY"];

    [Fact]
    public async Task Scorecard_page_and_workbook_show_the_change_recomputed_from_the_stored_snapshots()
    {
        var version = await ImportAsync(Mnr(NewKey()));
        var earlier = await CycleAsync(version, 2030, PublicationPolicy.Named, CycleStatus.Published, Participants, seed: 1);
        var current = await CycleAsync(version, 2031, PublicationPolicy.Named, CycleStatus.Closed, Participants, seed: 2);
        var definition = await DefinitionAsync(version);
        var (before, now) = (Snapshot(await SnapshotAsync(earlier, "KEN")), Snapshot(await SnapshotAsync(current, "KEN")));

        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var html = await ken.GetStringAsync($"/reports/cycles/{current}/countries/KEN");
        Assert.Contains(await CycleNameAsync(earlier), WebUtility.HtmlDecode(TrendTable(html)));
        var changed = 0;
        var moved = 0;
        foreach (var (key, previous, score) in before.Keys.Where(now.ContainsKey).Select(k => (k, before[k], now[k])))
        {
            var row = Row(html, key);
            Assert.Equal(ScoreDisplay.Format(previous.Score), Cell(row, "previous"));
            Assert.Equal(ScoreDisplay.Format(score.Score), Cell(row, "current"));
            var change = ExpectedChange(previous.Score, score.Score);
            Assert.Equal(change, Cell(row, "change"));
            if (change is not ("0.0" or "–")) changed++;
            var stageMove = previous.Stage != score.Stage && previous.Stage is not null && score.Stage is not null
                ? $"{StageName(definition, previous.Stage)} → {StageName(definition, score.Stage)}" : StageName(definition, score.Stage);
            Assert.Equal(stageMove, Cell(row, "stage-move"));
            if (stageMove.Contains('→')) moved++;
            Assert.Contains("<svg", row);
        }
        Assert.True(changed > 10, $"only {changed} items changed");
        Assert.True(moved > 0, "no stage moved");
        // The small charts are drawn with SVG attributes: the page's CSP allows no inline style.
        Assert.DoesNotContain("style=", TrendTable(html));

        // The workbook holds the unrounded values: the previous score and the change.
        var bytes = await ken.GetByteArrayAsync($"/reports/cycles/{current}/countries/KEN/excel");
        await File.WriteAllBytesAsync(Path.Combine(ReportTestData.ArtifactsDirectory(), "trend-scorecard-en.xlsx"), bytes);
        using var workbook = ExcelReportTests.Open(bytes);
        var sheet = ExcelReportTests.Read(workbook, "Trends");
        var overall = sheet.RowOf(0, "Overall index");
        Assert.Equal(before["overall"].Score!.Value, sheet.Number(overall, 2)!.Value, 9);
        Assert.Equal(now["overall"].Score!.Value, sheet.Number(overall, 3)!.Value, 9);
        Assert.Equal((double)((decimal)now["overall"].Score!.Value - (decimal)before["overall"].Score!.Value), sheet.Number(overall, 4)!.Value, 9);

        // The PDF has the section, in the contents and on its page.
        var pdf = Path.Combine(ReportTestData.ArtifactsDirectory(), "trend-scorecard-en.pdf");
        await File.WriteAllBytesAsync(pdf, await ken.GetByteArrayAsync($"/reports/cycles/{current}/countries/KEN/pdf?lang=en"));
        var printed = PdfReportTests.Normalise(PdfReportTests.Run("pdftotext", "-layout", pdf, "-"));
        Assert.Matches(@"Overall index\s+" + Regex.Escape(ScoreDisplay.Format(before["overall"].Score)) + @"\s+" + Regex.Escape(ScoreDisplay.Format(now["overall"].Score))
            + @"\s+" + Regex.Escape(ExpectedChange(before["overall"].Score, now["overall"].Score)), printed);

        // The API lists the same stored figures per cycle.
        var history = JsonDocument.Parse(await ken.GetStringAsync("/api/v1/countries/KEN/history")).RootElement.GetProperty("cycles").EnumerateArray().ToList();
        foreach (var (cycle, expected) in new[] { (earlier, before), (current, now) })
        {
            var entry = history.Single(e => e.GetProperty("cycleId").GetInt32() == cycle);
            Assert.Equal(expected["overall"].Score!.Value, entry.GetProperty("overall").GetDouble(), 12);
            Assert.Equal(expected["overall"].Stage, entry.GetProperty("stage").GetString());
            foreach (var item in entry.GetProperty("domains").EnumerateArray().Concat(entry.GetProperty("capabilities").EnumerateArray()))
            {
                var value = expected[item.GetProperty("key").GetString()!];
                Assert.Equal(value.Score!.Value, item.GetProperty("score").GetDouble(), 12);
                Assert.Equal(value.Stage, item.GetProperty("stage").GetString());
            }
        }
    }

    [Fact]
    public async Task Versions_that_differ_compare_only_the_capabilities_they_share_and_say_so()
    {
        var key = NewKey();
        var first = await ImportAsync(Mnr(key));
        // The next version drops the research capability and scores a new one in its place.
        var json = Mnr(key, "2031.1");
        var research = json["domains"]!.AsArray().SelectMany(d => d!["capabilities"]!.AsArray()).Single(c => (string?)c!["key"] == "pg.2.research")!;
        research["key"] = "pg.4.evaluation";
        research["name"] = new JsonObject { ["en"] = "Evaluation of the response", ["fr"] = "Évaluation de la réponse" };
        var second = await ImportAsync(json);
        var earlier = await CycleAsync(first, 2030, PublicationPolicy.Named, CycleStatus.Published, Participants, seed: 3);
        var current = await CycleAsync(second, 2031, PublicationPolicy.Named, CycleStatus.Closed, Participants, seed: 4);
        var (v1, v2) = (await DefinitionAsync(first), await DefinitionAsync(second));
        static HashSet<string> Scored(QuestionnaireDefinition d) => [.. d.Domains.Where(x => x.Scored).SelectMany(x => x.Capabilities).Where(c => c.IsScored).Select(c => c.Key)];
        var shared = Scored(v2).Count(Scored(v1).Contains);
        Assert.Equal(Scored(v2).Count - 1, shared);
        var earlierName = await CycleNameAsync(earlier);
        var note = $"Compared on {shared} of {Scored(v2).Count} capabilities shared with \u2068{earlierName}\u2069.";

        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var html = WebUtility.HtmlDecode(await ken.GetStringAsync($"/reports/cycles/{current}/countries/KEN"));
        Assert.Contains(note, html);
        Assert.Equal("not compared", Cell(Row(html, "pg.4.evaluation"), "change"));
        Assert.Equal("–", Cell(Row(html, "pg.4.evaluation"), "previous"));
        Assert.DoesNotContain("data-key=\"pg.2.research\"", html);
        var (before, now) = (Snapshot(await SnapshotAsync(earlier, "KEN")), Snapshot(await SnapshotAsync(current, "KEN")));
        Assert.Equal(ExpectedChange(before["pg.1.leadership"].Score, now["pg.1.leadership"].Score), Cell(Row(html, "pg.1.leadership"), "change"));
        // The same domains are scored, so the overall index is compared.
        Assert.Equal(ExpectedChange(before["overall"].Score, now["overall"].Score), Cell(Row(html, "overall"), "change"));

        // The global report says the same and leaves the new capability's mean uncompared.
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        using var workbook = ExcelReportTests.Open(await ReportsWebTests.ExportAsync(app, reviewer, current, "Global", "", "Excel"));
        var sheet = ExcelReportTests.Read(workbook, "Trends");
        Assert.Contains(note, sheet.AllTexts());
        var evaluation = sheet.Rows.Single(r => sheet.Text(r, 0) == "Global" && sheet.Text(r, 1) == "Evaluation of the response");
        Assert.Equal("not compared", sheet.Text(evaluation, 4));
        Assert.DoesNotContain(sheet.Rows, r => sheet.Text(r, 1) == v1.Domains.SelectMany(d => d.Capabilities).Single(c => c.Key == "pg.2.research").Name.Get("en"));
    }

    [Fact]
    public async Task Global_report_means_stages_participation_and_countries_by_cycle_equal_the_stored_snapshots()
    {
        var version = await ImportAsync(Mnr(NewKey()));
        var earlier = await CycleAsync(version, 2030, PublicationPolicy.Named, CycleStatus.Published, Participants[..8], seed: 5);
        var current = await CycleAsync(version, 2031, PublicationPolicy.Named, CycleStatus.Closed, Participants, seed: 6);
        var definition = await DefinitionAsync(version);
        var before = await SnapshotsAsync(earlier);
        var now = await SnapshotsAsync(current);

        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var bytes = await ReportsWebTests.ExportAsync(app, reviewer, current, "Global", "", "Excel");
        await File.WriteAllBytesAsync(Path.Combine(ReportTestData.ArtifactsDirectory(), "trend-global-en.xlsx"), bytes);
        using var workbook = ExcelReportTests.Open(bytes);
        var sheet = ExcelReportTests.Read(workbook, "Trends");
        var earlierName = await CycleNameAsync(earlier);
        Assert.Contains($"Compared with \u2068{earlierName}\u2069: the same capabilities and domains.", sheet.AllTexts());

        // Means: the global mean of the overall index and of a domain, before and now, and the change.
        static double Mean(IEnumerable<double> values) => (double)(values.Select(v => (decimal)v).Sum() / values.Count());
        foreach (var (key, name) in new[] { ("overall", "Overall index"), ("justice", definition.Domains.Single(d => d.Key == "justice").Name.Get("en")) })
        {
            var row = sheet.Rows.First(r => sheet.Text(r, 0) == "Global" && sheet.Text(r, 1) == name);
            var (previous, mean) = (Mean(before.Values.Select(s => s[key].Score!.Value)), Mean(now.Values.Select(s => s[key].Score!.Value)));
            Assert.Equal(previous, sheet.Number(row, 2)!.Value, 9);
            Assert.Equal(mean, sheet.Number(row, 3)!.Value, 9);
            Assert.Equal(mean - previous, sheet.Number(row, 4)!.Value, 9);
        }
        // The distribution over stages of the overall index, before and now.
        foreach (var stage in definition.Stages)
        {
            var row = sheet.Rows.Single(r => sheet.Text(r, 0) == "Global" && sheet.Text(r, 1) == stage.Name.Get("en"));
            Assert.Equal(before.Values.Count(s => s["overall"].Stage == stage.Key), (int)(sheet.Number(row, 2) ?? 0));
            Assert.Equal(now.Values.Count(s => s["overall"].Stage == stage.Key), (int)(sheet.Number(row, 3) ?? 0));
        }
        // Participation by cycle, and the countries × cycles view of a named publication.
        foreach (var (cycle, count) in new[] { (earlier, 8), (current, Participants.Length) })
        {
            var name = await CycleNameAsync(cycle);
            var row = sheet.Rows.Single(r => sheet.Text(r, 0) == "Global" && sheet.Text(r, 1) == name);
            Assert.Equal(count, sheet.Number(row, 3));
            Assert.Equal(count, sheet.Number(row, 4));
        }
        foreach (var iso3 in new[] { "KEN", "BRA" })
        {
            var row = sheet.RowOf(0, iso3);
            Assert.Equal(before.TryGetValue(iso3, out var b) ? b["overall"].Score : null, sheet.Number(row, 2));
            Assert.Equal(now[iso3]["overall"].Score!.Value, sheet.Number(row, 3)!.Value, 9);
        }

        // The PDF prints the same section, with the global change of the overall index.
        var path = Path.Combine(ReportTestData.ArtifactsDirectory(), "trend-global-en.pdf");
        await File.WriteAllBytesAsync(path, await ReportsWebTests.ExportAsync(app, reviewer, current, "Global", "", "Pdf"));
        var printed = PdfReportTests.Normalise(PdfReportTests.Run("pdftotext", "-layout", path, "-"));
        Assert.Contains("Change since the previous cycle", printed);
        Assert.Contains("Overall index by country and cycle", printed);
        var overallChange = Mean(now.Values.Select(s => s["overall"].Score!.Value)) - Mean(before.Values.Select(s => s["overall"].Score!.Value));
        Assert.Matches(@"Global\s+\d+\.\d\s+\d+\.\d\s+" + Regex.Escape(ExpectedChange(0, overallChange)), printed);
    }

    [Fact]
    public async Task History_api_is_scoped_like_the_scorecards_and_in_the_openapi_document()
    {
        var version = await ImportAsync(Mnr(NewKey()));
        var cycle = await CycleAsync(version, 2030, PublicationPolicy.Named, CycleStatus.Published, ["KEN", "GHA"], seed: 7);
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await ken.GetAsync("/api/v1/countries/ken/history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ken.GetAsync("/api/v1/countries/GHA/history")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ken.GetAsync("/api/v1/countries/XXX/history")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateBrowserClient().GetAsync("/api/v1/countries/KEN/history")).StatusCode);

        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var gha = JsonDocument.Parse(await reviewer.GetStringAsync("/api/v1/countries/GHA/history")).RootElement;
        var entry = gha.GetProperty("cycles").EnumerateArray().Single(e => e.GetProperty("cycleId").GetInt32() == cycle);
        Assert.Equal(Snapshot(await SnapshotAsync(cycle, "GHA"))["overall"].Score!.Value, entry.GetProperty("overall").GetDouble(), 12);

        var openApi = await reviewer.GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"/api/v1/countries/{iso3}/history\"", openApi);
        Assert.Contains("CountryHistoryDto", openApi);
    }

    [Fact]
    public async Task Anonymised_trend_sections_name_no_country_in_the_six_languages()
    {
        var version = await ImportAsync(Mnr(NewKey()));
        var countries = ReportTestData.CountryRegions.Where(c => c.Value is "AFR" or "EUR").Select(c => c.Key).Append("RUS").Append("KAZ").ToArray();
        var earlier = await CycleAsync(version, 2030, PublicationPolicy.Anonymised, CycleStatus.Published, countries, seed: 8);
        var current = await CycleAsync(version, 2031, PublicationPolicy.Anonymised, CycleStatus.Closed, countries, seed: 9);
        var terms = await AnonymisedReportTests.CountryTermsAsync(app);
        foreach (var (kind, region) in new[] { (ReportKind.Global, (string?)null), (ReportKind.Regional, "AFR"), (ReportKind.Regional, "CIS") })
        {
            foreach (var language in Infrastructure.Localization.LocalizationSetup.Cultures)
            {
                var label = $"{kind} {region} {language}";
                await app.WithScopeAsync(async services =>
                {
                    var data = await services.GetRequiredService<ReportLoader>().LoadAsync(new ReportScope(kind, current, region), language, UserScope.Everything);
                    var trends = data!.AreaTrends!;
                    Assert.Empty(trends.Matrix);
                    Assert.Empty(trends.MatrixCycles);
                    // Fewer than three CIS countries: no mean, no stage count, before or now.
                    var cis = trends.Areas.FirstOrDefault(a => a.Region == "CIS");
                    if (cis is not null) Assert.All(new[] { cis.Overall }.Concat(cis.Domains), m => Assert.Null(m.Previous?.Mean ?? m.Current?.Mean));

                    using var workbook = ExcelReportTests.Open(services.GetRequiredService<ExcelReportWriter>().Write(data));
                    var texts = ExcelReportTests.Read(workbook, ExcelReportTests.SheetNames(workbook)[3]).AllTexts().ToList();
                    Assert.Contains(data.ComparisonText(trends.Comparison, services.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<Ui>>()), texts);
                    AnonymisedReportTests.AssertNamesNoCountry(texts, terms, label + " xlsx");

                    var html = await services.GetRequiredService<PdfReportWriter>().HtmlAsync(data);
                    var section = Regex.Match(html, "<section class=\"section\" id=\"trend\">(.*?)</section>", RegexOptions.Singleline);
                    Assert.True(section.Success, label + ": no trend section");
                    var text = WebUtility.HtmlDecode(Regex.Replace(section.Groups[1].Value, "<[^>]+>", " "));
                    AnonymisedReportTests.AssertNamesNoCountry([text], terms, label + " pdf");
                });
            }
        }
    }

    [Fact]
    public async Task A_public_trend_reads_only_cycles_published_by_name()
    {
        var version = await ImportAsync(Mnr(NewKey()));
        var named = await CycleAsync(version, 2030, PublicationPolicy.Named, CycleStatus.Published, ["KEN"], seed: 10);
        var anonymised = await CycleAsync(version, 2031, PublicationPolicy.Anonymised, CycleStatus.Published, ["KEN"], seed: 11);
        var closed = await CycleAsync(version, 2032, PublicationPolicy.Named, CycleStatus.Closed, ["KEN"], seed: 12);
        var current = await CycleAsync(version, 2033, PublicationPolicy.Named, CycleStatus.Published, ["KEN"], seed: 13);
        var names = new List<string>();
        foreach (var cycle in new[] { named, anonymised, closed, current }) names.Add(await CycleNameAsync(cycle));
        var first = Snapshot(await SnapshotAsync(named, "KEN"))["overall"].Score;
        await app.WithScopeAsync(async services =>
        {
            var history = services.GetRequiredService<CycleHistory>();
            var all = await history.CountryTrendAsync(current, "KEN", "en");
            Assert.Equal(names, all!.Cycles);
            var shown = await history.CountryTrendAsync(current, "KEN", "en", CycleSelection.PublishedNamed);
            Assert.Equal([names[0], names[3]], shown!.Cycles);
            Assert.Equal(first, shown.Overall.Previous);
            Assert.Null(await history.CountryTrendAsync(closed, "KEN", "en", CycleSelection.PublishedNamed));
        });
    }

    private static string NewKey() => "trend-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>The MNR sample under another questionnaire key (and version label).</summary>
    private static JsonNode Mnr(string key, string version = "2030.1")
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(ReportTestData.RepositoryRoot(), "samples", "questionnaires", "mnr.json")))!;
        json["key"] = key;
        json["version"] = version;
        return json;
    }

    private async Task<int> ImportAsync(JsonNode definition)
    {
        var id = 0;
        await app.WithScopeAsync(async services =>
        {
            var result = await services.GetRequiredService<QuestionnaireImporter>().ImportAsync(System.Text.Encoding.UTF8.GetBytes(definition.ToJsonString()), "test");
            id = result.Version!.Id;
        });
        return id;
    }

    private Task<QuestionnaireDefinition> DefinitionAsync(int version) =>
        app.WithDbAsync(async db => QuestionnaireDefinition.Parse(await db.QuestionnaireVersions.Where(v => v.Id == version).Select(v => v.Content).SingleAsync()));

    /// <summary>A cycle opening in <paramref name="year"/> with a validated submission (snapshot of generated answers) per country.</summary>
    private Task<int> CycleAsync(int version, int year, PublicationPolicy policy, CycleStatus status, IEnumerable<string> countries, int seed) =>
        app.WithDbAsync(async db =>
        {
            var definition = QuestionnaireDefinition.Parse(await db.QuestionnaireVersions.Where(v => v.Id == version).Select(v => v.Content).SingleAsync());
            var cycle = new AssessmentCycle
            {
                Name = $"Trend {year} {Guid.NewGuid().ToString("N")[..6]}", QuestionnaireVersionId = version, PublicationPolicy = policy, Status = status,
                OpensOn = new DateOnly(year, 1, 1), Deadline = new DateTimeOffset(year, 3, 31, 0, 0, 0, TimeSpan.Zero),
            };
            db.Add(cycle);
            await db.SaveChangesAsync();
            foreach (var iso3 in countries)
            {
                var answers = ReportTestData.Answers(definition, ReportTestData.Seed(iso3) * 7 + seed);
                db.Add(new Submission
                {
                    CycleId = cycle.Id, CountryIso3 = iso3, Status = status == CycleStatus.Published ? SubmissionStatus.Published : SubmissionStatus.Validated,
                    SubmittedAt = DateTimeOffset.UtcNow, ValidatedAt = DateTimeOffset.UtcNow,
                    ScoreSnapshot = ScoreSnapshot.Serialize(ScoringEngine.Score(definition, answers, ScoringMode.Submitted)),
                });
            }
            await db.SaveChangesAsync();
            return cycle.Id;
        });

    private Task<string> CycleNameAsync(int cycle) => app.WithDbAsync(db => db.Set<AssessmentCycle>().Where(c => c.Id == cycle).Select(c => c.Name).SingleAsync());

    private Task<string> SnapshotAsync(int cycle, string iso3) =>
        app.WithDbAsync(db => db.Set<Submission>().Where(s => s.CycleId == cycle && s.CountryIso3 == iso3).Select(s => s.ScoreSnapshot!).SingleAsync());

    private async Task<Dictionary<string, Dictionary<string, (double? Score, string? Stage)>>> SnapshotsAsync(int cycle) =>
        (await app.WithDbAsync(db => db.Set<Submission>().Where(s => s.CycleId == cycle).Select(s => new { s.CountryIso3, s.ScoreSnapshot }).ToListAsync()))
            .ToDictionary(s => s.CountryIso3, s => Snapshot(s.ScoreSnapshot!));

    /// <summary>The overall index, and every scored domain and capability, read from the snapshot's JSON as stored.</summary>
    private static Dictionary<string, (double? Score, string? Stage)> Snapshot(string json)
    {
        static (double?, string?) Of(JsonElement e) => (e.GetProperty("score").ValueKind == JsonValueKind.Null ? null : e.GetProperty("score").GetDouble(),
            e.GetProperty("stage").GetString());
        var root = JsonDocument.Parse(json).RootElement;
        var items = new Dictionary<string, (double? Score, string? Stage)>
        {
            ["overall"] = (root.GetProperty("overall").GetDouble(), root.GetProperty("stage").GetString()),
        };
        foreach (var domain in root.GetProperty("domains").EnumerateArray().Where(d => d.GetProperty("scored").GetBoolean()))
        {
            items[domain.GetProperty("key").GetString()!] = Of(domain);
            foreach (var capability in domain.GetProperty("capabilities").EnumerateArray().Where(c => c.GetProperty("score").ValueKind != JsonValueKind.Null))
            {
                items[capability.GetProperty("key").GetString()!] = Of(capability);
            }
        }
        return items;
    }

    /// <summary>Now − before on the decimal values, one decimal half away from zero, with its sign.</summary>
    private static string ExpectedChange(double? before, double? now) => before is null || now is null ? "–"
        : Math.Round((decimal)now.Value - (decimal)before.Value, 1, MidpointRounding.AwayFromZero).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture);

    private static string StageName(QuestionnaireDefinition definition, string? key) =>
        definition.Stages.FirstOrDefault(s => s.Key == key)?.Name.Get("en") ?? "–";

    private static string TrendTable(string html) => Regex.Match(html, "<table[^>]*id=\"trend-table\".*?</table>", RegexOptions.Singleline).Value;

    private static string Row(string html, string key)
    {
        var match = Regex.Match(html, $"<tr data-key=\"{Regex.Escape(key)}\".*?</tr>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no trend row for {key}");
        return match.Value;
    }

    private static string Cell(string row, string cls)
    {
        var match = Regex.Match(row, $"<td class=\"[^\"]*\\b{cls}\\b[^\"]*\">(.*?)</td>", RegexOptions.Singleline);
        Assert.True(match.Success, $"no {cls} cell in {row}");
        return WebUtility.HtmlDecode(Regex.Replace(match.Groups[1].Value, "<[^>]+>", "")).Trim();
    }
}
