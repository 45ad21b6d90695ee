using System.Text.Json;
using CopAssessment.Domain.Questionnaires;

namespace CopAssessment.Web.Data.Assessments;

/// <summary>How an answer is stored (jsonb) and how it reads to a person.</summary>
public static class AnswerJson
{
    public static string Serialize(AnswerValue value) => JsonSerializer.Serialize(value);

    public static AnswerValue Parse(string? json) =>
        string.IsNullOrEmpty(json) ? AnswerValue.None : JsonSerializer.Deserialize<AnswerValue>(json) ?? AnswerValue.None;

    /// <summary>How an answer reads to a person: option labels in their language, the value otherwise.</summary>
    public static string Display(Question? question, AnswerValue value, string culture)
    {
        if (!value.IsAnswered) return "—";
        if (value.IsNotApplicable) return "n/a";
        if (question is null) return value.ToString();
        return value.Kind switch
        {
            AnswerKind.Option => question.FindOption(value.OptionKey!)?.Label.Get(culture) ?? value.OptionKey!,
            AnswerKind.Options => string.Join("; ", question.Options.Where(o => value.SelectedOptions.Contains(o.Key)).Select(o => o.Label.Get(culture))),
            _ => value.ToString(),
        };
    }
}
