using System.Net;
using System.Text;
using CopAssessment.Domain.Questionnaires;
using CopAssessment.Web.Tests.Reports;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CopAssessment.Web.Tests.Results;

/// <summary>
/// The open data of published cycles, through /results/{id}/data/… and /api/v1/public/cycles/{id}/…, as an anonymous
/// client gets it: only published cycles; figures equal to the stored snapshots and the page; anonymised files name no
/// country in any language; cached with an ETag; the licence chosen by the Secretariat, stated and audited.
/// </summary>
[Collection(AppCollection.Name)]
public class OpenDataTests(CopAppFactory app)
{
    private static readonly string[] Languages = ["en", "fr", "ar", "es", "ru", "zh-Hans"];
    private static readonly string[] AllFiles = ["scores.csv", "scores.json", "participation.csv", "participation.json", "answers.csv", "answers.json", "dictionary.csv"];

    private HttpClient Anonymous() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private async Task<int> CycleAsync(PublicationPolicy policy, Func<string, bool> participates, CycleStatus status = CycleStatus.Published)
    {
        var cycle = await CycleSeed.CreateAsync(app, policy, participates);
        await app.WithDbAsync(db => db.Set<AssessmentCycle>().Where(c => c.Id == cycle).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, status)));
        return cycle;
    }

    /// <summary>RFC 4180: quoted cells, doubled quotes, CRLF rows.</summary>
    public static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(cell.ToString()); cell.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add(cell.ToString()); cell.Clear(); rows.Add([.. row]); row.Clear(); i++;
            }
            else cell.Append(c);
        }
        if (cell.Length > 0 || row.Count > 0) { row.Add(cell.ToString()); rows.Add([.. row]); }
        return rows;
    }

    private static List<Dictionary<string, string>> Records(string csv)
    {
        var rows = ParseCsv(csv);
        return [.. rows.Skip(1).Select(r => rows[0].Select((h, i) => (h, v: r[i])).ToDictionary(x => x.h, x => x.v))];
    }

    private static async Task<string> Utf8WithBomAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(bytes.AsSpan().StartsWith(Encoding.UTF8.GetPreamble()), "a UTF-8 byte-order mark, for spreadsheets");
        return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
    }

    [Fact]
    public async Task Only_published_cycles_have_open_data_and_anyone_may_download_it()
    {
        var client = Anonymous();
        var published = await CycleAsync(PublicationPolicy.Named, iso3 => iso3 is "KEN" or "GHA" or "FRA");
        foreach (var file in AllFiles)
        {
            var page = await client.GetAsync($"/results/{published}/data/{file}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Equal("attachment", page.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/public/cycles/{published}/{file}")).StatusCode);
        }
        var listed = JsonDocument.Parse(await client.GetStringAsync("/api/v1/public/cycles")).RootElement;
        Assert.Contains(listed.EnumerateArray(), c => c.GetProperty("id").GetInt32() == published);
        var links = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/public/cycles/{published}")).RootElement.GetProperty("files");
        Assert.Equal($"/api/v1/public/cycles/{published}/scores.csv", links.GetProperty("scores.csv").GetString());
        Assert.Contains($"/results/{published}/data/scores.csv?language=en", await client.GetStringAsync($"/results/{published}"));

        foreach (var status in new[] { CycleStatus.Planned, CycleStatus.Open, CycleStatus.Closed })
        {
            var hidden = await CycleAsync(PublicationPolicy.Named, iso3 => iso3 is "KEN" or "GHA" or "FRA", status);
            foreach (var file in AllFiles)
            {
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/results/{hidden}/data/{file}")).StatusCode);
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/public/cycles/{hidden}/{file}")).StatusCode);
            }
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/public/cycles/{hidden}")).StatusCode);
            Assert.DoesNotContain(JsonDocument.Parse(await client.GetStringAsync("/api/v1/public/cycles")).RootElement.EnumerateArray(),
                c => c.GetProperty("id").GetInt32() == hidden);
        }
        // No such file, no such language, no answers of an anonymised cycle.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/results/{published}/data/secrets.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/results/{published}/data/scores.csv?language=xx")).StatusCode);
        var anonymised = await CycleAsync(PublicationPolicy.Anonymised, iso3 => iso3 is "KEN" or "GHA" or "FRA");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/results/{anonymised}/data/answers.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/public/cycles/{anonymised}/answers.json")).StatusCode);
    }

    [Fact]
    public async Task A_named_cycles_scores_equal_the_stored_snapshots_and_the_page()
    {
        string[] countries = ["KEN", "FRA", "BRA", "JPN"];
        var cycle = await CycleAsync(PublicationPolicy.Named, countries.Contains);
        var client = Anonymous();
        var csv = Records(await Utf8WithBomAsync(await client.GetAsync($"/results/{cycle}/data/scores.csv")));
        var json = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/public/cycles/{cycle}/scores.json")).RootElement;
        var jsonRows = json.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(csv.Count, jsonRows.Count);
        var page = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync($"/results/{cycle}"));

        var definition = ReportTestData.Definition;
        foreach (var iso3 in countries)
        {
            // The snapshot the submission stored, read back from the database.
            var snapshot = await app.WithDbAsync(db => db.Set<Submission>().Where(s => s.CycleId == cycle && s.CountryIso3 == iso3).Select(s => s.ScoreSnapshot).SingleAsync());
            var card = ScoreSnapshot.Parse(snapshot!);
            var rows = csv.Where(r => r["area_type"] == "country" && r["area_code"] == iso3).ToList();
            var overall = rows.Single(r => r["measure_type"] == "overall");
            Assert.Equal(card.Overall!.Value, double.Parse(overall["score"], CultureInfo.InvariantCulture));
            Assert.Equal(card.Stage, overall["stage_key"]);
            foreach (var domain in definition.Domains.Where(d => d.Scored))
            {
                var row = rows.Single(r => r["measure_type"] == "domain" && r["measure_key"] == domain.Key);
                Assert.Equal(card.FindDomain(domain.Key)?.Score, row["score"] == "" ? null : double.Parse(row["score"], CultureInfo.InvariantCulture));
                foreach (var capability in domain.Capabilities.Where(c => c.IsScored))
                {
                    var capabilityRow = rows.Single(r => r["measure_type"] == "capability" && r["measure_key"] == capability.Key);
                    Assert.Equal(domain.Key, capabilityRow["domain_key"]);
                    Assert.Equal(card.FindCapability(capability.Key)?.Score,
                        capabilityRow["score"] == "" ? null : double.Parse(capabilityRow["score"], CultureInfo.InvariantCulture));
                }
            }
            var inJson = jsonRows.Single(r => r.GetProperty("area_code").GetString() == iso3 && r.GetProperty("measure_type").GetString() == "overall");
            Assert.Equal(card.Overall.Value, inJson.GetProperty("score").GetDouble());
            // The page shows the same figure, rounded.
            Assert.Contains(ScoreDisplay.Format(card.Overall, CultureInfo.InvariantCulture), page);
        }
        var world = csv.Single(r => r["area_type"] == "world" && r["measure_type"] == "overall");
        Assert.Equal(CycleSeed.ExpectedMean(countries)!.Value, double.Parse(world["score"], CultureInfo.InvariantCulture), 9);
        Assert.Equal("4", world["countries"]);
        Assert.Equal("CC BY 4.0", json.GetProperty("licence").GetProperty("name").GetString());

        var participation = Records(await Utf8WithBomAsync(await client.GetAsync($"/results/{cycle}/data/participation.csv")));
        var worldParticipation = participation.Single(r => r["area_type"] == "world");
        Assert.Equal(("193", "4"), (worldParticipation["member_states"], worldParticipation["validated"]));

        // Every column of every file is in the dictionary.
        var dictionary = Records(await Utf8WithBomAsync(await client.GetAsync($"/results/{cycle}/data/dictionary.csv")));
        foreach (var file in new[] { "scores", "participation", "answers" })
        {
            var header = ParseCsv(await Utf8WithBomAsync(await client.GetAsync($"/results/{cycle}/data/{file}.csv")))[0];
            Assert.All(header, column => Assert.Contains(dictionary, d => d["file"] == file && d["column"] == column && d["description"].Length > 10));
        }
    }

    [Fact]
    public async Task An_anonymised_cycles_files_name_no_country_in_any_language_and_show_no_figure_from_fewer_than_three()
    {
        var regions = ReportTestData.CountryRegions;
        var cycle = await CycleAsync(PublicationPolicy.Anonymised, iso3 => regions[iso3] is "AFR" or "EUR" || iso3 is "RUS" or "KAZ");
        var client = Anonymous();
        var names = await app.WithDbAsync(db => db.CountryNames.AsNoTracking().Select(n => n.Name).ToListAsync());
        names.AddRange(await app.WithDbAsync(db => db.Countries.AsNoTracking().Select(c => c.Name).ToListAsync()));
        var codes = regions.Keys.ToList();
        foreach (var language in Languages)
        {
            foreach (var file in new[] { "scores.csv", "scores.json", "participation.csv", "participation.json", "dictionary.csv" })
            {
                var text = await (await client.GetAsync($"/results/{cycle}/data/{file}?language={language}")).Content.ReadAsStringAsync();
                var named = names.Where(n => n.Length > 2 && Regex.IsMatch(text, $@"(?<!\p{{L}}){Regex.Escape(n)}(?!\p{{L}})")).Distinct().ToList();
                Assert.True(named.Count == 0, $"{language} {file}: names {string.Join(", ", named)}");
                var coded = codes.Where(c => Regex.IsMatch(text, $@"(?<![A-Za-z]){c}(?![A-Za-z])")).ToList();
                Assert.True(coded.Count == 0, $"{language} {file}: codes {string.Join(", ", coded)}");
            }
        }
        var scores = Records(await Utf8WithBomAsync(await client.GetAsync($"/results/{cycle}/data/scores.csv")));
        Assert.DoesNotContain(scores, r => r["area_type"] == "country");
        // Two CIS countries: no figure at all, for any measure; Africa's mean as computed from its scorecards.
        Assert.All(scores.Where(r => r["area_code"] == "CIS"), r => Assert.Equal("", r["score"]));
        var africa = scores.Single(r => r["area_code"] == "AFR" && r["measure_type"] == "overall");
        Assert.Equal(CycleSeed.ExpectedMean(regions.Where(r => r.Value == "AFR").Select(r => r.Key))!.Value, double.Parse(africa["score"], CultureInfo.InvariantCulture), 9);
        var inArabic = Records(await Utf8WithBomAsync(await client.GetAsync($"/results/{cycle}/data/scores.csv?language=ar")));
        Assert.Equal("أفريقيا", inArabic.First(r => r["area_code"] == "AFR")["area_name"]);
    }

    [Fact]
    public async Task Files_carry_an_etag_and_an_unchanged_file_is_not_sent_again()
    {
        var cycle = await CycleAsync(PublicationPolicy.Named, iso3 => iso3 is "KEN" or "GHA" or "FRA");
        var client = Anonymous();
        foreach (var path in new[] { $"/api/v1/public/cycles/{cycle}/scores.json", $"/results/{cycle}/data/answers.csv" })
        {
            var first = await client.GetAsync(path);
            var tag = first.Headers.ETag;
            Assert.NotNull(tag);
            Assert.True(tag.IsWeak); // the same tag names the compressed and the plain bytes
            Assert.True(first.Headers.CacheControl?.Public);
            Assert.Equal(TimeSpan.FromMinutes(5), first.Headers.CacheControl?.MaxAge);
            Assert.Contains("<https://creativecommons.org/licenses/by/4.0/>; rel=\"license\"", first.Headers.GetValues("Link"));

            var again = new HttpRequestMessage(HttpMethod.Get, path);
            again.Headers.IfNoneMatch.Add(tag);
            var notModified = await client.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

            var stale = new HttpRequestMessage(HttpMethod.Get, path);
            stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"0000\""));
            Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(stale)).StatusCode);
        }
        // Compressed, the JSON is other bytes under the same (weak) tag, and the tag still answers 304.
        var compressed = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/public/cycles/{cycle}/scores.json");
        compressed.Headers.AcceptEncoding.ParseAdd("gzip");
        var gzipped = await client.SendAsync(compressed);
        Assert.Equal(["gzip"], gzipped.Content.Headers.ContentEncoding);
        var plain = await client.GetAsync($"/api/v1/public/cycles/{cycle}/scores.json");
        Assert.Equal(plain.Headers.ETag, gzipped.Headers.ETag);
        Assert.NotEqual(await plain.Content.ReadAsByteArrayAsync(), await gzipped.Content.ReadAsByteArrayAsync());
        var revalidated = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/public/cycles/{cycle}/scores.json");
        revalidated.Headers.AcceptEncoding.ParseAdd("gzip");
        revalidated.Headers.IfNoneMatch.Add(gzipped.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(revalidated)).StatusCode);

        // Another language is another file, with its own tag.
        var english = (await client.GetAsync($"/results/{cycle}/data/scores.csv")).Headers.ETag;
        var french = (await client.GetAsync($"/results/{cycle}/data/scores.csv?language=fr")).Headers.ETag;
        Assert.NotEqual(english, french);
    }

    [Fact]
    public async Task The_licence_chosen_for_a_cycle_is_stored_with_audit_and_shown_on_the_page_and_in_the_files()
    {
        var cycle = await CycleAsync(PublicationPolicy.Named, iso3 => iso3 is "KEN" or "GHA" or "FRA");
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var refused = await admin.PostFormAsync($"/admin/cycles/{cycle}/edit", $"/admin/cycles/{cycle}/licence", new Dictionary<string, string> { ["Licence"] = "Proprietary" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Choose a licence.", await refused.Content.ReadAsStringAsync());
        Assert.Equal(DataLicence.CcBy40, await app.WithDbAsync(db => db.Set<AssessmentCycle>().Where(c => c.Id == cycle).Select(c => c.Licence).SingleAsync()));

        var saved = await admin.PostFormAsync($"/admin/cycles/{cycle}/edit", $"/admin/cycles/{cycle}/licence", new Dictionary<string, string> { ["Licence"] = "Cc0" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(DataLicence.Cc0, await app.WithDbAsync(db => db.Set<AssessmentCycle>().Where(c => c.Id == cycle).Select(c => c.Licence).SingleAsync()));
        var name = await app.WithDbAsync(db => db.Set<AssessmentCycle>().Where(c => c.Id == cycle).Select(c => c.Name).SingleAsync());
        var audit = await app.WithDbAsync(db => db.AuditEvents.Where(a => a.Action == "cycle-licence-changed" && a.Subject == name).SingleAsync());
        Assert.Equal("CC BY 4.0 → CC0 1.0", audit.Details);
        Assert.Equal("admin@demo.local", audit.UserEmail);
        Assert.Contains("selected=\"selected\" value=\"Cc0\"", Regex.Replace(await admin.GetStringAsync($"/admin/cycles/{cycle}/edit"), "value=\"Cc0\" selected=\"selected\"", "selected=\"selected\" value=\"Cc0\""));

        var client = Anonymous();
        var page = await client.GetStringAsync($"/results/{cycle}?culture=fr&ui-culture=fr");
        Assert.Contains("<a href=\"https://creativecommons.org/publicdomain/zero/1.0/\" rel=\"license\">CC0 1.0</a>", page);
        var json = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/public/cycles/{cycle}/answers.json")).RootElement.GetProperty("licence");
        Assert.Equal(("CC0 1.0", "https://creativecommons.org/publicdomain/zero/1.0/"), (json.GetProperty("name").GetString(), json.GetProperty("url").GetString()));
        var dictionary = Records(await Utf8WithBomAsync(await client.GetAsync($"/results/{cycle}/data/dictionary.csv")));
        Assert.Contains("https://creativecommons.org/publicdomain/zero/1.0/", dictionary.Single(d => d["column"] == "licence")["description"]);
        Assert.Contains("CC0 1.0", JsonDocument.Parse(await client.GetStringAsync($"/api/v1/public/cycles/{cycle}")).RootElement.GetProperty("licence").GetString());
    }

    [Fact]
    public async Task Cells_a_spreadsheet_would_run_as_a_formula_are_prefixed_and_unicode_text_survives()
    {
        var cycle = await CycleAsync(PublicationPolicy.Named, iso3 => iso3 is "KEN" or "GHA" or "FRA");
        var definition = ReportTestData.Definition;
        var texts = definition.Questions.Where(q => q.Type is QuestionType.Text or QuestionType.LongText).Take(4).Select(q => q.Key).ToList();
        string[] written = ["=HYPERLINK(\"http://example.test\",\"x\")", "+1+2", "@SUM(A1)", "-3+4"];
        await app.WithDbAsync(async db =>
        {
            var submission = await db.Set<Submission>().Where(s => s.CycleId == cycle && s.CountryIso3 == "KEN").Select(s => s.Id).SingleAsync();
            await db.Set<Answer>().Where(a => a.SubmissionId == submission && texts.Contains(a.QuestionKey)).ExecuteDeleteAsync();
            db.AddRange(texts.Select((key, i) => new Answer { SubmissionId = submission, QuestionKey = key, Value = AnswerJson.Serialize(AnswerValue.Text(written[i])), UpdatedBy = "test" }));
            db.Add(new Answer
            {
                SubmissionId = await db.Set<Submission>().Where(s => s.CycleId == cycle && s.CountryIso3 == "GHA").Select(s => s.Id).SingleAsync(),
                QuestionKey = texts[0], Value = AnswerJson.Serialize(AnswerValue.Text("قانون حماية الطفل, 儿童保护法 \"2024\"")), UpdatedBy = "test",
            });
            await db.Set<Answer>().Where(a => a.QuestionKey == texts[0] && a.UpdatedBy != "test"
                && db.Set<Submission>().Any(s => s.Id == a.SubmissionId && s.CycleId == cycle && s.CountryIso3 == "GHA")).ExecuteDeleteAsync();
            return await db.SaveChangesAsync();
        });
        var client = Anonymous();
        var response = await client.GetAsync($"/results/{cycle}/data/answers.csv");
        var answers = Records(await Utf8WithBomAsync(response));
        for (var i = 0; i < texts.Count; i++)
        {
            var row = answers.Single(r => r["area_code"] == "KEN" && r["question_key"] == texts[i]);
            Assert.Equal("'" + written[i], row["answer"]);
            Assert.Equal("text", row["answer_type"]);
        }
        Assert.Equal("قانون حماية الطفل, 儿童保护法 \"2024\"", answers.Single(r => r["area_code"] == "GHA" && r["question_key"] == texts[0])["answer"]);
        // JSON is not read by spreadsheets: the text as written.
        var json = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/public/cycles/{cycle}/answers.json")).RootElement.GetProperty("rows");
        Assert.Contains(json.EnumerateArray(), r => r.GetProperty("answer").GetString() == written[0]);
    }
}

/// <summary>Its own app and database: a limit of three requests a minute per client address.</summary>
public sealed class OpenDataLimitFactory : CopAppFactory
{
    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?> { ["OpenData:RequestsPerMinute"] = "3" };
}

public class OpenDataRateLimitTests(OpenDataLimitFactory app) : IClassFixture<OpenDataLimitFactory>
{
    [Fact]
    public async Task Requests_beyond_the_limit_get_429_with_retry_after()
    {
        var cycle = await CycleSeed.CreateAsync(app, PublicationPolicy.Named, iso3 => iso3 is "KEN" or "GHA" or "FRA");
        await app.WithDbAsync(db => db.Set<AssessmentCycle>().Where(c => c.Id == cycle).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CycleStatus.Published)));
        var client = app.CreateClient();
        var statuses = new List<HttpStatusCode>();
        foreach (var path in new[] { $"/api/v1/public/cycles/{cycle}/scores.json", $"/results/{cycle}/data/scores.csv", "/api/v1/public/cycles" })
            statuses.Add((await client.GetAsync(path)).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK], statuses);
        var limited = await client.GetAsync($"/api/v1/public/cycles/{cycle}/scores.csv");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta is { TotalSeconds: > 0 and <= 60 }, $"Retry-After: {limited.Headers.RetryAfter}");
        Assert.Contains("Too many requests", await limited.Content.ReadAsStringAsync());
        // The page itself is not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/results/{cycle}")).StatusCode);
    }
}
