using System.Text.Encodings.Web;
using CopAssessment.Domain.Questionnaires;
using Microsoft.AspNetCore.Html;
using Microsoft.Extensions.Localization;

namespace CopAssessment.Web.Infrastructure.Localization;

/// <summary>
/// A questionnaire text (question, option, help, domain, capability or stage name) as a page shows it. When the
/// definition has no text in the reader's language the English one stands in, and says so: it carries
/// <c>lang="en"</c> (screen readers switch voice, browsers hyphenate correctly) and is followed by a small
/// translated "English" badge, so a missing translation is never passed off as the reader's language.
/// </summary>
public static class DefinitionText
{
    public static IHtmlContent Text(this IStringLocalizer L, LocalizedText? text, string culture) =>
        text is null ? HtmlString.Empty : L.Text(text.Find(culture));

    public static IHtmlContent Text(this IStringLocalizer L, ShownText shown)
    {
        if (!shown.IsFallback)
        {
            return new HtmlString(HtmlEncoder.Default.Encode(shown.Text));
        }

        return new HtmlContentBuilder()
            .AppendHtml("<span lang=\"en\" dir=\"ltr\">").Append(shown.Text).AppendHtml("</span> ")
            .AppendHtml("<span class=\"fallback-language badge text-bg-light border\">").Append(L["English"].Value).AppendHtml("</span>");
    }
}
