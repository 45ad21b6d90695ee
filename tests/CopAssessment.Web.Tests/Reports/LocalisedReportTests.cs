using System.Text.RegularExpressions;

namespace CopAssessment.Web.Tests.Reports;

/// <summary>
/// The global report in each of the six languages, exported through the reports page from a cycle in the
/// database: every font of the PDF embedded, the country names of the report's language (as stored from CLDR)
/// in the PDF and the workbook, and no English name of any Member State where the language has its own.
/// </summary>
[Collection(AppCollection.Name)]
public class LocalisedReportTests(CopAppFactory app)
{
    // Names that differ in every language, long ones (Russian, French) and ones ordered differently by collation.
    private static readonly string[] Participants = ["CHN", "KAZ", "MEX", "DEU", "EGY", "CIV", "GBR", "RUS", "BRA", "JPN", "KEN", "ZAF", "CAF", "COD", "VCT", "BIH"];

    private static int? cycle;

    [Theory]
    [InlineData("en")]
    [InlineData("fr")]
    [InlineData("ar")]
    [InlineData("es")]
    [InlineData("ru")]
    [InlineData("zh-Hans")]
    public async Task Global_pdf_and_workbook_name_the_countries_in_the_reports_language(string language)
    {
        cycle ??= await CycleSeed.CreateAsync(app, PublicationPolicy.Named, Participants.Contains);
        // The names as the product gives them: CLDR's (as corrected by administrators), English where a language has none.
        var names = new Dictionary<string, IReadOnlyDictionary<string, string>>();
        foreach (var lang in new[] { "en", language })
        {
            await app.WithScopeAsync(async sp => names[lang] = await sp.GetRequiredService<Infrastructure.Localization.PlaceNames>().CountriesAsync(lang));
        }
        string NameOf(string iso3, string lang) => names[lang][iso3];
        // Published practices are quoted as their authors wrote them, in their own language: their texts are taken out
        // before the search (a name they contain may stay), but the list of their countries is the report's.
        var quoted = (await app.WithDbAsync(db => db.Set<Data.BestPractices.BestPractice>().AsNoTracking()
            .Where(p => p.PublishedVersionId != null)
            .Select(p => new[] { p.PublishedVersion!.Title, p.PublishedVersion.Summary, p.PublishedVersion.Organisation }).ToListAsync()))
            .SelectMany(t => t).Select(t => Regex.Replace(t, @"\s+", " ")).Distinct().OrderByDescending(t => t.Length).ToList();
        string Unquoted(string text) => quoted.Aggregate(Regex.Replace(text, @"\s+", " "), (rest, q) => rest.Replace(q, " "));
        // English names that must not appear: every Member State whose name in this language is different, unless the
        // English name is part of a name of this language ("Niger" in "Nigéria").
        var own = names[language].Values.ToList();
        var forbidden = language == "en" ? [] : names["en"]
            .Where(e => NameOf(e.Key, language) != e.Value && !own.Any(o => Word(e.Value).IsMatch(o)))
            .Select(e => e.Value).ToList();
        Assert.True(language == "en" || forbidden.Count > 100, $"only {forbidden.Count} English names differ in {language}");

        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var pdf = await ReportsWebTests.ExportAsync(app, reviewer, cycle.Value, "Global", "", "Pdf", language);
        var path = Path.Combine(ReportTestData.ArtifactsDirectory(), $"global-{language}.pdf");
        await File.WriteAllBytesAsync(path, pdf);

        // pdffonts: name, type, encoding, emb, sub, uni, object, id — after two header lines; every font embedded, with a Unicode map.
        var fonts = PdfReportTests.Run("pdffonts", path).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, line => Assert.True(Regex.IsMatch(line, @"\s+yes\s+(yes|no)\s+yes\s+\d+\s+\d+\s*$"), $"not embedded with a Unicode map: {line}"));

        var printed = Regex.Replace(PdfReportTests.Normalise(PdfReportTests.Run("pdftotext", path, "-")), @"\s+", " ");
        // Arabic text comes out of pdftotext with its ligatures broken up; its names are checked in the workbook.
        if (language != "ar")
        {
            Assert.All(Participants, iso3 => Assert.True(printed.Contains(NameOf(iso3, language), StringComparison.Ordinal),
                $"{iso3} not printed as '{NameOf(iso3, language)}' in the {language} PDF"));
        }
        AssertNoneOf(forbidden, Unquoted(printed), $"{language} pdf");

        var xlsx = await ReportsWebTests.ExportAsync(app, reviewer, cycle.Value, "Global", "", "Excel", language);
        await File.WriteAllBytesAsync(Path.Combine(ReportTestData.ArtifactsDirectory(), $"global-{language}.xlsx"), xlsx);
        using var workbook = ExcelReportTests.Open(xlsx);
        var sheets = ExcelReportTests.SheetNames(workbook);
        var texts = sheets.Concat(sheets.SelectMany(n => ExcelReportTests.Read(workbook, n).AllTexts()))
            .Append(workbook.PackageProperties.Title ?? "").ToList();
        Assert.All(Participants, iso3 => Assert.Contains(NameOf(iso3, language), texts));
        AssertNoneOf(forbidden, Unquoted(string.Join("\n", texts)), $"{language} xlsx");
    }

    private static Regex Word(string name) => new($@"(?<!\p{{L}}){Regex.Escape(name)}(?!\p{{L}})");

    private static void AssertNoneOf(IEnumerable<string> forbidden, string text, string label)
    {
        var found = forbidden.Where(name => Word(name).IsMatch(text)).Take(10).ToList();
        Assert.True(found.Count == 0, $"{label} has English country names: {string.Join(", ", found)}");
    }
}
