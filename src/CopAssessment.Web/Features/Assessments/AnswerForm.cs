using Microsoft.Extensions.Primitives;

namespace CopAssessment.Web.Features.Assessments;

/// <summary>
/// The answer form's field names: written by the question partial (_Question.cshtml), read back by the
/// no-JavaScript save (<see cref="SavePage"/>), and given to assessment.js through the form's data attributes
/// (<c>data-answer-field</c>), so the three cannot drift apart. Autosave posts <see cref="AutosaveKey"/>,
/// <see cref="AutosaveVersion"/> and <see cref="AutosaveValue"/> instead (one question at a time).
/// </summary>
public static class AnswerForm
{
    /// <summary>The value(s) of a question: <c>a:KEY</c>, repeated for several choices.</summary>
    public const string AnswerPrefix = "a:";

    /// <summary>The row version the page showed: <c>v:KEY</c>. A question without one is not on the form.</summary>
    public const string VersionPrefix = "v:";

    /// <summary>Present when the page showed a conflict for the question: <c>conflict:KEY</c>.</summary>
    public const string ConflictPrefix = "conflict:";

    /// <summary>The person's choice in a conflict: <c>resolve:KEY</c> = <see cref="KeepTheirs"/> or <see cref="UseMine"/>.</summary>
    public const string ResolvePrefix = "resolve:";

    public const string KeepTheirs = "theirs", UseMine = "mine";

    public const string AutosaveKey = "key", AutosaveVersion = "version", AutosaveValue = "value";

    public static string Answer(string key) => AnswerPrefix + key;

    public static string Version(string key) => VersionPrefix + key;

    public static string Conflict(string key) => ConflictPrefix + key;

    public static string Resolve(string key) => ResolvePrefix + key;

    /// <summary>One question as the form posted it.</summary>
    public sealed record Posted(IReadOnlyList<string?> Value, uint Version, bool Conflict, string Resolution);

    /// <summary>The question's fields, or null when the form does not carry the question (no version field).</summary>
    public static Posted? Read(IFormCollection form, string key)
    {
        if (!form.TryGetValue(Version(key), out var versionText) || !uint.TryParse(versionText, out var version)) return null;
        var value = form.TryGetValue(Answer(key), out var posted) ? (IReadOnlyList<string?>)posted.ToArray() : [];
        return new Posted(value, version, form.ContainsKey(Conflict(key)), form.TryGetValue(Resolve(key), out var choice) ? choice.ToString() : "");
    }
}
