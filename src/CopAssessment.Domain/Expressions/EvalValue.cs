namespace CopAssessment.Domain.Expressions;

internal enum EvalKind
{
    Null,
    Bool,
    Number,
    String,
    Set,
}

/// <summary>A runtime value of the expression language. A struct, so evaluation allocates nothing.</summary>
internal readonly record struct EvalValue(EvalKind Kind, bool Bool = false, decimal Number = 0, string? String = null,
    IReadOnlySet<string>? Set = null)
{
    public static readonly EvalValue Null = new(EvalKind.Null);
    public static readonly EvalValue True = new(EvalKind.Bool, Bool: true);
    public static readonly EvalValue False = new(EvalKind.Bool, Bool: false);

    public static EvalValue Of(bool value) => value ? True : False;

    public static EvalValue Of(decimal value) => new(EvalKind.Number, Number: value);

    public static EvalValue Of(string value) => new(EvalKind.String, String: value);

    public bool IsTrue => Kind == EvalKind.Bool && Bool;

    /// <summary>Dates become ISO strings so they compare correctly as text; "not applicable" reads as null.</summary>
    public static EvalValue FromAnswer(AnswerValue? answer)
    {
        if (answer is null || answer.IsNotApplicable)
        {
            return Null;
        }

        return answer.Kind switch
        {
            AnswerKind.Option or AnswerKind.Text => Of(answer.OptionOrText!),
            AnswerKind.Options => new EvalValue(EvalKind.Set, Set: answer.SelectedOptions),
            AnswerKind.Number => Of(answer.NumberValue),
            AnswerKind.Date => Of(answer.DateValue.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
            _ => Null,
        };
    }

    /// <summary>Equality of two non-null values; a one-element set equals its element.</summary>
    public static bool AreEqual(in EvalValue a, in EvalValue b) => (a.Kind, b.Kind) switch
    {
        (EvalKind.Number, EvalKind.Number) => a.Number == b.Number,
        (EvalKind.String, EvalKind.String) => string.Equals(a.String, b.String, StringComparison.Ordinal),
        (EvalKind.Bool, EvalKind.Bool) => a.Bool == b.Bool,
        (EvalKind.Set, EvalKind.String) => a.Set!.Count == 1 && a.Set.Contains(b.String!),
        (EvalKind.String, EvalKind.Set) => b.Set!.Count == 1 && b.Set.Contains(a.String!),
        (EvalKind.Set, EvalKind.Set) => a.Set!.SetEquals(b.Set!),
        _ => false,
    };
}
