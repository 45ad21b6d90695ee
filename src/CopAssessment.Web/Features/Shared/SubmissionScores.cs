using CopAssessment.Domain.Questionnaires;

namespace CopAssessment.Web.Features.Shared;

/// <summary>The scorecard a page shows for a submission; <paramref name="Validated"/> when it is the stored, validated one.</summary>
public sealed record ShownScorecard(Scorecard Scorecard, bool Validated);

/// <summary>
/// Which scorecard the overview, the review page and the dashboard show, decided once: a validated (or published)
/// submission shows the snapshot stored at validation; any other is scored in the mode its status calls for and
/// is provisional. How each figure reads is here too, so the pages cannot disagree.
/// </summary>
public static class SubmissionScores
{
    public static ShownScorecard For(SubmissionStatus status, string? snapshot, QuestionnaireDefinition definition, IReadOnlyDictionary<string, AnswerValue> values) =>
        status.IsValidated() && snapshot is not null
            ? new ShownScorecard(ScoreSnapshot.Parse(snapshot), true)
            : new ShownScorecard(ScoringEngine.Score(definition, values, SubmissionWorkflow.ScoringModeFor(status)), false);

    public static ShownScorecard For(SubmissionContext context, IReadOnlyDictionary<string, AnswerValue> values) =>
        For(context.Submission.Status, context.Submission.ScoreSnapshot, context.Definition, values);

    /// <summary>
    /// "67.7 (Advanced)" once the index is complete; until then "67.7, based on 3 of 7 scored domains", with no stage,
    /// because a stage reached on a few sections says nothing about the rest.
    /// </summary>
    public static string IndexText(Scorecard card, QuestionnaireDefinition definition, IStringLocalizer L, string culture)
    {
        var score = ScoreDisplay.Format(card.Overall, CultureInfo.CurrentCulture);
        if (card.Overall is null) return L["No score yet"];
        var basis = card.Basis;
        if (!basis.Complete) return L["{0}, based on {1} of {2} scored domains", score, basis.DomainsCounted, basis.ScoredDomains];
        return definition.Stages.FirstOrDefault(s => s.Key == card.Stage)?.Name.Get(culture) is { } stage ? $"{score} ({stage})" : score;
    }

    /// <summary><see cref="IndexText"/> for a page: a stage name shown in English for want of a translation is marked so.</summary>
    public static Microsoft.AspNetCore.Html.IHtmlContent IndexHtml(Scorecard card, QuestionnaireDefinition definition, IStringLocalizer L, string culture)
    {
        var stage = card.Overall is not null && card.Basis.Complete ? definition.Stages.FirstOrDefault(s => s.Key == card.Stage) : null;
        if (stage is null) return new Microsoft.AspNetCore.Html.HtmlString(System.Text.Encodings.Web.HtmlEncoder.Default.Encode(IndexText(card, definition, L, culture)));
        return new Microsoft.AspNetCore.Html.HtmlContentBuilder()
            .Append(ScoreDisplay.Format(card.Overall, CultureInfo.CurrentCulture)).Append(" (").AppendHtml(L.Text(stage.Name, culture)).Append(")");
    }

    /// <summary>A section's score, or "Not scored" for a section that never enters the index.</summary>
    public static string DomainText(DomainScore domain, IStringLocalizer L) =>
        domain.Scored ? ScoreDisplay.Format(domain.Score, CultureInfo.CurrentCulture) : L["Not scored"];

    /// <summary>"12 of 17 required questions that apply now": the denominator grows when an answer opens follow-up questions.</summary>
    public static string ProgressText(Completeness completeness, IStringLocalizer L) =>
        L.Plural(completeness.Required, "{0} of {1} required question that applies now", "{0} of {1} required questions that apply now", completeness.Answered, completeness.Required);
}

/// <summary>The scorecard partial's model.</summary>
/// <param name="SectionLink">The link of a section's page, or null to show names only.</param>
public sealed record ScorecardView(SubmissionContext Context, ShownScorecard Shown, string Culture, Func<string, string>? SectionLink = null);
