namespace CopAssessment.Web.Data.Assessments;

public enum PublicationPolicy
{
    /// <summary>Country results may be published by name.</summary>
    Named,

    /// <summary>Only regional and global aggregates, anonymised; never rankings.</summary>
    Anonymised,
}

/// <summary>One round of national assessments, e.g. "2026 stocktaking", on one questionnaire version.</summary>
public class AssessmentCycle
{
    public int Id { get; set; }

    /// <summary>The first title given: what a reader sees when the cycle has no <see cref="CycleTitle"/> in their language.</summary>
    public required string Name { get; set; }
    public int QuestionnaireVersionId { get; set; }
    public QuestionnaireVersion? QuestionnaireVersion { get; set; }
    public DateOnly OpensOn { get; set; }
    public DateTimeOffset Deadline { get; set; }
    public PublicationPolicy PublicationPolicy { get; set; }
    public CycleStatus Status { get; set; } = CycleStatus.Planned;
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public uint Version { get; set; }
    public List<CycleTitle> Titles { get; set; } = [];

    /// <summary>The licence the cycle's open data is published under, once published (<see cref="DataLicences"/>).</summary>
    public DataLicence Licence { get; set; } = DataLicence.CcBy40;
}

/// <summary>A cycle's title in one language (<see cref="LocalizationSetup.Cultures"/>); read through <c>CycleTitles</c>.</summary>
public class CycleTitle
{
    public int CycleId { get; set; }

    /// <summary>The UI culture the title is for: en, fr, ar, es, ru, zh-Hans.</summary>
    public required string Language { get; set; }
    public required string Title { get; set; }
}

/// <summary>A country's assessment in one cycle. Its answers are separate rows, so two people never collide on it.</summary>
public class Submission : ICountryScoped
{
    public int Id { get; set; }
    public int CycleId { get; set; }
    public AssessmentCycle? Cycle { get; set; }
    public required string CountryIso3 { get; set; }
    public Country? Country { get; set; }
    public SubmissionStatus Status { get; set; } = SubmissionStatus.Draft;
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? ValidatedAt { get; set; }

    /// <summary>The Scorecard computed at validation (JSON): published history never changes with the definition.</summary>
    public string? ScoreSnapshot { get; set; }

    /// <summary>PostgreSQL xmin: two reviewers acting at once cannot both move the status.</summary>
    public uint Version { get; set; }
}

/// <summary>
/// One answer of one submission (AnswerValue JSON), with optimistic concurrency on the row. Keyed by the submission and
/// the question (decision 0025): no surrogate key, so each answer written costs one index, not two (carrying 193
/// countries forward writes 27,000 of them at once).
/// </summary>
public class Answer
{
    public int SubmissionId { get; set; }
    public Submission? Submission { get; set; }
    public required string QuestionKey { get; set; }
    public required string Value { get; set; }
    public required string UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
    public uint Version { get; set; }

    /// <summary>
    /// The cycle this value was carried from when the cycle opened (decision 0020), while it is unchanged since;
    /// any change of the value clears it. No foreign key: it records where a value came from (cycles are never deleted),
    /// and a key would check 27,000 rows one by one when 193 countries are carried (decision 0020).
    /// </summary>
    public int? CarriedFromCycleId { get; set; }

    /// <summary>A carried value nobody has confirmed yet: it counts as no answer for progress and submission.</summary>
    public bool Unconfirmed { get; set; }
}

/// <summary>Append-only: every acknowledged change of an answer.</summary>
public class AnswerHistory
{
    public long Id { get; set; }
    public int SubmissionId { get; set; }
    public required string QuestionKey { get; set; }
    public string? OldValue { get; set; }
    public required string NewValue { get; set; }
    public required string ChangedBy { get; set; }
    public DateTimeOffset ChangedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>How the change came in when not typed on the page: <see cref="FromWorkbook"/> (null: the page or autosave).</summary>
    public string? Source { get; set; }

    public const string FromWorkbook = "workbook";

    /// <summary>Carried from the previous cycle when this one opened (the row's old value is empty).</summary>
    public const string Carried = "carried";

    /// <summary>A carried answer confirmed unchanged (old and new value are the same).</summary>
    public const string Confirmed = "confirmed";
}

/// <summary>A file or a link supporting one answer. File bytes live in <see cref="EvidenceFile"/>, loaded only on download.</summary>
public class Evidence
{
    public long Id { get; set; }
    public int SubmissionId { get; set; }
    public Submission? Submission { get; set; }
    public required string QuestionKey { get; set; }
    public string? FileName { get; set; }
    public string? ContentType { get; set; }
    public long? Size { get; set; }
    public string? Sha256 { get; set; }
    public string? Url { get; set; }
    public required string AddedBy { get; set; }
    public DateTimeOffset AddedAt { get; set; } = DateTimeOffset.UtcNow;
    public EvidenceFile? File { get; set; }
}

public class EvidenceFile
{
    public long EvidenceId { get; set; }
    public required byte[] Content { get; set; }
}

/// <summary>A reviewer's (or the country's) remark on a submission or one question; replies point to their parent.</summary>
public class ReviewComment
{
    public long Id { get; set; }
    public int SubmissionId { get; set; }
    public Submission? Submission { get; set; }
    public string? QuestionKey { get; set; }
    public long? ParentId { get; set; }
    public required string Body { get; set; }
    public required string AuthorEmail { get; set; }
    public required string AuthorName { get; set; }
    public bool FromSecretariat { get; set; }
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public bool Resolved { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }

    /// <summary>
    /// An open thread: a comment that starts a thread (not a reply) and is not resolved. Returning needs one;
    /// the queue, the dashboard and the pages count them. The one definition, used in queries.
    /// </summary>
    public static readonly System.Linq.Expressions.Expression<Func<ReviewComment, bool>> OpenThread = c => !c.Resolved && c.ParentId == null;
}

/// <summary>Every status change of a submission: the timeline.</summary>
public class SubmissionTransition
{
    public long Id { get; set; }
    public int SubmissionId { get; set; }
    public SubmissionStatus From { get; set; }
    public SubmissionStatus To { get; set; }
    public required string By { get; set; }
    public DateTimeOffset At { get; set; } = DateTimeOffset.UtcNow;
    public string? Note { get; set; }
}
