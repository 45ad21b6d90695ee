using CopAssessment.Domain.Aggregation;
using CopAssessment.Web.Data.Reports;

namespace CopAssessment.Web.Infrastructure.Localization;

/// <summary>
/// One label source for the values people see: statuses, report kinds and formats, publication policies,
/// languages, regions and audit actions. Each method returns the English text, which is the localizer key; the
/// views, the Excel and the PDF writers all go through <see cref="LabelExtensions"/>, so an enum name
/// (<c>InReview</c>), a code (<c>AFR</c>) or a slug (<c>submission-startreview</c>) never reaches a page or a file.
/// </summary>
public static class Labels
{
    public static string Of(SubmissionStatus status) => status switch
    {
        SubmissionStatus.Draft => "Draft",
        SubmissionStatus.Submitted => "Submitted",
        SubmissionStatus.InReview => "In review",
        SubmissionStatus.Returned => "Returned",
        SubmissionStatus.Validated => "Validated",
        _ => "Published",
    };

    public static string Of(CycleStatus status) => status switch
    {
        CycleStatus.Planned => "Planned",
        CycleStatus.Open => "Open",
        CycleStatus.Closed => "Closed",
        _ => "Published",
    };

    public static string Of(PracticeStatus status) => status switch
    {
        PracticeStatus.Draft => "Draft",
        PracticeStatus.Submitted => "Submitted",
        PracticeStatus.ChangesRequested => "Changes requested",
        PracticeStatus.Published => "Published",
        PracticeStatus.Declined => "Declined",
        _ => "Superseded",
    };

    public static string Of(ExportStatus status) => status switch
    {
        ExportStatus.Queued => "Queued",
        ExportStatus.Running => "Running",
        ExportStatus.Done => "Done",
        _ => "Failed",
    };

    public static string Of(ReportKind kind) => kind switch
    {
        ReportKind.Country => "Country scorecard",
        ReportKind.Regional => "Regional stocktaking",
        _ => "Global stocktaking",
    };

    /// <summary>A report's publication policy, in a word or two (a cover, a list).</summary>
    public static string Of(PublicationMode policy) => policy == PublicationMode.Named ? "Named results" : "Aggregated and anonymised";

    /// <summary>A report's publication policy with what it means for the reader (the methods page, the workbook).</summary>
    public static string Explained(PublicationMode policy) => policy == PublicationMode.Named
        ? "Named results"
        : "Aggregated and anonymised: no country is named and no figure covers fewer than three countries";

    /// <summary>Format names are the same in every language.</summary>
    public static string Of(ReportFormat format) => format == ReportFormat.Pdf ? "PDF" : "Excel";

    /// <summary>A language by its own name ("العربية"), as the language switcher shows it.</summary>
    public static string Language(string code) => LocalizationSetup.NativeNames.GetValueOrDefault(code) ?? code;

    /// <summary>Every audit action the application records, with its label. Slugs built from an enum are listed from the enum.</summary>
    public static readonly IReadOnlyDictionary<string, string> AuditActions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["answer-changed"] = "Answer changed",
        ["answer-confirmed"] = "Carried answer confirmed",
        ["answers-carried"] = "Answers carried forward",
        ["cycle-carried"] = "Cycle started from validated assessments",
        ["best-practice-attachment-added"] = "Best-practice attachment added",
        ["best-practice-attachment-removed"] = "Best-practice attachment removed",
        ["best-practice-publish"] = "Best practice published",
        ["best-practice-requestchanges"] = "Best practice: changes requested",
        ["best-practice-decline"] = "Best practice declined",
        ["comment-added"] = "Comment added",
        ["contributor-assigned"] = "National contributor's sections changed",
        ["contributor-revoked"] = "National contributor's access revoked",
        ["country-changed"] = "Country changed",
        ["cycle-created"] = "Cycle created",
        ["cycle-open"] = "Cycle opened",
        ["cycle-close"] = "Cycle closed",
        ["cycle-reopen"] = "Cycle reopened",
        ["cycle-publish"] = "Cycle published",
        ["cycle-deadline-extended"] = "Cycle deadline extended",
        ["cycle-policy-changed"] = "Cycle publication policy changed",
        ["cycle-titles-changed"] = "Cycle titles changed",
        ["cycle-licence-changed"] = "Cycle open-data licence changed",
        ["evidence-added"] = "Evidence added",
        ["evidence-removed"] = "Evidence removed",
        ["invitation-accepted"] = "Invitation accepted",
        ["invitation-created"] = "Invitation created",
        ["invitation-revoked"] = "Invitation revoked",
        ["password-reset"] = "Password reset",
        ["password-reset-requested"] = "Password reset requested",
        ["questionnaire-imported"] = "Questionnaire imported",
        ["region-renamed"] = "Region renamed",
        ["sign-in"] = "Signed in",
        ["sign-in-failed"] = "Sign-in failed",
        ["submission-submit"] = "Assessment submitted",
        ["submission-startreview"] = "Review started",
        ["submission-return"] = "Assessment returned for revision",
        ["submission-validate"] = "Assessment validated",
        ["submission-publish"] = "Assessment published",
        ["submission-reopen"] = "Assessment reopened",
        ["user-changed"] = "User changed",
        ["user-locked"] = "User locked",
        ["user-unlocked"] = "User unlocked",
    };

    /// <summary>An action recorded before it had a label still reads as words, not as a slug.</summary>
    public static string AuditAction(string action) =>
        AuditActions.GetValueOrDefault(action) ?? CultureInfo.InvariantCulture.TextInfo.ToTitleCase(action.Replace('-', ' '));
}

public static class LabelExtensions
{
    public static LocalizedString Label(this IStringLocalizer L, SubmissionStatus status) => L[Labels.Of(status)];
    public static LocalizedString Label(this IStringLocalizer L, CycleStatus status) => L[Labels.Of(status)];
    public static LocalizedString Label(this IStringLocalizer L, PracticeStatus status) => L[Labels.Of(status)];
    public static LocalizedString Label(this IStringLocalizer L, ExportStatus status) => L[Labels.Of(status)];
    public static LocalizedString Label(this IStringLocalizer L, PublicationMode policy) => L[Labels.Of(policy)];
    public static LocalizedString Explained(this IStringLocalizer L, PublicationMode policy) => L[Labels.Explained(policy)];

    /// <summary>
    /// A region's display name in the reader's language, from the name stored (in English; the resources
    /// translate the regions the application seeds, and a name an administrator gave reads as written).
    /// Pages and the reports (through <see cref="Reporting.ReportData.RegionName"/>) all show regions this way.
    /// </summary>
    public static LocalizedString Region(this IStringLocalizer L, string storedName) => L[storedName];

    /// <summary>Regions for a picker: each named as <see cref="Region"/> names it, in the reader's order (ICU collation).</summary>
    public static IReadOnlyList<(string Code, string Name)> RegionsInOrder(this IStringLocalizer L, IEnumerable<(string Code, string Name)> regions) =>
        [.. regions.Select(r => (r.Code, L.Region(r.Name).Value)).OrderBy(r => r.Item2, PlaceNames.Collation())];
    public static LocalizedString Label(this IStringLocalizer L, ReportKind kind) => L[Labels.Of(kind)];
    public static string Label(this IStringLocalizer L, ReportFormat format) => Labels.Of(format);
    public static LocalizedString AuditAction(this IStringLocalizer L, string action) => L[Labels.AuditAction(action)];

    /// <summary>
    /// A message with a count in the plural form the language needs: <paramref name="other"/> is the key, and its
    /// translation lists the forms by CLDR category, <c>one:…|other:…</c> (Arabic: zero, one, two, few, many, other;
    /// Russian: one, few, many, other; Chinese: other only).
    /// English uses <paramref name="one"/> for 1 and <paramref name="other"/> otherwise. The message is formatted
    /// with <paramref name="arguments"/> when given (the count among them, where the text wants it), else with the count as {0}.
    /// </summary>
    public static LocalizedString Plural(this IStringLocalizer L, int count, string one, string other, params object?[] arguments)
    {
        var language = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        var category = PluralRules.Category(language, count);
        var translated = L[other];
        var format = language == "en" || translated.ResourceNotFound
            ? (category == "one" ? one : other)
            : PluralRules.Select(translated.Value, category);
        return new LocalizedString(other, string.Format(CultureInfo.CurrentCulture, format, arguments.Length > 0 ? arguments : [count]), translated.ResourceNotFound);
    }
}

/// <summary>CLDR cardinal plural categories for whole numbers in the UI languages.</summary>
public static class PluralRules
{
    public static readonly IReadOnlyDictionary<string, string[]> Categories = new Dictionary<string, string[]>
    {
        ["en"] = ["one", "other"],
        ["fr"] = ["one", "many", "other"],
        ["ar"] = ["zero", "one", "two", "few", "many", "other"],
        ["es"] = ["one", "many", "other"],
        // "other" is for fractions (1,5 дня); whole numbers are one, few or many.
        ["ru"] = ["one", "few", "many", "other"],
        ["zh"] = ["other"],
    };

    /// <summary>Every category any UI language uses, in CLDR order.</summary>
    private static readonly string[] AllCategories = ["zero", "one", "two", "few", "many", "other"];

    public static string Category(string language, long n)
    {
        n = Math.Abs(n);
        return language switch
        {
            "ar" => n switch
            {
                0 => "zero",
                1 => "one",
                2 => "two",
                _ when n % 100 is >= 3 and <= 10 => "few",
                _ when n % 100 is >= 11 and <= 99 => "many",
                _ => "other",
            },
            // French: 0 and 1 are singular; exact millions take "de" ("1 000 000 de pratiques").
            "fr" => n is 0 or 1 ? "one" : n % 1_000_000 == 0 ? "many" : "other",
            // Spanish: like French, but 0 is plural ("0 prácticas"); exact millions take "de" ("1 000 000 de prácticas").
            "es" => n == 1 ? "one" : n != 0 && n % 1_000_000 == 0 ? "many" : "other",
            "ru" => (n % 10, n % 100) switch
            {
                (1, not 11) => "one",
                (>= 2 and <= 4, not (>= 12 and <= 14)) => "few",
                _ => "many",
            },
            "zh" => "other",
            _ => n == 1 ? "one" : "other",
        };
    }

    /// <summary>The form for <paramref name="category"/> in a translation written as <c>one:…|other:…</c>; "other" when missing.</summary>
    public static string Select(string forms, string category)
    {
        var parsed = Parse(forms);
        return parsed.GetValueOrDefault(category) ?? parsed.GetValueOrDefault("other") ?? forms;
    }

    public static IReadOnlyDictionary<string, string> Parse(string forms)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in forms.Split('|'))
        {
            var colon = part.IndexOf(':');
            if (colon <= 0 || !AllCategories.Contains(part[..colon])) return new Dictionary<string, string> { ["other"] = forms };
            result[part[..colon]] = part[(colon + 1)..];
        }
        return result;
    }
}
