namespace CopAssessment.Web.Tests.Reports;

/// <summary>PDFs printed by the app's own Chromium renderer, read back with poppler (pdftotext, pdfinfo, pdftoppm).</summary>
public class PdfReportTests(ReportServices app) : IClassFixture<ReportServices>
{
    private async Task<(byte[] Pdf, string Path)> PrintAsync(ReportData data, string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var pdf = await scope.ServiceProvider.GetRequiredService<PdfReportWriter>().WriteAsync(data);
        var path = System.IO.Path.Combine(ReportTestData.ArtifactsDirectory(), name + ".pdf");
        await File.WriteAllBytesAsync(path, pdf);
        Run("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", path, System.IO.Path.ChangeExtension(path, null) + "-page1");
        return (pdf, path);
    }

    [Fact]
    public async Task Global_named_report_shows_titles_countries_and_scores_with_a_correct_table_of_contents()
    {
        var sources = ReportTestData.Sources();
        var data = ReportTestData.Build(ReportKind.Global, sources: sources);
        var (pdf, path) = await PrintAsync(data, "global-named-en");

        var text = Normalise(Run("pdftotext", "-layout", path, "-"));
        Assert.Contains("Global stocktaking", text);
        Assert.Contains("Contents", text);
        var kenya = sources.Single(s => s.Iso3 == "KEN");
        Assert.Contains("Kenya", text);
        Assert.Contains(ScoreDisplayOf(kenya.Scorecard!.Overall), text);
        Assert.Contains(data.Aggregate.Global.Overall.Mean is { } mean ? ScoreDisplayOf(mean) : "–", text);

        var pages = PageCount(path);
        Assert.Equal(pages, PdfRenderer.PageCount(pdf));
        Assert.InRange(pages, 12, 60);

        // Each entry of the contents points at the page where its section's heading is.
        var contents = Normalise(Run("pdftotext", "-f", "2", "-l", "2", "-layout", path, "-"));
        foreach (var section in new[] { "Heat map", "Distribution over stages", "Methods", data.ScoredDomains.Last().Name.Get("en") })
        {
            var match = Regex.Match(contents, Regex.Escape(section) + @"\s*\.*\s*(\d+)");
            Assert.True(match.Success, $"'{section}' not in the contents:\n{contents}");
            var page = int.Parse(match.Groups[1].Value);
            var pageText = Normalise(Run("pdftotext", "-f", page.ToString(), "-l", page.ToString(), "-layout", path, "-"));
            Assert.Contains(section, pageText);
        }
    }

    [Fact]
    public async Task Country_scorecard_shows_the_country_its_scores_and_answers()
    {
        var sources = ReportTestData.Sources();
        var country = sources.Single(s => s.Iso3 == "KEN");
        Assert.Equal(Domain.Workflow.SubmissionStatus.Validated, country.Status);
        var data = ReportTestData.Build(ReportKind.Country, iso3: "KEN", sources: sources);
        var (_, path) = await PrintAsync(data, "country-ken-en");
        var text = Normalise(Run("pdftotext", "-layout", path, "-"));
        Assert.Contains("Country scorecard", text);
        Assert.Contains("Kenya", text);
        Assert.Contains(ScoreDisplayOf(country.Scorecard!.Overall), text);
        Assert.Contains(ScoreDisplayOf(country.Scorecard.FindDomain("policy")!.Score), text);
        Assert.Contains("https://example.org/evidence/KEN.pdf", text);
        Assert.InRange(PageCount(path), 6, 40);
    }

    [Fact]
    public async Task Arabic_report_is_right_to_left_with_arabic_text_in_logical_order()
    {
        var data = ReportTestData.Build(ReportKind.Country, culture: "ar", iso3: "EGY");
        var (_, path) = await PrintAsync(data, "country-egy-ar");
        var text = Normalise(Run("pdftotext", path, "-"));
        // The questionnaire's Arabic domain name and a UI string, as characters in reading order.
        var domain = data.Definition.Domains.Single(d => d.Key == "policy").Name.Get("ar");
        Assert.Contains(Normalise(domain), text);
        Assert.Contains("بطاقة أداء البلد", text);
        Assert.Matches(new Regex(@"\p{IsArabic}{3,}"), text);
    }

    /// <summary>
    /// Chinese prints with Noto Sans CJK (installed by scripts/install-deps.sh) and Russian with Noto Sans' Cyrillic; every
    /// font is embedded, so the PDF reads the same on a machine without them. Chromium's PDF backend (Skia) writes the
    /// CJK glyphs of the CFF-flavoured Noto Sans CJK collection as Type 3 outlines, not as a named CID font: embedded and
    /// extractable (the text below comes from them), though not subset by name.
    /// </summary>
    [Theory]
    [InlineData("zh-Hans", "国家记分卡", "方法")]
    [InlineData("ru", "Карта результатов страны", "Методология")]
    public async Task A_chinese_or_russian_scorecard_embeds_its_fonts_and_reads_in_its_language(string culture, string title, string overall)
    {
        var data = ReportTestData.Build(ReportKind.Country, culture: culture, iso3: "KEN");
        var (_, path) = await PrintAsync(data, "country-ken-" + culture);
        var text = Normalise(Run("pdftotext", "-layout", path, "-"));
        Assert.Contains(title, text);
        Assert.Contains(overall, text);

        // pdffonts: name, type, encoding, emb, sub, uni, object, id — after two header lines.
        var fonts = Run("pdffonts", path).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, line => Assert.True(Regex.IsMatch(line, @"\s+yes\s+(yes|no)\s+yes\s+\d+\s+\d+\s*$"), $"not embedded with a Unicode map: {line}"));
        Assert.Contains(fonts, line => line.Contains("NotoSans", StringComparison.Ordinal));
        // Chinese characters come out as Chinese characters, not as boxes or question marks.
        Assert.Matches(new Regex(culture == "ru" ? @"\p{IsCyrillic}{5,}" : @"\p{IsCJKUnifiedIdeographs}{4,}"), text);
    }

    [Fact]
    public async Task An_arabic_report_writes_decimals_with_a_full_stop()
    {
        var data = ReportTestData.Build(ReportKind.Country, culture: "ar", iso3: "KEN");
        var (_, path) = await PrintAsync(data, "country-ken-ar-digits");
        var text = Run("pdftotext", "-layout", path, "-");
        Assert.DoesNotContain("٫", text);
        Assert.Matches(new Regex(@"\d+\.\d\b"), text);
    }

    [Fact]
    public async Task Anonymised_regional_report_names_no_country()
    {
        var data = ReportTestData.Build(ReportKind.Regional, PublicationMode.Anonymised, region: "AFR",
            bestPractices: [new ReportBestPractice("Helpline", "Kenya", "A national helpline.", null)]);
        var (_, path) = await PrintAsync(data, "regional-afr-anonymised-fr");
        var text = Normalise(Run("pdftotext", "-layout", path, "-"));
        foreach (var (_, name, _) in ReportTestData.Countries)
        {
            Assert.DoesNotMatch(new Regex($@"\b{Regex.Escape(name)}\b"), text);
        }
        Assert.Contains("Regional stocktaking", text);
        Assert.Contains("Africa", text);
    }

    // Twelve validated countries in a cycle where every other Member State has a draft: ISO order
    // (BRA CAF CIV COD CRI EGY FRA GBR HRV JPN KEN ZAF) and ordinal order ("Côte" after "Croatia") both differ
    // from the order of the names.
    private static readonly string[] HeatMapCountries = ["BRA", "CAF", "CIV", "COD", "CRI", "EGY", "FRA", "GBR", "HRV", "JPN", "KEN", "ZAF"];

    private static readonly string[] HeatMapOrder =
    [
        "Brazil", "Central African Republic", "Costa Rica", "Côte d'Ivoire", "Croatia", "Democratic Republic of the Congo",
        "Egypt", "France", "Japan", "Kenya", "South Africa", "United Kingdom",
    ];

    [Theory]
    [InlineData("en", "181 countries without a validated assessment are not shown.")]
    [InlineData("ar", "181 بلًدا ليس له تقييم معتمد")] // as pdftotext reads it: the "لا" ligature broken up, the tanween moved
    public async Task Heat_map_shows_the_scored_countries_by_name_under_its_legend_and_counts_the_rest(string culture, string countLine)
    {
        var sources = ReportTestData.Sources(only: _ => true)
            .Select(s => HeatMapCountries.Contains(s.Iso3) ? s : s with { Status = Domain.Workflow.SubmissionStatus.Draft, Scorecard = null })
            .ToList();
        var data = ReportTestData.Build(ReportKind.Global, culture: culture, sources: sources);
        var (_, path) = await PrintAsync(data, "global-named-heatmap-" + culture);

        // The heat map's page: the one that holds the first name.
        var pages = PageCount(path);
        var texts = Enumerable.Range(1, pages).Select(p => Flatten(Run("pdftotext", "-f", $"{p}", "-l", $"{p}", path, "-"))).ToList();
        var page = texts.FindIndex(t => t.Contains(HeatMapOrder[0]));
        Assert.True(page > 1, "no heat map page");
        var text = texts[page];

        // Every scored country, its long name whole (wrapped, not cut at its start), in the order of the names:
        // rows read top to bottom from the page's layout (reading order mixes right-to-left rows).
        Assert.All(HeatMapOrder, name => Assert.True(text.Contains(name, StringComparison.Ordinal), $"'{name}' not on the heat map page:\n{text}"));
        Assert.DoesNotContain("…", text);
        var rows = Normalise(Run("pdftotext", "-layout", "-f", $"{page + 1}", "-l", $"{page + 1}", path, "-"));
        var positions = HeatMapOrder.Select(name => rows.IndexOf(string.Join(' ', name.Split(' ').Take(2)), StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);

        // No unscored country anywhere in the report (names inside a scored one's name, such as "Congo", aside).
        var all = string.Join("\n", texts);
        foreach (var (iso3, name, _) in ReportTestData.Countries.Where(c => !HeatMapCountries.Contains(c.Iso3)))
        {
            if (HeatMapOrder.Any(shown => shown.Contains(name, StringComparison.Ordinal))) continue;
            Assert.DoesNotMatch(new Regex($@"(?<!\p{{L}}){Regex.Escape(name)}(?!\p{{L}})"), all);
        }

        // The count of the others under the C1–C21 legend, and the legend on the map's page, above the map
        // (the table's header repeats the codes after the count line).
        var count = text.IndexOf(countLine, StringComparison.Ordinal);
        Assert.True(count >= 0, $"'{countLine}' not on the heat map page:\n{text}");
        var codes = data.ScoredCapabilities.Count();
        var legend = Enumerable.Range(1, codes).Select(n => Regex.Match(text, $@"\bC{n}(?!\d)")).ToList();
        Assert.All(legend, code => Assert.InRange(code.Success ? code.Index : -1, 0, count));
        Assert.Equal(2, Regex.Matches(text, $@"\bC{codes}(?!\d)").Count);
    }

    /// <summary>
    /// One line: bidi marks and line breaks (a wrapped name, a wrapped legend) become spaces, as the reader sees
    /// them (pdftotext puts the marks between a right-to-left word and a number).
    /// </summary>
    private static string Flatten(string text) => Regex.Replace(Regex.Replace(text, "[\u202A-\u202E\u2066-\u2069]", " "), @"\s+", " ");

    internal static string ScoreDisplayOf(double? score) => Domain.Scoring.ScoreDisplay.Format(score);

    /// <summary>Collapses spaces and drops the bidi embedding marks pdftotext puts around right-to-left runs.</summary>
    internal static string Normalise(string text) => Regex.Replace(Regex.Replace(text, "[\u202A-\u202E\u2066-\u2069]", ""), @"[ \t]+", " ");

    internal static int PageCount(string path) =>
        int.Parse(Regex.Match(Run("pdfinfo", path), @"Pages:\s+(\d+)").Groups[1].Value);

    internal static string Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {process.StandardError.ReadToEnd()}");
        return output;
    }
}
