using System.Net;

namespace CopAssessment.Web.Tests.Reports;

/// <summary>
/// Anonymised regional and global reports, produced the way an administrator gets them: a named cycle is
/// switched to the anonymised policy on the cycles page, then exported through the reports page (with the
/// demo library's published practices, whose texts name countries). Every text of every workbook and PDF is
/// searched for the 193 Member States.
/// </summary>
[Collection(AppCollection.Name)]
public class AnonymisedReportTests(CopAppFactory app)
{
    private static readonly string[] Languages = ["en", "fr", "ar"];

    /// <summary>The global report is also exported in the three other languages (and their country names searched for).</summary>
    private static readonly string[] AllLanguages = ["en", "fr", "ar", "es", "ru", "zh-Hans"];

    /// <summary>A word of the title of a global or regional report, as pdftotext reads it, per language.</summary>
    private static readonly Dictionary<string, string> TitleWords = new()
    {
        ["en"] = "stocktaking", ["fr"] = "Bilan", ["ar"] = "تقييم", ["es"] = "Balance", ["ru"] = "обзор", ["zh-Hans"] = "盘点",
    };

    /// <summary>Every country of four regions; only two CIS countries and one Arab State, whose figures must be suppressed.</summary>
    private static bool Participates(string iso3) => ReportTestData.CountryRegions[iso3] switch
    {
        "CIS" => iso3 is "RUS" or "KAZ",
        "ARB" => iso3 == "EGY",
        _ => true,
    };

    [Fact]
    public async Task Anonymised_workbooks_and_pdfs_name_no_country_and_show_no_figure_from_fewer_than_three_countries()
    {
        var cycle = await CycleSeed.CreateAsync(app, PublicationPolicy.Named, Participates);
        var terms = await CountryTermsAsync(app);
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        // The search finds them while the cycle is named.
        using (var named = ExcelReportTests.Open(await ReportsWebTests.ExportAsync(app, reviewer, cycle, "Global", "", "Excel")))
        {
            var texts = ExcelReportTests.SheetNames(named).SelectMany(n => ExcelReportTests.Read(named, n).AllTexts()).ToList();
            Assert.Contains(texts, t => terms.Any(term => term.Country == "KEN" && term.Pattern.IsMatch(t)));
            Assert.Contains(texts, t => terms.Any(term => term.Country == "FRA" && term.Pattern.IsMatch(t)));
        }

        var admin = await app.SignedInClientAsync("admin@demo.local");
        var change = await admin.PostFormAsync("/admin/cycles", $"/admin/cycles/{cycle}/policy", new Dictionary<string, string> { ["policy"] = "Anonymised" });
        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        Assert.Equal(PublicationPolicy.Anonymised, await app.WithDbAsync(db => db.Set<AssessmentCycle>().Where(c => c.Id == cycle).Select(c => c.PublicationPolicy).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.Set<Data.BestPractices.BestPractice>().CountAsync(p => p.PublishedVersionId != null)) > 0);

        foreach (var (kind, region) in new[] { ("Global", ""), ("Regional", "CIS"), ("Regional", "AFR") })
        {
            foreach (var language in kind == "Global" ? AllLanguages : Languages)
            {
                var label = $"{kind} {region} {language}";
                using var workbook = ExcelReportTests.Open(await ReportsWebTests.ExportAsync(app, reviewer, cycle, kind, region, "Excel", language));
                var sheets = ExcelReportTests.SheetNames(workbook);
                var texts = sheets.Concat(sheets.SelectMany(n => ExcelReportTests.Read(workbook, n).AllTexts()))
                    .Append(workbook.PackageProperties.Title ?? "").Append(workbook.PackageProperties.Subject ?? "").ToList();
                AssertNamesNoCountry(texts, terms, label + " xlsx");
                if (language == "en") AssertSmallRegionsSuppressed(workbook, region == "AFR" ? 0 : 10);

                var pdf = await ReportsWebTests.ExportAsync(app, reviewer, cycle, kind, region, "Pdf", language);
                var path = Path.Combine(ReportTestData.ArtifactsDirectory(), $"anonymised-{kind.ToLowerInvariant()}{region.ToLowerInvariant()}-{language}.pdf");
                await File.WriteAllBytesAsync(path, pdf);
                var printed = PdfReportTests.Normalise(PdfReportTests.Run("pdftotext", "-layout", path, "-"));
                Assert.Contains(TitleWords[language], printed);
                // In reading order, with wrapped lines joined, so that a label printed in capitals is found whole.
                var reading = Regex.Replace(PdfReportTests.Normalise(PdfReportTests.Run("pdftotext", path, "-")), @"\s+", " ");
                AssertNamesNoCountry([WithoutCapitalisedUiText(reading, language)], terms, label + " pdf");
                if (language == "en") AssertSmallRegionLinesHaveNoScores(printed, label);
            }
        }
    }

    /// <summary>
    /// The names the product knows for each Member State: its name in English and in every other language of the
    /// product (CLDR's, as stored); ISO 3166 alpha-3 and alpha-2 codes as whole words.
    /// </summary>
    internal static async Task<List<(string Country, Regex Pattern)>> CountryTermsAsync(CopAppFactory app)
    {
        var countries = await app.WithDbAsync(db => db.Countries.AsNoTracking().Select(c => new { c.Iso3, c.Iso2, c.Name }).ToListAsync());
        Assert.Equal(193, countries.Count);
        var stored = await app.WithDbAsync(db => db.CountryNames.AsNoTracking().ToListAsync());
        // (Other tests of the collection correct or clear a name: a cleared one reads in English, which is searched for too.)
        Assert.All(Infrastructure.Localization.PlaceNames.Languages, language => Assert.True(stored.Count(n => n.Language == language) > 180, language));
        var terms = new List<(string, Regex)>();
        foreach (var country in countries)
        {
            var names = stored.Where(n => n.CountryIso3 == country.Iso3).Select(n => n.Name).Append(country.Name).ToHashSet();
            // "Bolivia (Plurinational State of)" is also written "Bolivia".
            names.UnionWith(names.Where(n => n.Contains(" (")).Select(n => n[..n.IndexOf(" (", StringComparison.Ordinal)]).ToList());
            foreach (var name in names)
            {
                // Arabic attaches prefixes to a word ("وكينيا", "لمصر", but "مالي" inside "الإجمالي" is no Mali), and Chinese has
                // no spaces between words (no word boundary there).
                var pattern = Regex.IsMatch(name, @"\p{IsCJKUnifiedIdeographs}") ? Regex.Escape(name)
                    : Regex.IsMatch(name, @"\p{IsArabic}") ? $@"(?<!\p{{L}})(?:و|ف|ب|ل|ك|ال|لل|وال|بال|فال|كال)?{Regex.Escape(name)}(?!\p{{L}})"
                    : $@"(?<!\p{{L}}){Regex.Escape(name)}(?!\p{{L}})";
                terms.Add((country.Iso3, new Regex(pattern)));
            }
            foreach (var code in new[] { country.Iso3, country.Iso2 })
            {
                terms.Add((country.Iso3, new Regex($@"(?<![\p{{L}}\p{{N}}]){code}(?![\p{{L}}\p{{N}}])")));
            }
        }
        return terms;
    }

    /// <summary>
    /// The PDF prints some of the product's own strings in capitals (the cover's organisation, figure labels),
    /// where French words such as "DE" and "LA" read like ISO codes: those strings are taken out first.
    /// </summary>
    private static string WithoutCapitalisedUiText(string printed, string language)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var resources = Path.Combine(ReportTestData.RepositoryRoot(), "src", "CopAssessment.Web", "Resources");
        var strings = Directory.EnumerateFiles(resources, $"*.{(language == "en" ? "fr" : language)}.json")
            .SelectMany(f => System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(f))!)
            .Select(p => language == "en" ? p.Key : p.Value)
            .Select(s => s.ToUpper(culture)).Where(s => s.Length > 3).Distinct().OrderByDescending(s => s.Length);
        foreach (var text in strings) printed = printed.Replace(text, " ");
        return printed;
    }

    internal static void AssertNamesNoCountry(IEnumerable<string> texts, List<(string Country, Regex Pattern)> terms, string label)
    {
        var found = texts.SelectMany(t => terms.Where(term => term.Pattern.IsMatch(t))
                .Select(term => $"{term.Country} /{term.Pattern}/ in \"{Excerpt(t, term.Pattern)}\""))
            .Distinct().Take(10).ToList();
        Assert.True(found.Count == 0, $"{label} names countries:\n" + string.Join("\n", found));
    }

    private static string Excerpt(string text, Regex pattern)
    {
        var match = pattern.Match(text);
        var start = Math.Max(0, match.Index - 40);
        return text.Substring(start, Math.Min(text.Length - start, match.Length + 80)).ReplaceLineEndings(" ");
    }

    private static readonly string[] SmallRegions = [ReportTestData.RegionNames["CIS"], ReportTestData.RegionNames["ARB"]];

    /// <summary>In every sheet, the rows of the two-country and one-country regions hold counts but no score.</summary>
    private static void AssertSmallRegionsSuppressed(DocumentFormat.OpenXml.Packaging.SpreadsheetDocument workbook, int expectedRows)
    {
        var checkedRows = 0;
        foreach (var name in ExcelReportTests.SheetNames(workbook))
        {
            var sheet = ExcelReportTests.Read(workbook, name);
            // Where the area's name is and where its first score is: Summary and the heat map name the area in
            // column A, the domain sheets in column B after the domain or capability.
            var (areaColumn, firstScore) = name switch
            {
                "Summary" => (0, 6),
                "Heat map" => (0, 2),
                "Answers" or "Best practices" or "About" => (-1, 0),
                _ => (1, 3),
            };
            if (areaColumn < 0) continue;
            foreach (var row in sheet.Rows.Where(r => SmallRegions.Contains(sheet.Text(r, areaColumn))))
            {
                for (var column = firstScore; column < firstScore + 60; column++)
                {
                    Assert.True(sheet.Number(row, column) is null, $"{name} row {row} column {column}: {sheet.Number(row, column)} from fewer than three countries");
                }
                checkedRows++;
            }
        }
        Assert.True(checkedRows >= expectedRows, $"only {checkedRows} small-region rows checked");
    }

    /// <summary>In the PDF, no line about a small region carries a score (one decimal); counts and percentages may remain.</summary>
    private static void AssertSmallRegionLinesHaveNoScores(string printed, string label)
    {
        foreach (var line in printed.Split('\n').Where(l => l.Contains("Commonwealth of") || l.Contains("Arab States")))
        {
            Assert.DoesNotMatch(new Regex(@"(?<![\d.,])\d{1,3}\.\d(?![\d%])"), line.Replace(label, ""));
        }
    }
}
