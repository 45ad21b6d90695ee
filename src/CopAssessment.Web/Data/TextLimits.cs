namespace CopAssessment.Web.Data;

/// <summary>
/// The length of each kind of free text, defined once: the EF configuration sizes the column with it, the
/// validator refuses longer input with a message, and the form's <c>maxlength</c> shows it. (Copies of these
/// numbers drifted apart before; a note longer than its column was a 500.)
/// </summary>
public static class TextLimits
{
    /// <summary>Comments, replies, return notes, validation notes and reopening reasons.</summary>
    public const int Note = 4000;

    /// <summary>A web address given as evidence: the one limit of every address (answers use it too, see AnswerLimits).</summary>
    public const int Url = CopAssessment.Domain.Answers.WebAddress.MaxLength;

    public const int Email = 256;

    /// <summary>A person's display name.</summary>
    public const int PersonName = 200;

    /// <summary>A cycle's name.</summary>
    public const int CycleName = 200;

    /// <summary>A country's or a region's name.</summary>
    public const int PlaceName = 100;

    /// <summary>A contributor's organisation.</summary>
    public const int Organisation = 200;

    // Codes, keys and stored values: not typed by people as free text, but sized once all the same.

    /// <summary>ISO 3166-1 alpha-3 (<c>KEN</c>).</summary>
    public const int CountryCode = 3;

    /// <summary>ISO 3166-1 alpha-2 (<c>KE</c>).</summary>
    public const int CountryCode2 = 2;

    /// <summary>A region's code (<c>AFR</c>).</summary>
    public const int RegionCode = 3;

    /// <summary>ASP.NET Core Identity's key length.</summary>
    public const int UserId = 450;

    /// <summary>A SHA-256 digest in hexadecimal (files, definitions, invitation tokens).</summary>
    public const int Sha256 = 64;

    /// <summary>An uploaded file's name.</summary>
    public const int FileName = 255;

    /// <summary>An evidence file's content type.</summary>
    public const int ContentType = 100;

    /// <summary>A question's key in a definition (<c>pg.1.1</c>).</summary>
    public const int QuestionKey = 100;

    /// <summary>A culture name (<c>fr</c>, <c>ar</c>).</summary>
    public const int Culture = 10;

    /// <summary>An enum stored by its name (statuses, kinds, policies).</summary>
    public const int EnumName = 20;

    /// <summary>A role's name.</summary>
    public const int Role = 40;

    /// <summary>The name of a field whose change is recorded (country history).</summary>
    public const int FieldName = 40;

    /// <summary>A questionnaire's key and a version's label.</summary>
    public const int QuestionnaireKey = 50;
    public const int VersionLabel = 50;

    /// <summary>A questionnaire's title (English).</summary>
    public const int QuestionnaireTitle = 300;

    /// <summary>A mail's subject line, an audit event's subject.</summary>
    public const int Subject = 300;

    /// <summary>An audit action's slug (<c>submission-startreview</c>).</summary>
    public const int AuditAction = 60;

    /// <summary>How much of a comment the audit trail quotes (the comment itself is kept whole).</summary>
    public const int AuditQuote = 200;

    /// <summary>The key that makes a reminder mail be written once.</summary>
    public const int DeduplicationKey = 200;

    /// <summary>Where a history row's change came from (<c>workbook</c>; none: the page or autosave).</summary>
    public const int HistorySource = 20;
}
