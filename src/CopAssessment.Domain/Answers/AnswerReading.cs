using CopAssessment.Domain.Questionnaires;

namespace CopAssessment.Domain.Answers;

/// <summary>
/// How an answer reads for its question: its 0–1 score, not applicable, or invalid/absent. An answer that does
/// not fit its question (an unknown option, a number for a yes/no …) reads as no answer: scoring stays total
/// and <see cref="ConstraintChecker"/> keeps such answers out in the first place.
/// </summary>
internal readonly record struct AnswerReading(bool Valid, bool NotApplicable, double? Score)
{
    public static readonly AnswerReading Invalid = new(false, false, null);
    private static readonly AnswerReading NotApplicableReading = new(true, true, null);

    public static AnswerReading Read(Question question, AnswerValue? answer)
    {
        if (answer is null || !answer.IsAnswered)
        {
            return Invalid;
        }

        if (answer.IsNotApplicable)
        {
            return question.AllowsNotApplicable ? NotApplicableReading : Invalid;
        }

        switch (question.Type)
        {
            case QuestionType.YesPartialNo or QuestionType.Maturity or QuestionType.SingleChoice:
                if (answer.Kind != AnswerKind.Option || question.FindOption(answer.OptionOrText!) is not { } option)
                {
                    return Invalid;
                }

                return option.NotApplicable ? NotApplicableReading : new AnswerReading(true, false, option.Score);

            case QuestionType.MultipleChoice:
                if (answer.Kind != AnswerKind.Options)
                {
                    return Invalid;
                }

                double sum = 0;
                var notApplicable = false;
                foreach (var key in answer.SelectedOptions)
                {
                    if (question.FindOption(key) is not { } chosen)
                    {
                        return Invalid;
                    }

                    notApplicable |= chosen.NotApplicable;
                    sum += chosen.Score ?? 0;
                }

                // Choosing a not-applicable option makes the whole question not applicable.
                return notApplicable ? NotApplicableReading : new AnswerReading(true, false, question.IsScored ? Math.Min(sum, 1) : null);

            case QuestionType.Number:
                return new AnswerReading(answer.Kind == AnswerKind.Number, false, null);
            case QuestionType.Date:
                return new AnswerReading(answer.Kind == AnswerKind.Date, false, null);
            default:
                return new AnswerReading(answer.Kind == AnswerKind.Text, false, null);
        }
    }
}
