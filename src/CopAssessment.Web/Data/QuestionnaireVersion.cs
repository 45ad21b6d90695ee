namespace CopAssessment.Web.Data;

/// <summary>
/// One imported questionnaire definition. Immutable once written (a database trigger refuses any
/// change to its content), so cycles and validated scores always refer to exactly what was asked.
/// </summary>
public class QuestionnaireVersion
{
    public int Id { get; set; }

    /// <summary>The questionnaire family, e.g. "mnr".</summary>
    public required string Key { get; set; }

    /// <summary>1, 2, 3… per key, in import order.</summary>
    public int Number { get; set; }

    /// <summary>The author's own version label from the file, e.g. "2026.1".</summary>
    public required string Label { get; set; }
    public required string Title { get; set; }
    public required string ContentHash { get; set; }
    public required string Content { get; set; }
    public int QuestionCount { get; set; }
    public DateTimeOffset ImportedAt { get; set; } = DateTimeOffset.UtcNow;
    public required string ImportedBy { get; set; }
}
