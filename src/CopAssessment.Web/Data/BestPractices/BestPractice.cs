namespace CopAssessment.Web.Data.BestPractices;

/// <summary>
/// A best practice: who owns it and which of its versions the public sees. The text lives in
/// <see cref="BestPracticeVersion"/> rows, all kept: the submitter edits a draft version, a reviewer
/// decides on a submitted one, and the published version stays visible until a newer one is approved.
/// </summary>
public class BestPractice
{
    public int Id { get; set; }

    public required string OwnerId { get; set; }
    public required string OwnerEmail { get; set; }

    /// <summary>Set when a focal point submitted it: the other focal points of the country share it.</summary>
    public string? OwnerCountryIso3 { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>The newest version, whatever its state (draft, submitted, published …).</summary>
    public int? LatestVersionId { get; set; }
    public BestPracticeVersion? LatestVersion { get; set; }

    /// <summary>The version the public library shows; null until the first approval.</summary>
    public int? PublishedVersionId { get; set; }
    public BestPracticeVersion? PublishedVersion { get; set; }

    /// <summary>When the first version was published (the Atom feed's "published").</summary>
    public DateTimeOffset? FirstPublishedAt { get; set; }

    public List<BestPracticeVersion> Versions { get; set; } = [];

    /// <summary>PostgreSQL xmin: two reviewers deciding at once cannot both win.</summary>
    public uint RowVersion { get; set; }
}

public enum PracticeStatus
{
    Draft = 0,
    Submitted = 1,
    ChangesRequested = 2,
    Published = 3,
    Declined = 4,

    /// <summary>Was published, then replaced by a newer approved version.</summary>
    Superseded = 5,
}

/// <summary>One version of a practice's text. Immutable once submitted; edits create the next version.</summary>
public class BestPracticeVersion
{
    public int Id { get; set; }
    public int PracticeId { get; set; }
    public BestPractice? Practice { get; set; }
    public int Number { get; set; }
    public PracticeStatus Status { get; set; }

    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    public string Description { get; set; } = "";
    public List<string> Countries { get; set; } = [];
    public string Organisation { get; set; } = "";
    public string StakeholderGroup { get; set; } = "";
    public List<string> Audiences { get; set; } = [];
    public List<string> Capabilities { get; set; } = [];
    public int? StartYear { get; set; }
    public int? EndYear { get; set; }
    public string Results { get; set; } = "";
    public string EnablingFactors { get; set; } = "";
    public string Scalability { get; set; } = "";
    public List<string> Links { get; set; } = [];
    public string ContactName { get; set; } = "";
    public string ContactEmail { get; set; } = "";
    public string Language { get; set; } = "en";

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? SubmittedAt { get; set; }
    public DateTimeOffset? ReviewedAt { get; set; }
    public string? ReviewedBy { get; set; }

    /// <summary>The reviewer's comment (changes requested) or reason (declined).</summary>
    public string? ReviewNote { get; set; }

    public List<BestPracticeAttachment> Attachments { get; set; } = [];
}

/// <summary>
/// A file attached to one version. A new version copies these rows, not the bytes: the content row
/// (<see cref="BestPracticeFile"/>) is shared.
/// </summary>
public class BestPracticeAttachment
{
    public int Id { get; set; }
    public int VersionId { get; set; }
    public BestPracticeVersion? Version { get; set; }
    public int FileId { get; set; }
    public BestPracticeFile? File { get; set; }
    public required string FileName { get; set; }
}

/// <summary>Uploaded bytes in their own table (bytea), so listing attachments never reads them.</summary>
public class BestPracticeFile
{
    public int Id { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required byte[] Content { get; set; }
    public DateTimeOffset UploadedAt { get; set; } = DateTimeOffset.UtcNow;
    public required string UploadedBy { get; set; }
}
