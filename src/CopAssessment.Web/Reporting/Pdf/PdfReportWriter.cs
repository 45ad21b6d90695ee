namespace CopAssessment.Web.Reporting.Pdf;

public sealed record PdfSection(string Id, string Title);

public sealed record PdfReportModel(ReportData Data, IReadOnlyList<PdfSection> Sections)
{
    /// <summary>"front" (cover and contents), one section id, or null for the whole document.</summary>
    public string? Only { get; init; }

    /// <summary>First page of each section, for the table of contents.</summary>
    public IReadOnlyDictionary<string, int> Pages { get; init; } = new Dictionary<string, int>();

    public bool Shows(string id) => Only is null || Only == id;

    /// <summary>Set when the document is read on the web instead of printed: its style sheet's URL and the way back.</summary>
    public ReportWebPage? Web { get; init; }
}

/// <param name="Stylesheet">Where <see cref="ReportStyles"/> is served (no inline style on the web: the Content-Security-Policy).</param>
/// <param name="Back">The reports page.</param>
public sealed record ReportWebPage(string Stylesheet, string Back);

/// <summary>
/// A report as PDF: the Razor view Reporting/Pdf/Report.cshtml printed by Chromium. Each section starts on
/// a new page. A draft print of the whole document tells, through the bookmarks Chromium writes for
/// headings, where each section starts (falling back to printing each section alone to count its pages);
/// then the document is printed with those page numbers in its table of contents.
/// </summary>
public sealed class PdfReportWriter(RazorViewRenderer views, PdfRenderer renderer, IStringLocalizer<Ui> L)
{
    public const string ViewPath = "/Reporting/Pdf/Report.cshtml";

    public async Task<byte[]> WriteAsync(ReportData data, CancellationToken cancellationToken = default)
    {
        using var inCulture = CultureScope.All(data.Culture);
        var model = new PdfReportModel(data, Sections(data));
        var frame = new PageFrame(data.Title, L["Page {0} of {1}"], data.IsRightToLeft);

        var pages = await SectionPagesFromOutlineAsync(model, frame, cancellationToken)
            ?? await SectionPagesBySectionAsync(model, frame, cancellationToken);
        var html = await views.RenderAsync(ViewPath, model with { Pages = pages });
        return await renderer.PrintAsync(html, frame, cancellationToken);
    }

    /// <summary>The document as Chromium is given it (contents with placeholder page numbers), for checking what is printed.</summary>
    public async Task<string> HtmlAsync(ReportData data)
    {
        using var inCulture = CultureScope.All(data.Culture);
        var model = new PdfReportModel(data, Sections(data));
        return await views.RenderAsync(ViewPath, model with { Pages = model.Sections.ToDictionary(s => s.Id, _ => 88) });
    }

    /// <summary>
    /// One draft print of the whole document; the bookmarks Chromium writes for the section headings say
    /// on which page each section starts. Null when a section heading is not found in the outline.
    /// </summary>
    private async Task<Dictionary<string, int>?> SectionPagesFromOutlineAsync(PdfReportModel model, PageFrame frame, CancellationToken cancellationToken)
    {
        // Two-digit placeholders take the room the real numbers will: the contents page keeps its size.
        var placeholders = model.Sections.ToDictionary(s => s.Id, _ => 88);
        var draft = await renderer.PrintAsync([await views.RenderAsync(ViewPath, model with { Pages = placeholders })], frame, cancellationToken);
        var outline = PdfOutline.Read(draft[0]);
        var pages = new Dictionary<string, int>();
        var previous = 1;
        foreach (var section in model.Sections)
        {
            // Sections start on a new page, in order: the first bookmark with the section's title after the
            // previous section's page is the section's own heading.
            var title = Normalize(section.Title);
            var page = outline.Where(o => o.Page > previous && Normalize(o.Title) == title).Select(o => (int?)o.Page).Min();
            if (page is null) return null;
            pages[section.Id] = previous = page.Value;
        }
        return pages;
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>The fallback: the front matter and every section printed alone to count their pages.</summary>
    private async Task<Dictionary<string, int>> SectionPagesBySectionAsync(PdfReportModel model, PageFrame frame, CancellationToken cancellationToken)
    {
        var parts = new List<string> { await views.RenderAsync(ViewPath, model with { Only = "front" }) };
        foreach (var section in model.Sections)
        {
            parts.Add(await views.RenderAsync(ViewPath, model with { Only = section.Id }));
        }
        var counts = (await renderer.PrintAsync(parts, frame, cancellationToken)).Select(PdfRenderer.PageCount).ToList();
        var pages = new Dictionary<string, int>();
        var next = counts[0] + 1;
        for (var i = 0; i < model.Sections.Count; i++)
        {
            pages[model.Sections[i].Id] = next;
            next += counts[i + 1];
        }
        return pages;
    }

    /// <summary>The document's sections, in order, with their titles in the current language.</summary>
    public List<PdfSection> Sections(ReportData data)
    {
        if (data.Kind == ReportKind.Country)
        {
            return
            [
                new("overview", L["Overview"]),
                .. data.CountryTrend is null ? Array.Empty<PdfSection>() : [new("trend", L["Change since the previous cycle"])],
                new("capabilities", L["Capabilities"]),
                new("gaps", L["Gaps and suggested actions"]),
                new("answers", L["Answers"]),
                new("methods", L["Methods"]),
            ];
        }

        var sections = new List<PdfSection>
        {
            new("participation", L["Participation"]),
            new("domains", L["Domain averages"]),
            new("heatmap", L["Heat map"]),
            new("stages", L["Distribution over stages"]),
        };
        if (data.AreaTrends is not null) sections.Add(new("trend", L["Change since the previous cycle"]));
        sections.AddRange(data.ScoredDomains.Select(d => new PdfSection("domain-" + d.Key, data.Text(d.Name))));
        sections.Add(new("best-practices", L["Best practices"]));
        sections.Add(new("methods", L["Methods"]));
        return sections;
    }
}
