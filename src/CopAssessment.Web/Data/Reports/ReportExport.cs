namespace CopAssessment.Web.Data.Reports;

public enum ExportStatus { Queued, Running, Done, Failed }

/// <summary>
/// A requested report generated in the background (a Hangfire job). The result bytes live in the row until
/// <see cref="ExpiresAt"/>, when the clean-up job deletes it. Who may download is decided by the scope
/// the report covers (kind, region, country), checked against the person asking with <c>VisibleTo(scope)</c>, not by who requested it.
/// </summary>
public class ReportExport : IReportScoped
{
    public const int FormatLength = 10;
    /// <summary>Wider than <see cref="TextLimits.RegionCode"/>, as the column was made.</summary>
    public const int RegionCodeLength = 10;
    public const int FileNameLength = 200;
    /// <summary>The failure's reason, cut to this length when recorded.</summary>
    public const int ErrorLength = 2000;

    public Guid Id { get; set; } = Guid.NewGuid();
    public ReportKind Kind { get; set; }
    public int CycleId { get; set; }
    /// <summary>Regional reports: the region; country reports: the country's region (for scoping).</summary>
    public string? RegionCode { get; set; }
    public string? CountryIso3 { get; set; }
    public ReportFormat Format { get; set; }
    public required string Language { get; set; }
    public ExportStatus Status { get; set; } = ExportStatus.Queued;
    public int Progress { get; set; }
    public byte[]? Result { get; set; }
    public string? FileName { get; set; }
    public string? Error { get; set; }
    public required string RequestedBy { get; set; }
    public DateTimeOffset RequestedAt { get; set; } = DateTimeOffset.UtcNow;
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>
    /// Running: touched every few seconds while generating; a running export whose heartbeat is old lost its worker
    /// and is queued again. Queued: when a job was last enqueued for it (null: none yet, the recovery job enqueues one).
    /// </summary>
    public DateTimeOffset? HeartbeatAt { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public int Attempts { get; set; }
}
