using CopAssessment.Domain.Questionnaires;

namespace CopAssessment.Web.Features.Questionnaires;

public sealed record QuestionChange(string Key, string Text, IReadOnlyList<string> Differences);

public sealed record QuestionnaireComparison(
    IReadOnlyList<QuestionChange> Added, IReadOnlyList<QuestionChange> Removed, IReadOnlyList<QuestionChange> Changed);

/// <summary>What differs between two versions, question by question (by stable key).</summary>
public static class QuestionnaireDiff
{
    public static QuestionnaireComparison Compare(QuestionnaireDefinition from, QuestionnaireDefinition to)
    {
        var before = from.Questions.ToDictionary(q => q.Key);
        var after = to.Questions.ToDictionary(q => q.Key);
        var added = to.Questions.Where(q => !before.ContainsKey(q.Key)).Select(q => new QuestionChange(q.Key, q.Text.Get("en"), [])).ToList();
        var removed = from.Questions.Where(q => !after.ContainsKey(q.Key)).Select(q => new QuestionChange(q.Key, q.Text.Get("en"), [])).ToList();
        var changed = new List<QuestionChange>();
        foreach (var question in to.Questions.Where(q => before.ContainsKey(q.Key)))
        {
            var differences = Differences(before[question.Key], question, from, to).ToList();
            if (differences.Count > 0) changed.Add(new QuestionChange(question.Key, question.Text.Get("en"), differences));
        }
        return new QuestionnaireComparison(added, removed, changed);
    }

    private static IEnumerable<string> Differences(Question a, Question b, QuestionnaireDefinition from, QuestionnaireDefinition to)
    {
        if (a.Type != b.Type) yield return $"type: {a.Type} → {b.Type}";
        foreach (var language in a.Text.Languages.Union(b.Text.Languages))
        {
            var (ta, tb) = (a.Text.Texts.GetValueOrDefault(language), b.Text.Texts.GetValueOrDefault(language));
            if (ta != tb) yield return $"text ({language}): “{ta}” → “{tb}”";
        }
        if (a.Required != b.Required) yield return $"required: {a.Required} → {b.Required}";
        if (a.Weight != b.Weight) yield return $"weight: {a.Weight} → {b.Weight}";
        if (a.EvidenceExpected != b.EvidenceExpected) yield return $"evidence expected: {a.EvidenceExpected} → {b.EvidenceExpected}";
        if (a.RelevantWhen != b.RelevantWhen) yield return $"shown when: {a.RelevantWhen ?? "always"} → {b.RelevantWhen ?? "always"}";
        var optionsA = string.Join(", ", a.Options.Select(o => $"{o.Key}={o.Score?.ToString("0.###") ?? "n/a"}"));
        var optionsB = string.Join(", ", b.Options.Select(o => $"{o.Key}={o.Score?.ToString("0.###") ?? "n/a"}"));
        if (optionsA != optionsB) yield return $"options: {optionsA} → {optionsB}";
        var constraintA = Describe(a.Constraint);
        var constraintB = Describe(b.Constraint);
        if (constraintA != constraintB) yield return $"constraint: {constraintA} → {constraintB}";
        var capabilityA = from.CapabilityOf(a.Key)!.Key;
        var capabilityB = to.CapabilityOf(b.Key)!.Key;
        if (capabilityA != capabilityB) yield return $"capability: {capabilityA} → {capabilityB}";
    }

    private static string Describe(QuestionConstraint? c) => c is null ? "none"
        : string.Join(" ", new[] { c.Min is null ? null : $"min {c.Min}", c.Max is null ? null : $"max {c.Max}",
            c.MaxLength is null ? null : $"max length {c.MaxLength}", c.Pattern is null ? null : $"pattern {c.Pattern}",
            c.ExpressionText }.Where(s => s is not null));
}
