using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace CopAssessment.Web.Features.BestPractices;

/// <summary>
/// Submitted text is stored as plain text; on a page each blank-line-separated block becomes an encoded
/// paragraph and single line breaks become &lt;br&gt;. Nothing the submitter typed is ever emitted as HTML.
/// </summary>
public static class PlainText
{
    public static IHtmlContent Paragraphs(string? text, HtmlEncoder encoder)
    {
        var builder = new HtmlContentBuilder();
        if (string.IsNullOrWhiteSpace(text)) return builder;
        foreach (var paragraph in text.ReplaceLineEndings("\n").Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            builder.AppendHtml("<p>");
            var lines = paragraph.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (i > 0) builder.AppendHtml("<br>");
                builder.AppendHtml(encoder.Encode(lines[i]));
            }
            builder.AppendHtml("</p>");
        }
        return builder;
    }
}
