namespace CopAssessment.Domain.Questionnaires;

internal static class DefaultOptions
{
    public static readonly List<QuestionOption> YesPartialNo =
    [
        new("yes", Text("Yes", "Oui", "Sí", "نعم", "Да", "是"), 1, false),
        new("partial", Text("Partially", "Partiellement", "Parcialmente", "جزئيًا", "Частично", "部分"), 0.5, false),
        new("no", Text("No", "Non", "No", "لا", "Нет", "否"), 0, false),
    ];

    /// <summary>One option per stage, keyed and labelled like the stage; stage k (0-based) of n scores k/(n−1).</summary>
    public static List<QuestionOption> FromStages(IReadOnlyList<Stage> stages) =>
        [.. stages.Select((stage, k) => new QuestionOption(stage.Key, stage.Name, (double)k / (stages.Count - 1), false))];

    private static LocalizedText Text(string en, string fr, string es, string ar, string ru, string zh) =>
        new(new Dictionary<string, string> { ["en"] = en, ["fr"] = fr, ["es"] = es, ["ar"] = ar, ["ru"] = ru, ["zh"] = zh });
}
