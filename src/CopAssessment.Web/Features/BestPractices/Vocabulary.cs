namespace CopAssessment.Web.Features.BestPractices;

/// <summary>The fixed lists a practice is classified by. Codes are stored; labels are English UI strings.</summary>
public static class Vocabulary
{
    public static readonly IReadOnlyList<(string Code, string Label)> StakeholderGroups =
    [
        ("government", "Government"),
        ("regulator", "Regulator"),
        ("industry", "Industry"),
        ("civil-society", "Civil society"),
        ("academia", "Academia"),
        ("international-organisation", "International organisation"),
        ("children-youth", "Children and youth"),
    ];

    /// <summary>The audiences of the 2020 ITU Guidelines on Child Online Protection.</summary>
    public static readonly IReadOnlyList<(string Code, string Label)> Audiences =
    [
        ("children", "Children"),
        ("parents-educators", "Parents and educators"),
        ("industry", "Industry"),
        ("policy-makers", "Policy-makers"),
    ];

    public static readonly IReadOnlyList<(string Code, string Label)> Languages =
    [
        ("en", "English"), ("fr", "French"), ("ar", "Arabic"), ("es", "Spanish"), ("ru", "Russian"), ("zh", "Chinese"),
    ];

    /// <summary>Writing direction of a practice's own language, for its text inside a page in another one.</summary>
    public static string Direction(string? language) => language == "ar" ? "rtl" : "ltr";

    public static string Label(IReadOnlyList<(string Code, string Label)> list, string code) =>
        list.FirstOrDefault(i => i.Code == code).Label ?? code;

    public static bool Has(IReadOnlyList<(string Code, string Label)> list, string? code) => list.Any(i => i.Code == code);
}
