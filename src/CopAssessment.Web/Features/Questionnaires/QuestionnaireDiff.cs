using CopAssessment.Domain.Questionnaires;

namespace CopAssessment.Web.Features.Questionnaires;

/// <summary>
/// One field that differs. <see cref="Field"/> is a label already in the reader's language, like yes/no/always/none
/// among the values; the other values are the definition's own (codes, expressions, texts), shown as they are.
/// </summary>
public sealed record Difference(string Field, string Before, string After, string? Language = null)
{
    /// <summary>The question asks something else now (type, text, constraint): its previous answers are not carried into a new cycle.</summary>
    public bool ChangesMeaning { get; init; }
}

/// <summary>A question whose previous answer may start a new cycle, and which answers fit it (<see cref="QuestionnaireDiff.Carried"/>).</summary>
/// <param name="OptionKeys">The new version's option keys for a choice question (a chosen key outside them is not carried); null for the other types.</param>
/// <param name="AllowsNotApplicable">A "not applicable" answer still means something: the new question has a notApplicable option.</param>
/// <param name="EveryAnswerFits">
/// Every answer the previous version accepted fits the new one — it kept all its options, and "not applicable" if it had
/// it (always so between a version and itself) — so a stored answer, checked against its own version when it was saved,
/// is carried without looking at its value.
/// </param>
public sealed record CarriedQuestion(string Key, IReadOnlyList<string>? OptionKeys, bool AllowsNotApplicable, bool EveryAnswerFits);

public sealed record QuestionChange(string Key, LocalizedText Text, IReadOnlyList<Difference> Differences);

public sealed record QuestionnaireComparison(
    IReadOnlyList<QuestionChange> Added, IReadOnlyList<QuestionChange> Removed, IReadOnlyList<QuestionChange> Changed);

/// <summary>What differs between two versions, question by question (by stable key).</summary>
public static class QuestionnaireDiff
{
    /// <summary>The differences, with field names and yes/no/always/none in the language of <paramref name="L"/>.</summary>
    public static QuestionnaireComparison Compare(QuestionnaireDefinition from, QuestionnaireDefinition to, IStringLocalizer L)
    {
        var before = from.Questions.ToDictionary(q => q.Key);
        var after = to.Questions.ToDictionary(q => q.Key);
        var added = to.Questions.Where(q => !before.ContainsKey(q.Key)).Select(q => new QuestionChange(q.Key, q.Text, [])).ToList();
        var removed = from.Questions.Where(q => !after.ContainsKey(q.Key)).Select(q => new QuestionChange(q.Key, q.Text, [])).ToList();
        var changed = new List<QuestionChange>();
        foreach (var question in to.Questions.Where(q => before.ContainsKey(q.Key)))
        {
            var differences = Differences(before[question.Key], question, from, to, L).ToList();
            if (differences.Count > 0) changed.Add(new QuestionChange(question.Key, question.Text, differences));
        }
        return new QuestionnaireComparison(added, removed, changed);
    }

    /// <summary>
    /// The questions of <paramref name="to"/> whose answers under <paramref name="from"/> may be carried into a cycle on
    /// <paramref name="to"/>, of the same questionnaire family only: same key, not marked "do not carry", and no difference that <see cref="Difference.ChangesMeaning"/>
    /// (decision 0020). Options are matched by key when the answers are copied.
    /// </summary>
    public static IReadOnlyList<CarriedQuestion> Carried(QuestionnaireDefinition from, QuestionnaireDefinition to, IStringLocalizer L) => from.Key != to.Key ? [] :
        [.. to.Questions.Where(q => !q.DoNotCarry).Select(q => (Before: from.FindQuestion(q.Key), After: q))
            .Where(p => p.Before is not null && !Differences(p.Before, p.After, from, to, L).Any(d => d.ChangesMeaning))
            .Select(p => Rule(p.Before!, p.After))];

    private static CarriedQuestion Rule(Question before, Question after) => new(after.Key,
        after.IsChoice ? [.. after.Options.Select(o => o.Key)] : null, after.AllowsNotApplicable,
        EveryAnswerFits: before.IsChoice == after.IsChoice && (!before.AllowsNotApplicable || after.AllowsNotApplicable)
            && before.Options.All(o => after.FindOption(o.Key) is not null));

    private static IEnumerable<Difference> Differences(Question a, Question b, QuestionnaireDefinition from, QuestionnaireDefinition to, IStringLocalizer L)
    {
        if (a.Type != b.Type || a.Integer != b.Integer) yield return new(L["Type"], TypeOf(a), TypeOf(b)) { ChangesMeaning = true };
        foreach (var language in a.Text.Languages.Union(b.Text.Languages))
        {
            var (ta, tb) = (a.Text.Texts.GetValueOrDefault(language), b.Text.Texts.GetValueOrDefault(language));
            if (ta != tb) yield return new(L["Text"], $"“{ta}”", $"“{tb}”", language) { ChangesMeaning = true };
        }
        if (a.Required != b.Required) yield return new(L["Required"], YesNo(a.Required, L), YesNo(b.Required, L));
        if (a.Weight != b.Weight) yield return new(L["Weight"], a.Weight.ToString(CultureInfo.InvariantCulture), b.Weight.ToString(CultureInfo.InvariantCulture));
        if (a.EvidenceExpected != b.EvidenceExpected) yield return new(L["Evidence expected"], YesNo(a.EvidenceExpected, L), YesNo(b.EvidenceExpected, L));
        if (a.RelevantWhen != b.RelevantWhen) yield return new(L["Shown when"], a.RelevantWhen ?? L["always"].Value, b.RelevantWhen ?? L["always"].Value);
        var (optionsA, optionsB) = (Options(a), Options(b));
        if (optionsA != optionsB) yield return new(L["Options"], optionsA, optionsB);
        var (constraintA, constraintB) = (Describe(a.Constraint, L), Describe(b.Constraint, L));
        if (constraintA != constraintB) yield return new(L["Constraint"], constraintA, constraintB) { ChangesMeaning = true };
        if (a.DoNotCarry != b.DoNotCarry) yield return new(L["Carried into a new cycle"], YesNo(!a.DoNotCarry, L), YesNo(!b.DoNotCarry, L));
        var (capabilityA, capabilityB) = (from.CapabilityOf(a.Key)!.Key, to.CapabilityOf(b.Key)!.Key);
        if (capabilityA != capabilityB) yield return new(L["Capability"], capabilityA, capabilityB);
    }

    private static string YesNo(bool value, IStringLocalizer L) => value ? L["Yes"] : L["No"];

    private static string TypeOf(Question q) => q.Integer ? $"{q.Type} (integer)" : q.Type.ToString();

    private static string Options(Question q) =>
        string.Join(", ", q.Options.Select(o => $"{o.Key}={o.Score?.ToString("0.###", CultureInfo.InvariantCulture) ?? "–"}"));

    private static string Describe(QuestionConstraint? c, IStringLocalizer L) => c is null ? L["none"]
        : string.Join(" ", new[] { c.Min is null ? null : $"min {c.Min}", c.Max is null ? null : $"max {c.Max}",
            c.MaxLength is null ? null : $"max length {c.MaxLength}", c.Pattern is null ? null : $"pattern {c.Pattern}",
            c.ExpressionText }.Where(s => s is not null));
}
