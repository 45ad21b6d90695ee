using System.Net;
using CopAssessment.Web.Features.BestPractices;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using static CopAssessment.Web.Tests.BestPractices.PracticeTestKit;

namespace CopAssessment.Web.Tests.BestPractices;

[Collection(AppCollection.Name)]
public partial class LibraryTests(CopAppFactory app)
{
    [Fact]
    public async Task Html_and_script_in_every_text_field_come_out_encoded()
    {
        const string evil = "<script>alert('x')</script><b onmouseover=\"x\">bold</b>";
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var marker = Unique("xss");
        var fields = Form(marker + " " + evil, description: marker + " " + evil + "\n\nSecond paragraph " + evil, extraText: evil);
        var id = await CreateAsync(ken, fields);
        await DecideAsync(reviewer, id, "Publish");

        foreach (var html in new[]
        {
            await app.CreateClient().GetStringAsync($"/best-practices/{id}"),
            await app.CreateClient().GetStringAsync("/best-practices?q=" + marker),
            await reviewer.GetStringAsync($"/best-practices/{id}"),
            await reviewer.GetStringAsync($"/best-practices/moderation/{id}"),
            await ken.GetStringAsync($"/best-practices/{id}/edit"),
        })
        {
            Assert.DoesNotContain("<script>alert", html);
            Assert.DoesNotContain("<b onmouseover", html);
            Assert.Contains("&lt;script&gt;", html);
        }
        var details = await app.CreateClient().GetStringAsync($"/best-practices/{id}");
        Assert.Contains("<p>Second paragraph &lt;script&gt;", details);
        Assert.Contains("<a href=\"https://example.org/report\" rel=\"noopener noreferrer\" target=\"_blank\">", details);
        var feed = await app.CreateClient().GetStringAsync("/best-practices/feed.atom");
        Assert.DoesNotContain("<script>", feed);
    }

    [Fact]
    public async Task Contact_email_is_shown_only_to_signed_in_secretariat_staff()
    {
        var title = Unique("Contact ");
        var id = (await PublishedAsync(app, Version(title)))[0];
        Assert.DoesNotContain("hidden-contact@example.org", await app.CreateClient().GetStringAsync($"/best-practices/{id}"));
        Assert.DoesNotContain("hidden-contact@example.org", await (await app.SignedInClientAsync("focal.gha@demo.local")).GetStringAsync($"/best-practices/{id}"));
        Assert.Contains("hidden-contact@example.org", await (await app.SignedInClientAsync("reviewer@demo.local")).GetStringAsync($"/best-practices/{id}"));
    }

    [Fact]
    public async Task Search_finds_a_word_of_the_description_with_and_without_accents()
    {
        var tag = Unique("t");
        var id = (await PublishedAsync(app, Version("Programa " + tag, description: $"Un programa de protección integral {tag} para la niñez.", language: "es")))[0];
        foreach (var q in new[] { "protección " + tag, "proteccion " + tag, "PROTECCIÓN " + tag, "ninez " + tag })
        {
            var html = await app.CreateClient().GetStringAsync("/best-practices?q=" + Uri.EscapeDataString(q));
            Assert.Contains($"href=\"/best-practices/{id}\"", html);
            Assert.Contains("1 practice found", html);
        }
        // The matching words are highlighted in the snippet, and only they are markup.
        var page = await app.CreateClient().GetStringAsync("/best-practices?q=" + Uri.EscapeDataString("proteccion " + tag));
        Assert.Contains("<mark>protección</mark>", page);
        Assert.DoesNotContain("found", (await app.CreateClient().GetStringAsync("/best-practices?q=zzznomatch" + tag)).Replace("0 practices found", ""));
    }

    [Fact]
    public async Task A_word_also_finds_its_longer_forms_without_stemming()
    {
        var tag = Unique("p");
        var id = (await PublishedAsync(app, Version("Écoles " + tag, description: $"Plus de 900 écoles {tag} ont participé.", language: "fr")))[0];
        foreach (var q in new[] { "ecole " + tag, "école " + tag, "particip " + tag })
        {
            var html = await app.CreateClient().GetStringAsync("/best-practices?q=" + Uri.EscapeDataString(q));
            Assert.Contains($"href=\"/best-practices/{id}\"", html);
        }
    }

    [Fact]
    public async Task Search_ranks_a_title_match_above_a_description_match()
    {
        var tag = Unique("rank");
        var ids = await PublishedAsync(app, Version("Other", description: "mentions " + tag), Version("About " + tag));
        var html = await app.CreateClient().GetStringAsync("/best-practices?q=" + tag);
        Assert.True(html.IndexOf($"/best-practices/{ids[1]}\"", StringComparison.Ordinal) < html.IndexOf($"/best-practices/{ids[0]}\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Filters_combine()
    {
        var tag = Unique("f");
        var ids = await PublishedAsync(app,
            Version(tag + " a", description: tag, country: "KEN", audiences: ["children"], group: "industry", language: "en", start: 2018, end: 2021),
            Version(tag + " b", description: tag, country: "KEN", audiences: ["policy-makers"], group: "industry", language: "en", start: 2018, end: 2021),
            Version(tag + " c", description: tag, country: "FRA", audiences: ["children"], group: "industry", language: "fr", start: 2018, end: 2021),
            Version(tag + " d", description: tag, country: "GHA", audiences: ["children"], group: "academia", language: "en", start: 2018, end: 2021),
            Version(tag + " e", description: tag, country: "GHA", audiences: ["children"], group: "industry", language: "en", start: 2023, end: null, capability: "pg.1.leadership"));

        async Task<List<int>> Found(string filters)
        {
            var html = await app.CreateClient().GetStringAsync($"/best-practices?q={tag}&{filters}");
            return ResultLink().Matches(html).Select(m => int.Parse(m.Groups[1].Value)).Order().ToList();
        }
        Assert.Equal([ids[0], ids[1], ids[2], ids[3], ids[4]], await Found(""));
        Assert.Equal([ids[0], ids[3], ids[4]], await Found("region=AFR&audience=children"));
        Assert.Equal([ids[0], ids[4]], await Found("region=AFR&audience=children&group=industry"));
        Assert.Equal([ids[0]], await Found("region=AFR&audience=children&group=industry&year=2020"));
        Assert.Equal([ids[2]], await Found("language=fr&audience=children"));
        Assert.Equal([ids[4]], await Found("country=GHA&capability=pg.1.leadership"));
        Assert.Empty(await Found("country=FRA&language=en"));
    }

    [Fact]
    public async Task Export_rows_match_the_filtered_list()
    {
        var tag = Unique("x");
        var ids = await PublishedAsync(app,
            Version(tag + " one", description: tag, country: "KEN", start: 2019, end: 2022),
            Version(tag + " two", description: tag, country: "BRA", start: 2020),
            Version(tag + " three", description: tag, country: "EGY", start: 2021));
        var query = $"?q={tag}&region=AFR";
        var html = await app.CreateClient().GetStringAsync("/best-practices" + query);
        var listed = ResultLink().Matches(html).Select(m => int.Parse(m.Groups[1].Value)).ToList();
        Assert.Equal([ids[0]], listed);
        Assert.Contains($"href=\"/best-practices/export.xlsx{query.Replace("&", "&amp;")}\"", html);

        var response = await app.CreateClient().GetAsync("/best-practices/export.xlsx" + query);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<Row>().Skip(1).ToList();
        Assert.Equal(listed.Count, rows.Count);
        var cells = rows[0].Elements<Cell>().ToList();
        // A cell without a type is a number (ECMA-376 §18.3.1.4), as the reports' SheetWriter writes them.
        static bool IsNumber(Cell c) => (c.DataType?.Value ?? CellValues.Number) == CellValues.Number && c.CellValue is not null;
        Assert.True(IsNumber(cells[0]));
        Assert.Equal(ids[0].ToString(), cells[0].CellValue!.Text);
        Assert.Equal(tag + " one", cells[1].InnerText);
        var years = cells.Where(IsNumber).Skip(1).Select(c => c.CellValue!.Text).ToList();
        Assert.Equal(["2019", "2022"], years);
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        // Kept for a look with LibreOffice (soffice --headless --convert-to csv).
        await File.WriteAllBytesAsync(Path.Combine(CopAssessment.Tests.RepositoryPaths.Artifacts("library"), "library-export.xlsx"), stream.ToArray());
    }

    [Fact]
    public async Task Library_pages_and_feed_are_public_and_the_queue_is_not()
    {
        var anonymous = app.CreateBrowserClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/best-practices")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/best-practices?page=2")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/best-practices/feed.atom")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/best-practices/moderation")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/best-practices/new")).StatusCode);
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        Assert.StartsWith("/account/access-denied", (await ken.GetAsync("/best-practices/moderation")).Headers.Location!.PathAndQuery);
    }

    [Fact]
    public async Task The_search_column_is_a_database_object_of_the_migration_and_running_it_again_is_harmless()
    {
        await app.WithScopeAsync(async services =>
        {
            var schema = Assert.Single(services.GetServices<IDatabaseObjects>().OfType<LibrarySearchSchema>());
            var db = services.GetRequiredService<CopDbContext>();
            await schema.EnsureAsync(db, CancellationToken.None);
            await schema.EnsureAsync(db, CancellationToken.None);
        });
        var tag = Unique("again");
        var id = (await PublishedAsync(app, Version("Again " + tag)))[0];
        Assert.Contains($"href=\"/best-practices/{id}\"", await app.CreateClient().GetStringAsync("/best-practices?q=" + tag));
    }

    [Fact]
    public async Task A_page_number_out_of_range_is_served_not_a_server_error()
    {
        var anonymous = app.CreateClient();
        foreach (var page in new[] { "2147483647", "200000000", "-3", "0" })
        {
            var response = await anonymous.GetAsync("/best-practices?page=" + page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/best-practices?q=child&page=" + page)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/best-practices/export.xlsx?page=" + page)).StatusCode);
        }
        Assert.Contains("Page 1 of ", await anonymous.GetStringAsync("/best-practices?page=-3"));
        Assert.Contains($"Page {LibraryQuery.MaxPage} of ", await anonymous.GetStringAsync("/best-practices?page=2147483647"));
    }

    [Fact]
    public async Task Demo_library_has_at_least_sixty_practices_in_six_languages()
    {
        var html = await app.CreateClient().GetStringAsync("/best-practices");
        var total = int.Parse(CountText().Match(html).Groups[1].Value);
        Assert.True(total >= 60, $"{total} practices");
        foreach (var language in new[] { "en", "fr", "ar", "es", "ru", "zh" })
            Assert.DoesNotContain(">0 practices found", await app.CreateClient().GetStringAsync("/best-practices?language=" + language));
        // Written in their language, country name included, and found by a query in it.
        Assert.Contains("中国：每所小学开设网络安全课", await app.CreateClient().GetStringAsync("/best-practices?language=zh&q=" + Uri.EscapeDataString("网络安全")));
        Assert.DoesNotContain(">0 practices found", await app.CreateClient().GetStringAsync("/best-practices?language=ru&q=" + Uri.EscapeDataString("дети")));
    }

    [GeneratedRegex(@"<h2 class=""h5 mb-1""><a href=""/best-practices/(\d+)"">")]
    private static partial Regex ResultLink();

    [GeneratedRegex(@"(\d+) practices? found")]
    private static partial Regex CountText();

    [Fact]
    public async Task A_practice_period_reads_left_to_right_on_arabic_pages()
    {
        var page = await app.CreateClient().GetStringAsync("/best-practices?culture=ar&ui-culture=ar");
        // Inside an Arabic paragraph "2017–2020" would show as "2020–2017" unless it is isolated left to right.
        Assert.Matches(new Regex("<bdi dir=\"ltr\">\\d{4}–\\d{4}</bdi>"), page);
        Assert.DoesNotMatch(new Regex("· \\d{4}–\\d{4}"), page);
    }
}
