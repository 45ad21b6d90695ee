using CopAssessment.Domain.Questionnaires;

namespace CopAssessment.Domain.Answers;

/// <summary>
/// The longest answer each free-text type accepts, whatever the definition says: the one rule used by the
/// server check (<see cref="ConstraintChecker"/>), the definition validator, the page's <c>maxlength</c> and
/// docs/questionnaire-format.md. An answer is stored three times (the answer, its history and its audit
/// row), so an unbounded one costs three times its size on every save.
/// </summary>
public static class AnswerLimits
{
    public const int ShortText = 1_000;
    public const int LongText = 10_000;
    public const int Url = WebAddress.MaxLength;

    /// <summary>The built-in limit of a type; null for the types that are not free text.</summary>
    public static int? ForType(QuestionType type) => type switch
    {
        QuestionType.Text => ShortText,
        QuestionType.LongText => LongText,
        QuestionType.Url => Url,
        _ => null,
    };

    /// <summary>The limit that applies to a question: its own <c>maxLength</c> when smaller, else the type's.</summary>
    public static int? MaxLength(Question question) =>
        (ForType(question.Type), question.Constraint?.MaxLength) switch
        {
            ({ } limit, { } own) => Math.Min(limit, own),
            (var limit, _) => limit,
        };
}
