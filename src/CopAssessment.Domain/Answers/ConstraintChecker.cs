using CopAssessment.Domain.Questionnaires;

namespace CopAssessment.Domain.Answers;

/// <summary>The result of turning form input into an answer: the value, or the message to show next to the field.</summary>
public sealed record AnswerInput(AnswerValue Value, string? Error)
{
    public bool IsValid => Error is null;
}

/// <summary>
/// Checks one answer against its question's type and constraint and returns the message to show, in the
/// user's language: the definition's own <c>constraint.message</c> for constraint violations, built-in text
/// (six UN languages) for answers of the wrong shape.
/// </summary>
public static class ConstraintChecker
{
    /// <summary>
    /// Turns raw form values (one per selected option for multiple choice) into an answer and checks it.
    /// Numbers use the invariant format (what an HTML number input posts); dates are YYYY-MM-DD.
    /// </summary>
    public static AnswerInput Parse(Question question, IReadOnlyList<string?> raw, string culture,
        IReadOnlyDictionary<string, AnswerValue>? otherAnswers = null)
    {
        var values = raw.Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();
        if (values.Count == 0)
        {
            return new AnswerInput(AnswerValue.None, null);
        }

        AnswerValue value;
        switch (question.Type)
        {
            case QuestionType.MultipleChoice:
                value = AnswerValue.Options(values);
                break;
            case QuestionType.YesPartialNo or QuestionType.Maturity or QuestionType.SingleChoice:
                value = AnswerValue.Option(values[0]);
                break;
            case QuestionType.Number:
                if (!decimal.TryParse(values[0], NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
                {
                    return new AnswerInput(AnswerValue.None, Messages.Get("number", culture));
                }

                value = AnswerValue.Number(number);
                break;
            case QuestionType.Date:
                if (!DateOnly.TryParseExact(values[0], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    return new AnswerInput(AnswerValue.None, Messages.Get("date", culture));
                }

                value = AnswerValue.Date(date);
                break;
            default:
                // Text keeps its inner whitespace and line breaks; only the ends are trimmed. A browser sends a
                // textarea's line breaks as CRLF in a form post and as LF from script: stored as LF either way,
                // and counted as one character each, as the page's maxlength counts them.
                value = AnswerValue.Text((values.Count == 1 ? values[0] : string.Join("\n", values)).ReplaceLineEndings("\n"));
                break;
        }

        return new AnswerInput(value, Check(question, value, culture, otherAnswers));
    }

    /// <summary>Null when the answer is acceptable (an empty answer always is: "required" is checked on submission).</summary>
    public static string? Check(Question question, AnswerValue? answer, string culture,
        IReadOnlyDictionary<string, AnswerValue>? otherAnswers = null)
    {
        if (answer is null || !answer.IsAnswered)
        {
            return null;
        }

        if (answer.IsNotApplicable)
        {
            return question.AllowsNotApplicable ? null : Messages.Get("notApplicable", culture);
        }

        var constraint = question.Constraint;
        string? Violated(string code, params object[] args) =>
            constraint?.Message?.Get(culture) ?? Messages.Get(code, culture, args);

        // Length first, so that an oversized answer costs no further work (a URL parse of a megabyte).
        if (answer.Kind == AnswerKind.Text && AnswerLimits.MaxLength(question) is { } limit && answer.OptionOrText!.Length > limit)
        {
            // The definition's message speaks for its own maxLength; the built-in limit has its own text.
            return constraint?.MaxLength == limit ? Violated("maxLength", limit) : Messages.Get("maxLength", culture, limit);
        }

        if (ShapeError(question, answer) is { } shape)
        {
            return Messages.Get(shape, culture);
        }

        if (constraint is null)
        {
            return null;
        }

        if (answer.Kind == AnswerKind.Number)
        {
            var number = answer.NumberValue;
            if ((constraint.Min is { } min && number < min) || (constraint.Max is { } max && number > max))
            {
                return (constraint.Min, constraint.Max) switch
                {
                    ({ } low, { } high) => Violated("range", low, high),
                    ({ } low, null) => Violated("min", low),
                    (_, var high) => Violated("max", high!),
                };
            }
        }

        if (answer.Kind == AnswerKind.Text && constraint.PatternRegex is { } pattern && !Matches(pattern, answer.OptionOrText!))
        {
            return Violated("pattern");
        }

        if (constraint.Expression is { } expression
            && !expression.IsTrue(otherAnswers ?? new Dictionary<string, AnswerValue>(), answer))
        {
            return Violated("expression");
        }

        return null;
    }

    private static string? ShapeError(Question question, AnswerValue answer)
    {
        switch (question.Type)
        {
            case QuestionType.YesPartialNo or QuestionType.Maturity or QuestionType.SingleChoice:
                return answer.Kind == AnswerKind.Option && question.FindOption(answer.OptionOrText!) is not null ? null : "option";
            case QuestionType.MultipleChoice:
                return answer.Kind == AnswerKind.Options && answer.SelectedOptions.All(k => question.FindOption(k) is not null)
                    ? null
                    : "option";
            case QuestionType.Number:
                return answer.Kind != AnswerKind.Number ? "number"
                    : question.Integer && answer.NumberValue != decimal.Truncate(answer.NumberValue) ? "integer"
                    : null;
            case QuestionType.Date:
                return answer.Kind == AnswerKind.Date ? null : "date";
            case QuestionType.Url:
                return answer.Kind == AnswerKind.Text && WebAddress.IsValid(answer.OptionOrText, int.MaxValue) ? null : "url";
            default:
                return answer.Kind == AnswerKind.Text ? null : "text";
        }
    }

    private static bool Matches(Regex pattern, string text)
    {
        try
        {
            return pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            // A pathological pattern/input pair must not hang a request; refusing is the safe side.
            return false;
        }
    }
}
