using System.Security.Cryptography;
using CopAssessment.Domain.Expressions;
using CopAssessment.Domain.Questionnaires;
using Microsoft.AspNetCore.DataProtection;
using QDomain = CopAssessment.Domain.Questionnaires.Domain;

namespace CopAssessment.Web.Features.Assessments;

/// <summary>
/// Which sections a workbook holds. A focal point's holds all of them; a national contributor's only the domains and
/// capabilities assigned to them (<see cref="ContributorSections"/>): the download writes only their questions, one
/// sheet per domain they touch, the signature covers the set, and an upload ignores any other question with a note.
/// </summary>
public sealed record WorkbookSections(IReadOnlySet<string>? Keys)
{
    public static readonly WorkbookSections All = new((IReadOnlySet<string>?)null);

    /// <summary>Whether some question of the domain is in the workbook.</summary>
    public bool Includes(QDomain domain) => Keys is null || Keys.Contains(domain.Key) || domain.Capabilities.Any(c => Keys.Contains(c.Key));

    /// <summary>Whether the capability's questions are in the workbook (it belongs to <paramref name="domain"/>).</summary>
    public bool Includes(QDomain domain, Capability capability) => Keys is null || Keys.Contains(domain.Key) || Keys.Contains(capability.Key);

    /// <summary>The sections the person may work on offline: a contributor's assigned sections, everyone else's all.</summary>
    public static WorkbookSections For(ContributorSections? sections) => sections is null ? All : new(sections.Keys);

    /// <summary>How the set is written in the workbook and signed: "*" or the keys in order, comma-separated.</summary>
    public override string ToString() => Keys is null ? "*" : string.Join(',', Keys.Order(StringComparer.Ordinal));
}

/// <summary>
/// What a workbook says about itself, signed: the submission (so its country and cycle), the questionnaire version,
/// the language, the sections, and the row version of every question it holds as the download saw it.
/// </summary>
public sealed record WorkbookStamp(int SubmissionId, string CountryIso3, int CycleId, int QuestionnaireVersionId, string Language,
    string Sections, IReadOnlyDictionary<string, uint> Versions)
{
    /// <summary>The exact text signed: one field per line, then "key=version" lines in ordinal key order.</summary>
    public string Canonical()
    {
        var text = new StringBuilder("cop-workbook/1\n")
            .Append(CultureInfo.InvariantCulture, $"{SubmissionId}\n{CountryIso3}\n{CycleId}\n{QuestionnaireVersionId}\n{Language}\n{Sections}\n");
        foreach (var (key, version) in Versions.OrderBy(v => v.Key, StringComparer.Ordinal))
            text.Append(CultureInfo.InvariantCulture, $"{key}={version}\n");
        return text.ToString();
    }
}

/// <summary>
/// Signs and checks workbooks. The signature is the SHA-256 digest of <see cref="WorkbookStamp.Canonical"/>
/// protected by ASP.NET Core Data Protection, whose payloads are authenticated with HMAC-SHA256 under the
/// application's key ring (kept in PostgreSQL, shared by every instance, rotated; never in the code), so a
/// workbook whose stamp or row versions were edited, or that was made elsewhere, does not verify (decision 0015).
/// </summary>
public sealed class WorkbookSignature(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("CopAssessment.Workbook.Signature.v1");

    public string Sign(WorkbookStamp stamp) => Base64UrlEncode(_protector.Protect(Digest(stamp)));

    public bool Verify(WorkbookStamp stamp, string? signature)
    {
        if (string.IsNullOrWhiteSpace(signature)) return false;
        try
        {
            return CryptographicOperations.FixedTimeEquals(_protector.Unprotect(Base64UrlDecode(signature.Trim())), Digest(stamp));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return false;
        }
    }

    private static byte[] Digest(WorkbookStamp stamp) => SHA256.HashData(Encoding.UTF8.GetBytes(stamp.Canonical()));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }
}

/// <summary>
/// Where things are in a downloaded workbook, for the writer (<see cref="DownloadWorkbook"/>) and the reader
/// (<see cref="ImportWorkbook"/>): the columns of a section sheet, and the two hidden sheets.
/// </summary>
public static class WorkbookLayout
{
    public const int KeyColumn = 0, CapabilityColumn = 1, QuestionColumn = 2, HelpColumn = 3, RelevanceColumn = 4,
        CurrentColumn = 5, NewAnswerColumn = 6, VersionColumn = 7;

    /// <summary>Rows above the questions of a section sheet: its title and the column headers.</summary>
    public const int HeaderRows = 2;

    /// <summary>The hidden sheet holding the stamp and the signature: name/value rows, then "key | version" rows.</summary>
    public const string StampSheet = "_workbook";

    /// <summary>The hidden sheet holding the option labels the drop-down lists show.</summary>
    public const string ListsSheet = "_lists";

    public const string SubmissionField = "submission", CountryField = "country", CycleField = "cycle",
        QuestionnaireField = "questionnaire", LanguageField = "language", SectionsField = "sections", SignatureField = "signature";

    /// <summary>Separates several chosen options in one cell.</summary>
    public const char OptionSeparator = ';';

    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

/// <summary>A question's relevance condition in words, for the workbook's "answer only if" column.</summary>
public static class RelevanceText
{
    public static string Describe(QuestionnaireDefinition definition, Question question, string culture, IStringLocalizer L)
    {
        if (question.Relevance is null) return "";
        // The MNR's conditions are all "key in ('a', 'b')": those read as option labels; anything else as written.
        if (question.Relevance is In { Element: KeyReference reference, Items: { Count: > 0 } items }
            && definition.FindQuestion(reference.Key) is { } gate
            && items.All(i => i is Literal { StringValue: not null }))
        {
            var labels = items.Select(i => ((Literal)i).StringValue!)
                .Select(k => "“" + (gate.FindOption(k)?.Label.Get(culture) ?? k) + "”");
            return L["Answer only if {0} is {1}.", reference.Key, string.Join(" " + L["or"] + " ", labels)];
        }
        return L["Answer only if this condition holds: {0}", question.RelevantWhen ?? ""];
    }
}
