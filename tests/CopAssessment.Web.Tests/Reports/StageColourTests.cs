using CopAssessment.Web.Reporting.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CopAssessment.Web.Tests.Reports;

/// <summary>Stage colours come from the definition's stages, however many, and are the same in the PDF and the workbook.</summary>
public class StageColourTests(ReportServices app) : IClassFixture<ReportServices>
{
    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public async Task Every_stage_has_its_own_colour_and_the_pdf_uses_the_workbooks(int stages)
    {
        var definition = ReportTestData.WithStages(stages);
        var data = ReportTestData.Build(ReportKind.Global, definition: definition);
        Assert.Equal(stages, data.Definition.Stages.Count);

        await using var scope = app.Services.CreateAsyncScope();
        var html = await scope.ServiceProvider.GetRequiredService<PdfReportWriter>().HtmlAsync(data);
        var pdf = Regex.Matches(html, @"\.st(\d+) \{ background: #([0-9A-F]{6})").ToDictionary(m => int.Parse(m.Groups[1].Value), m => m.Groups[2].Value);

        using var document = SpreadsheetDocument.Open(new MemoryStream(new ExcelReportWriter(ReportTestData.Localizer()).Write(data)), false);
        var excel = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet.DifferentialFormats!.Elements<DifferentialFormat>()
            .Select(f => f.Fill!.PatternFill!.ForegroundColor!.Rgb!.Value![2..]).ToList();

        Assert.Equal(Enumerable.Range(0, stages), pdf.Keys.Order());
        Assert.Equal(stages, pdf.Values.Distinct().Count());
        Assert.Equal(excel, Enumerable.Range(0, stages).Select(i => pdf[i]));
        // Every stage's legend chip and every coloured cell name a class that exists.
        Assert.All(Regex.Matches(html, @"class=""(?:chip |pill )?st(\d+)""").Select(m => int.Parse(m.Groups[1].Value)), i => Assert.InRange(i, 0, stages - 1));
        Assert.Contains($"class=\"chip st{stages - 1}\"", html);
    }

    /// <summary>Printed, a six-stage report names every stage in its legends (artifacts/reports/global-six-stages.pdf, to look at).</summary>
    [Fact]
    public async Task A_six_stage_report_prints_with_every_stage_in_the_legend()
    {
        var data = ReportTestData.Build(ReportKind.Global, definition: ReportTestData.WithStages(6));
        await using var scope = app.Services.CreateAsyncScope();
        var pdf = await scope.ServiceProvider.GetRequiredService<PdfReportWriter>().WriteAsync(data);
        var path = Path.Combine(ReportTestData.ArtifactsDirectory(), "global-six-stages.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        var text = PdfReportTests.Normalise(PdfReportTests.Run("pdftotext", "-layout", path, "-"));
        Assert.All(Enumerable.Range(1, 6), i => Assert.Contains($"Stage {i}", text));
    }
}
