using System.Xml.Linq;

namespace CopAssessment.Web.Tests.Reports;

/// <summary>The global report's summary page carries the results page's world map: by country when named, by region when anonymised.</summary>
public class PdfMapTests(ReportServices app) : IClassFixture<ReportServices>
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private async Task<(string Html, string Path)> PrintAsync(ReportData data, string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var writer = scope.ServiceProvider.GetRequiredService<PdfReportWriter>();
        var html = await writer.HtmlAsync(data);
        var path = Path.Combine(ReportTestData.ArtifactsDirectory(), name + ".pdf");
        await File.WriteAllBytesAsync(path, await writer.WriteAsync(data));
        return (html, path);
    }

    private static List<XElement> Areas(string html)
    {
        var svg = XElement.Parse(Regex.Match(html, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"world-map\".*?</svg>", RegexOptions.Singleline).Value);
        return [.. svg.Descendants().Where(e => (string?)e.Attribute("class") == "map-area")];
    }

    /// <summary>The page whose text holds <paramref name="heading"/>, drawn to a PNG beside the PDF to look at.</summary>
    private static int PageWith(string path, string heading)
    {
        for (var page = 1; page <= PdfReportTests.PageCount(path); page++)
        {
            if (!PdfReportTests.Normalise(PdfReportTests.Run("pdftotext", "-f", $"{page}", "-l", $"{page}", "-layout", path, "-")).Contains(heading)) continue;
            PdfReportTests.Run("pdftoppm", "-png", "-r", "60", "-f", $"{page}", "-l", $"{page}", "-singlefile", path, Path.ChangeExtension(path, null) + "-map");
            return page;
        }
        return 0;
    }

    [Fact]
    public async Task A_named_global_report_shades_every_validated_country_on_its_summary_page()
    {
        var data = ReportTestData.Build(ReportKind.Global);
        var (html, path) = await PrintAsync(data, "global-named-map-en");
        var areas = Areas(html);
        var scored = data.ScoredCountries();
        Assert.Equal(scored.Count, areas.Count);
        var kenya = scored.Single(c => c.Iso3 == "KEN");
        var stages = data.Definition.Stages;
        var stage = data.Definition.StageFor(kenya.Scorecard!.Overall)!;
        var area = areas.Single(a => ((string?)a.Attribute("aria-label"))!.StartsWith("Kenya:", StringComparison.Ordinal));
        Assert.Contains(ScoreDisplay.Format(kenya.Scorecard.Overall, CultureInfo.InvariantCulture)!, (string?)area.Attribute("aria-label"));
        Assert.All(area.Descendants(Svg + "path"), p => Assert.Equal("#" + StagePalette.Fill(stages.ToList().IndexOf(stage), stages.Count), (string?)p.Attribute("fill")));
        // On the summary (participation) page, the page after the contents.
        Assert.Equal(3, PageWith(path, "Overall index by country"));
    }

    [Fact]
    public async Task An_anonymised_global_report_shades_regions_only_and_none_from_fewer_than_three_countries()
    {
        var regions = ReportTestData.CountryRegions;
        var sources = ReportTestData.Sources(only: iso3 => regions[iso3] is "AFR" or "EUR" || iso3 is "RUS" or "KAZ");
        var data = ReportTestData.Build(ReportKind.Global, PublicationMode.Anonymised, sources: sources);
        var (html, path) = await PrintAsync(data, "global-anonymised-map-en");
        var areas = Areas(html);
        Assert.Equal(6, areas.Count);
        var labels = areas.Select(a => (string)a.Attribute("aria-label")!).ToList();
        foreach (var (_, name, _) in ReportTestData.Countries) Assert.DoesNotContain(labels, l => Regex.IsMatch(l, $@"\b{Regex.Escape(name)}\b"));
        var cis = areas.Single(a => ((string)a.Attribute("aria-label")!).StartsWith("Commonwealth of Independent States:", StringComparison.Ordinal));
        Assert.All(cis.Descendants(Svg + "path"), p => Assert.Equal("#" + Reporting.Maps.WorldMap.NoDataFill, (string?)p.Attribute("fill")));
        var africa = areas.Single(a => ((string)a.Attribute("aria-label")!).StartsWith("Africa:", StringComparison.Ordinal));
        Assert.Contains(ScoreDisplay.Format(CycleSeed.ExpectedMean(regions.Where(r => r.Value == "AFR").Select(r => r.Key)), CultureInfo.InvariantCulture)!, (string)africa.Attribute("aria-label")!);
        Assert.Equal(3, PageWith(path, "Overall index by region"));
    }
}
