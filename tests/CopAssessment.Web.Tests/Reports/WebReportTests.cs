using System.Net;
using CopAssessment.Web.Features.Assessments;

namespace CopAssessment.Web.Tests.Reports;

/// <summary>
/// The global and regional reports read on the web: the PDF's document in the page, scoped like the exports, with its
/// style sheet served (no inline style under the Content-Security-Policy).
/// </summary>
[Collection(AppCollection.Name)]
public class WebReportTests(CopAppFactory app)
{
    private static readonly HashSet<string> Participants = ["KEN", "GHA", "NGA", "FRA", "DEU", "BRA"];

    [Fact]
    public async Task The_secretariat_reads_the_global_report_on_the_web_with_the_figures_of_the_pdf_and_no_inline_style()
    {
        var cycle = await CycleSeed.CreateAsync(app, PublicationPolicy.Named, Participants.Contains);
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");

        var index = await reviewer.GetStringAsync("/reports");
        Assert.Contains($"href=\"/reports/cycles/{cycle}/global\"", index);
        Assert.Contains($"href=\"/reports/cycles/{cycle}/regions/AFR\"", index);

        var response = await reviewer.GetAsync($"/reports/cycles/{cycle}/global");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single());
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<style", html);
        Assert.DoesNotContain(" style=", html);
        var stylesheet = Regex.Match(html, "<link rel=\"stylesheet\" href=\"([^\"]+)\"").Groups[1].Value;
        Assert.StartsWith("/reports/report.css?stages=", stylesheet);
        var css = await reviewer.GetAsync(stylesheet.Replace("&amp;", "&"));
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
        var sheet = await css.Content.ReadAsStringAsync();
        Assert.Contains(".st0 {", sheet);
        Assert.Contains("@media screen", sheet);

        // The contents link to the sections instead of naming pages; the named cycle lists its countries with their index.
        Assert.Contains("href=\"#s-participation\"", html);
        Assert.Contains("id=\"s-participation\"", html);
        Assert.DoesNotContain(">00<", html);
        Assert.Contains("Kenya", html);
        Assert.Contains(ScoreDisplay.Format(CycleSeed.Expected("KEN").Overall), html);
        Assert.Contains("href=\"/reports\"", html);

        // The same document in Arabic: right to left, its headings translated.
        var arabic = await reviewer.GetStringAsync($"/reports/cycles/{cycle}/global?culture=ar&ui-culture=ar");
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", arabic);
        Assert.Contains("العودة إلى التقارير", arabic);
    }

    [Fact]
    public async Task A_regional_coordinator_reads_their_regions_report_only_and_a_focal_point_neither()
    {
        var cycle = await CycleSeed.CreateAsync(app, PublicationPolicy.Named, Participants.Contains);
        var coordinator = await app.SignedInClientAsync("coordinator.afr@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/reports/cycles/{cycle}/regions/AFR")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/reports/cycles/{cycle}/regions/afr")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/reports/cycles/{cycle}/regions/EUR")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/reports/cycles/{cycle}/global")).StatusCode);
        var index = await coordinator.GetStringAsync("/reports");
        Assert.DoesNotContain($"/reports/cycles/{cycle}/global", index);
        Assert.DoesNotContain($"/reports/cycles/{cycle}/regions/EUR", index);

        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await ken.GetAsync($"/reports/cycles/{cycle}/global")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ken.GetAsync($"/reports/cycles/{cycle}/regions/AFR")).StatusCode);
        Assert.DoesNotContain("Read a report on the web", await ken.GetStringAsync("/reports"));

        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync($"/reports/cycles/{cycle}/regions/XXX")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync("/reports/cycles/999999/global")).StatusCode);
        var anonymous = app.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync($"/reports/cycles/{cycle}/global")).StatusCode);
    }
}
