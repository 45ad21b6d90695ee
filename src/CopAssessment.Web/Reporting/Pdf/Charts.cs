using CopAssessment.Domain.Questionnaires;

namespace CopAssessment.Web.Reporting.Pdf;

public enum MarkerKind { Regional, Global }

/// <summary>
/// Server-drawn SVG for reports: no script, no fonts inside the drawing (labels stay in the HTML around it,
/// so Arabic shaping and right-to-left order come from the page, and the bars are mirrored for RTL).
/// </summary>
public static class Charts
{
    public const string BarColour = "#1f4e79";
    public const string RegionalColour = "#c0504d";
    public const string GlobalColour = "#222";

    /// <summary>
    /// A 0–100 bar over stage bands, with markers for the regional and global means. Hidden from assistive technology:
    /// every table that draws one gives the same figures in its own cells beside it.
    /// </summary>
    public static string Bar(double? value, IReadOnlyList<Stage> stages, bool rightToLeft, double? regional = null, double? global = null,
        double? min = null, double? max = null, int width = 300, int height = 16)
    {
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bar\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" aria-hidden=\"true\" focusable=\"false\">");
        if (rightToLeft) svg.Append(CultureInfo.InvariantCulture, $"<g transform=\"translate({width},0) scale(-1,1)\">");
        double X(double score) => Math.Clamp(score, 0, 100) / 100 * width;
        for (var i = 0; i < stages.Count; i++)
        {
            var from = X(stages[i].MinScore);
            var to = i + 1 < stages.Count ? X(stages[i + 1].MinScore) : width;
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{from:0.##}\" y=\"0\" width=\"{to - from:0.##}\" height=\"{height}\" fill=\"#{StagePalette.Fill(i, stages.Count)}\" fill-opacity=\"0.45\"/>");
            if (i > 0) svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{from:0.##}\" x2=\"{from:0.##}\" y1=\"0\" y2=\"{height}\" stroke=\"#fff\" stroke-width=\"1\"/>");
        }
        var mid = height / 2.0;
        if (min is { } low && max is { } high)
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{X(low):0.##}\" x2=\"{X(high):0.##}\" y1=\"{mid:0.##}\" y2=\"{mid:0.##}\" stroke=\"#7f8c9d\" stroke-width=\"1\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(low):0.##}\" x2=\"{X(low):0.##}\" y1=\"{mid - 3:0.##}\" y2=\"{mid + 3:0.##}\" stroke=\"#7f8c9d\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(high):0.##}\" x2=\"{X(high):0.##}\" y1=\"{mid - 3:0.##}\" y2=\"{mid + 3:0.##}\" stroke=\"#7f8c9d\"/>");
        }
        if (value is { } v)
        {
            var barHeight = height * 0.5;
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"0\" y=\"{(height - barHeight) / 2:0.##}\" width=\"{X(v):0.##}\" height=\"{barHeight:0.##}\" fill=\"{BarColour}\" rx=\"1\"/>");
        }
        if (regional is { } r) svg.Append(Marker(X(r), height, MarkerKind.Regional));
        if (global is { } g) svg.Append(Marker(X(g), height, MarkerKind.Global));
        if (rightToLeft) svg.Append("</g>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    public static string Marker(double x, int height, MarkerKind kind) => kind == MarkerKind.Regional
        ? string.Create(CultureInfo.InvariantCulture, $"<path d=\"M{x - 4:0.##},0 L{x + 4:0.##},0 L{x:0.##},5 Z\" fill=\"{RegionalColour}\"/><line x1=\"{x:0.##}\" x2=\"{x:0.##}\" y1=\"0\" y2=\"{height}\" stroke=\"{RegionalColour}\" stroke-width=\"1.5\"/>")
        : string.Create(CultureInfo.InvariantCulture, $"<line x1=\"{x:0.##}\" x2=\"{x:0.##}\" y1=\"0\" y2=\"{height}\" stroke=\"{GlobalColour}\" stroke-width=\"1.5\" stroke-dasharray=\"3,2\"/>");

    /// <summary>A legend swatch: a marker or the bar, 18×12.</summary>
    public static string Swatch(MarkerKind? kind)
    {
        var inner = kind is { } k ? Marker(9, 12, k) : $"<rect x=\"1\" y=\"3\" width=\"16\" height=\"6\" fill=\"{BarColour}\"/>";
        return $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"18\" height=\"12\" viewBox=\"0 0 18 12\">{inner}</svg>";
    }

    /// <summary>A horizontal stacked bar of countries per stage (the distribution over stages).</summary>
    public static string Distribution(IReadOnlyList<int> counts, int stageCount, bool rightToLeft, int width = 300, int height = 14)
    {
        var total = counts.Sum();
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bar\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">");
        if (rightToLeft) svg.Append(CultureInfo.InvariantCulture, $"<g transform=\"translate({width},0) scale(-1,1)\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"0\" width=\"{width}\" height=\"{height}\" fill=\"#eef1f5\"/>");
        double x = 0;
        for (var i = 0; i < counts.Count && total > 0; i++)
        {
            var w = counts[i] * (double)width / total;
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"{x:0.##}\" y=\"0\" width=\"{w:0.##}\" height=\"{height}\" fill=\"#{StagePalette.Fill(i, stageCount)}\" stroke=\"#fff\" stroke-width=\"0.5\"/>");
            x += w;
        }
        if (rightToLeft) svg.Append("</g>");
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>
    /// A small line chart of one score over the cycles (oldest first), 0–100 over faint stage bands: a line between
    /// consecutive scores, a dot per score, the latest larger. A cycle without a score breaks the line. Drawn with
    /// SVG attributes only (the pages' CSP allows no inline style) and mirrored for right-to-left, as the table is.
    /// </summary>
    /// <param name="label">Read by screen readers: the cycles and their scores in words.</param>
    public static string Trend(IReadOnlyList<double?> series, IReadOnlyList<Stage> stages, bool rightToLeft, string label, int width = 120, int height = 28)
    {
        const double pad = 4;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"trend\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{System.Net.WebUtility.HtmlEncode(label)}\">");
        if (rightToLeft) svg.Append(CultureInfo.InvariantCulture, $"<g transform=\"translate({width},0) scale(-1,1)\">");
        double Y(double score) => height - pad - Math.Clamp(score, 0, 100) / 100 * (height - 2 * pad);
        double X(int i) => series.Count <= 1 ? width / 2.0 : pad + i * (width - 2 * pad) / (series.Count - 1);
        for (var i = 0; i < stages.Count; i++)
        {
            var top = i + 1 < stages.Count ? Y(stages[i + 1].MinScore) : 0;
            var bottom = i == 0 ? height : Y(stages[i].MinScore);
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect x=\"0\" y=\"{top:0.##}\" width=\"{width}\" height=\"{bottom - top:0.##}\" fill=\"#{StagePalette.Fill(i, stages.Count)}\" fill-opacity=\"0.35\"/>");
        }
        for (var i = 1; i < series.Count; i++)
        {
            if (series[i - 1] is { } a && series[i] is { } b)
                svg.Append(CultureInfo.InvariantCulture,
                    $"<line x1=\"{X(i - 1):0.##}\" y1=\"{Y(a):0.##}\" x2=\"{X(i):0.##}\" y2=\"{Y(b):0.##}\" stroke=\"{BarColour}\" stroke-width=\"1.5\"/>");
        }
        for (var i = 0; i < series.Count; i++)
        {
            if (series[i] is { } v)
                svg.Append(CultureInfo.InvariantCulture,
                    $"<circle cx=\"{X(i):0.##}\" cy=\"{Y(v):0.##}\" r=\"{(i == series.Count - 1 ? 3 : 2)}\" fill=\"{BarColour}\"/>");
        }
        if (rightToLeft) svg.Append("</g>");
        svg.Append("</svg>");
        return svg.ToString();
    }
}
