namespace CopAssessment.Domain.Answers;

public enum AnswerKind
{
    None,
    Option,
    Options,
    Number,
    Text,
    Date,
}

/// <summary>
/// One answer: an option key, a set of option keys, a number, a text (also URLs), a date, or nothing;
/// any of them may instead be marked not applicable. Immutable with value equality, and serialisable
/// as a small JSON object (<c>{"option":"yes"}</c>, <c>{"options":["a","b"]}</c>, <c>{"number":3}</c>,
/// <c>{"text":"…"}</c>, <c>{"date":"2025-01-31"}</c>, <c>{"notApplicable":true}</c>, <c>{}</c>).
/// </summary>
[JsonConverter(typeof(AnswerValueJsonConverter))]
public sealed class AnswerValue : IEquatable<AnswerValue>
{
    private static readonly IReadOnlySet<string> NoOptions = new HashSet<string>();

    private AnswerValue(AnswerKind kind, string? text = null, IReadOnlySet<string>? options = null,
        decimal number = 0, DateOnly date = default, bool notApplicable = false)
    {
        Kind = kind;
        OptionOrText = text;
        SelectedOptions = options ?? NoOptions;
        NumberValue = number;
        DateValue = date;
        IsNotApplicable = notApplicable;
    }

    public static AnswerValue None { get; } = new(AnswerKind.None);

    /// <summary>"Not applicable" given without choosing an option (only valid where the question offers one).</summary>
    public static AnswerValue NotApplicable { get; } = new(AnswerKind.None, notApplicable: true);

    public static AnswerValue Option(string key) => new(AnswerKind.Option, text: key);

    /// <summary>An empty selection is no answer: authors add an explicit "none of these" option when it matters.</summary>
    public static AnswerValue Options(IEnumerable<string> keys)
    {
        var set = new HashSet<string>(keys, StringComparer.Ordinal);
        return set.Count == 0 ? None : new(AnswerKind.Options, options: set);
    }

    public static AnswerValue Options(params string[] keys) => Options((IEnumerable<string>)keys);

    public static AnswerValue Number(decimal value) => new(AnswerKind.Number, number: value);

    /// <summary>Blank text is no answer.</summary>
    public static AnswerValue Text(string? value) =>
        string.IsNullOrWhiteSpace(value) ? None : new(AnswerKind.Text, text: value);

    public static AnswerValue Date(DateOnly value) => new(AnswerKind.Date, date: value);

    public AnswerKind Kind { get; }
    public bool IsNotApplicable { get; }

    /// <summary>The question has an answer, a not-applicable one included.</summary>
    public bool IsAnswered => IsNotApplicable || Kind != AnswerKind.None;

    public string? OptionKey => Kind == AnswerKind.Option ? OptionOrText : null;
    public IReadOnlySet<string> SelectedOptions { get; }
    public decimal? NumberOrNull => Kind == AnswerKind.Number ? NumberValue : null;
    public string? TextOrNull => Kind == AnswerKind.Text ? OptionOrText : null;
    public DateOnly? DateOrNull => Kind == AnswerKind.Date ? DateValue : null;

    internal string? OptionOrText { get; }
    internal decimal NumberValue { get; }
    internal DateOnly DateValue { get; }

    public bool Equals(AnswerValue? other) =>
        other is not null
        && Kind == other.Kind
        && IsNotApplicable == other.IsNotApplicable
        && OptionOrText == other.OptionOrText
        && NumberValue == other.NumberValue
        && DateValue == other.DateValue
        && SelectedOptions.SetEquals(other.SelectedOptions);

    public override bool Equals(object? obj) => Equals(obj as AnswerValue);

    public override int GetHashCode() => HashCode.Combine(Kind, IsNotApplicable, OptionOrText, NumberValue, DateValue, SelectedOptions.Count);

    public override string ToString() => IsNotApplicable ? "n/a" : Kind switch
    {
        AnswerKind.Option or AnswerKind.Text => OptionOrText!,
        AnswerKind.Options => string.Join(", ", SelectedOptions.Order(StringComparer.Ordinal)),
        AnswerKind.Number => NumberValue.ToString(CultureInfo.InvariantCulture),
        AnswerKind.Date => DateValue.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => string.Empty,
    };
}

internal sealed class AnswerValueJsonConverter : JsonConverter<AnswerValue>
{
    public override AnswerValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException("An answer is a JSON object.");
        }

        if (root.TryGetProperty("notApplicable", out var na) && na.ValueKind == JsonValueKind.True)
        {
            return AnswerValue.NotApplicable;
        }

        if (root.TryGetProperty("option", out var option))
        {
            return AnswerValue.Option(option.GetString() ?? throw new JsonException("option must be a string."));
        }

        if (root.TryGetProperty("options", out var keys))
        {
            return AnswerValue.Options(keys.EnumerateArray().Select(k => k.GetString() ?? ""));
        }

        if (root.TryGetProperty("number", out var number))
        {
            return AnswerValue.Number(number.GetDecimal());
        }

        if (root.TryGetProperty("text", out var text))
        {
            return AnswerValue.Text(text.GetString());
        }

        if (root.TryGetProperty("date", out var date))
        {
            return AnswerValue.Date(DateOnly.ParseExact(date.GetString() ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        return AnswerValue.None;
    }

    public override void Write(Utf8JsonWriter writer, AnswerValue value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        if (value.IsNotApplicable)
        {
            writer.WriteBoolean("notApplicable", true);
        }
        else
        {
            switch (value.Kind)
            {
                case AnswerKind.Option:
                    writer.WriteString("option", value.OptionOrText);
                    break;
                case AnswerKind.Options:
                    writer.WriteStartArray("options");
                    foreach (var key in value.SelectedOptions.Order(StringComparer.Ordinal))
                    {
                        writer.WriteStringValue(key);
                    }

                    writer.WriteEndArray();
                    break;
                case AnswerKind.Number:
                    writer.WriteNumber("number", value.NumberValue);
                    break;
                case AnswerKind.Text:
                    writer.WriteString("text", value.OptionOrText);
                    break;
                case AnswerKind.Date:
                    writer.WriteString("date", value.DateValue.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    break;
            }
        }

        writer.WriteEndObject();
    }
}
