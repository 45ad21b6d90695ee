using System.Buffers;

namespace CopAssessment.Web.Infrastructure.Localization;

/// <summary>
/// User-written text keeps its own direction and cannot reorder what surrounds it. Pages isolate it with
/// <c>dir="auto"</c> or <c>&lt;bdi&gt;</c>; where the text is formatted into a sentence or printed outside
/// HTML markup, <see cref="Isolate"/> wraps it in FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, the plain-text
/// equivalent. File names lose their directional controls at upload (<see cref="StripControls"/>): a name such
/// as <c>photo\u202Egnp.exe</c> would otherwise display as "photo exe.png".
/// </summary>
public static class Bidi
{
    /// <summary>LRE, RLE, PDF, LRO, RLO (U+202A–202E) and LRI, RLI, FSI, PDI (U+2066–2069).</summary>
    private static readonly SearchValues<char> Controls = SearchValues.Create("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    public static bool HasControls(string text) => text.AsSpan().IndexOfAny(Controls) >= 0;

    public static string StripControls(string text) =>
        HasControls(text) ? string.Concat(text.Where(c => !Controls.Contains(c))) : text;

    public static string Isolate(string? text) => string.IsNullOrEmpty(text) ? "" : "\u2068" + text + "\u2069";

    /// <summary>
    /// A translated sentence for a page with <paramref name="value"/> in place of its <c>{0}</c>, isolated in
    /// <c>&lt;bdi&gt;</c> (the HTML way) and encoded like the rest.
    /// </summary>
    public static Microsoft.AspNetCore.Html.IHtmlContent Html(Microsoft.Extensions.Localization.LocalizedString template, string value)
    {
        // Encoded when written, by the page's own encoder (which leaves the six languages' letters as they are).
        var parts = template.Value.Split("{0}", 2);
        var html = new Microsoft.AspNetCore.Html.HtmlContentBuilder().Append(parts[0]);
        return parts.Length == 2 ? html.AppendHtml("<bdi>").Append(value).AppendHtml("</bdi>").Append(parts[1]) : html;
    }
}
