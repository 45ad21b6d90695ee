namespace CopAssessment.Web.Tests.Reports;

public class PdfOutlineTests(ReportServices app) : IClassFixture<ReportServices>
{
    [Theory]
    [InlineData("(Overview)", "Overview")]
    [InlineData(@"(Gaps \(and\) actions\\ \101)", @"Gaps (and) actions\ A")]
    [InlineData("<FEFF0645064506270631063306290020>", "ممارسة ")]
    [InlineData("<FEFF 0041 0042>", "AB")]
    public void Pdf_strings_decode_literal_and_utf16_hex(string token, string expected) =>
        Assert.Equal(expected, PdfOutline.DecodeString(token));

    [Fact]
    public async Task Bookmarks_of_a_printed_report_name_every_section_on_its_first_page_in_Arabic_too()
    {
        var data = ReportTestData.Build(ReportKind.Regional, region: "AFR", culture: "ar");
        await using var scope = app.Services.CreateAsyncScope();
        var writer = scope.ServiceProvider.GetRequiredService<PdfReportWriter>();
        var pdf = await writer.WriteAsync(data);

        var outline = PdfOutline.Read(pdf);
        Assert.NotEmpty(outline);
        Assert.All(outline, item => Assert.InRange(item.Page, 1, PdfRenderer.PageCount(pdf)));
        // The Arabic section title of the methods page is among the bookmarks, after the first page.
        Assert.Contains(outline, item => item.Title.Contains("المنهجية") && item.Page > 1);
    }
}
