using System.Globalization;
using CopAssessment.Domain.Questionnaires;

namespace CopAssessment.Web.Features.Questionnaires;

/// <summary>
/// One field that differs. <see cref="Field"/> is an English label for the page to translate; the values are
/// the definition's own (codes, expressions, texts), shown as they are.
/// </summary>
public sealed record Difference(string Field, string Before, string After, string? Language = null);

public sealed record QuestionChange(string Key, LocalizedText Text, IReadOnlyList<Difference> Differences);

public sealed record QuestionnaireComparison(
    IReadOnlyList<QuestionChange> Added, IReadOnlyList<QuestionChange> Removed, IReadOnlyList<QuestionChange> Changed);

/// <summary>What differs between two versions, question by question (by stable key).</summary>
public static class QuestionnaireDiff
{
    public static QuestionnaireComparison Compare(QuestionnaireDefinition from, QuestionnaireDefinition to)
    {
        var before = from.Questions.ToDictionary(q => q.Key);
        var after = to.Questions.ToDictionary(q => q.Key);
        var added = to.Questions.Where(q => !before.ContainsKey(q.Key)).Select(q => new QuestionChange(q.Key, q.Text, [])).ToList();
        var removed = from.Questions.Where(q => !after.ContainsKey(q.Key)).Select(q => new QuestionChange(q.Key, q.Text, [])).ToList();
        var changed = new List<QuestionChange>();
        foreach (var question in to.Questions.Where(q => before.ContainsKey(q.Key)))
        {
            var differences = Differences(before[question.Key], question, from, to).ToList();
            if (differences.Count > 0) changed.Add(new QuestionChange(question.Key, question.Text, differences));
        }
        return new QuestionnaireComparison(added, removed, changed);
    }

    private static IEnumerable<Difference> Differences(Question a, Question b, QuestionnaireDefinition from, QuestionnaireDefinition to)
    {
        if (a.Type != b.Type || a.Integer != b.Integer) yield return new("Type", TypeOf(a), TypeOf(b));
        foreach (var language in a.Text.Languages.Union(b.Text.Languages))
        {
            var (ta, tb) = (a.Text.Texts.GetValueOrDefault(language), b.Text.Texts.GetValueOrDefault(language));
            if (ta != tb) yield return new("Text", $"“{ta}”", $"“{tb}”", language);
        }
        if (a.Required != b.Required) yield return new("Required", YesNo(a.Required), YesNo(b.Required));
        if (a.Weight != b.Weight) yield return new("Weight", a.Weight.ToString(CultureInfo.InvariantCulture), b.Weight.ToString(CultureInfo.InvariantCulture));
        if (a.EvidenceExpected != b.EvidenceExpected) yield return new("Evidence expected", YesNo(a.EvidenceExpected), YesNo(b.EvidenceExpected));
        if (a.RelevantWhen != b.RelevantWhen) yield return new("Shown when", a.RelevantWhen ?? Always, b.RelevantWhen ?? Always);
        var (optionsA, optionsB) = (Options(a), Options(b));
        if (optionsA != optionsB) yield return new("Options", optionsA, optionsB);
        var (constraintA, constraintB) = (Describe(a.Constraint), Describe(b.Constraint));
        if (constraintA != constraintB) yield return new("Constraint", constraintA, constraintB);
        var (capabilityA, capabilityB) = (from.CapabilityOf(a.Key)!.Key, to.CapabilityOf(b.Key)!.Key);
        if (capabilityA != capabilityB) yield return new("Capability", capabilityA, capabilityB);
    }

    /// <summary>The labels <see cref="Difference.Field"/> takes (the page translates them).</summary>
    public static readonly IReadOnlyList<string> Fields =
        ["Type", "Text", "Required", "Weight", "Evidence expected", "Shown when", "Options", "Constraint", "Capability"];

    /// <summary>Words the page translates when they stand for a value.</summary>
    public const string Always = "always", None = "none", Yes = "Yes", No = "No";

    private static string YesNo(bool value) => value ? Yes : No;

    private static string TypeOf(Question q) => q.Integer ? $"{q.Type} (integer)" : q.Type.ToString();

    private static string Options(Question q) =>
        string.Join(", ", q.Options.Select(o => $"{o.Key}={o.Score?.ToString("0.###", CultureInfo.InvariantCulture) ?? "–"}"));

    private static string Describe(QuestionConstraint? c) => c is null ? None
        : string.Join(" ", new[] { c.Min is null ? null : $"min {c.Min}", c.Max is null ? null : $"max {c.Max}",
            c.MaxLength is null ? null : $"max length {c.MaxLength}", c.Pattern is null ? null : $"pattern {c.Pattern}",
            c.ExpressionText }.Where(s => s is not null));
}
