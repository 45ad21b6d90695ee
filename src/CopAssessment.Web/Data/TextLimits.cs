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
}
