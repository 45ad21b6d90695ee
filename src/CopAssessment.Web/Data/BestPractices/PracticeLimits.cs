namespace CopAssessment.Web.Data.BestPractices;

/// <summary>
/// Length limits of a practice's free text, in characters: one definition for the EF configuration (column
/// sizes), the validators (a message instead of a database error) and the forms (<c>maxlength</c>). Kinds
/// of text found elsewhere too (names, e-mail addresses, notes) take the app-wide <see cref="TextLimits"/>.
/// </summary>
public static class PracticeLimits
{
    public const int Title = 200;
    public const int Summary = 1000;
    public const int Description = 20000;
    public const int Organisation = TextLimits.Organisation;
    public const int Results = 10000;
    public const int EnablingFactors = 10000;
    public const int Scalability = 10000;
    public const int ContactName = TextLimits.PersonName;
    public const int ContactEmail = TextLimits.Email;

    /// <summary>The Links box as typed: at most <see cref="LinkCount"/> addresses of <see cref="Link"/> characters, one a line.</summary>
    public const int LinkCount = 20;
    public const int Link = 500;
    public const int Links = LinkCount * (Link + 1);

    /// <summary>A stakeholder group's key (see <c>Vocabulary</c>).</summary>
    public const int StakeholderGroup = 40;

    /// <summary>An attachment's content type (wider than evidence's <see cref="TextLimits.ContentType"/>; kept as the column was made).</summary>
    public const int AttachmentContentType = 120;

    /// <summary>The reviewer's comment to the submitter.</summary>
    public const int ReviewNote = TextLimits.Note;
}
