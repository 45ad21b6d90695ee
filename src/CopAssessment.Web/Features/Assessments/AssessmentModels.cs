using System.Globalization;
using CopAssessment.Domain.Answers;
using CopAssessment.Domain.Questionnaires;
using CopAssessment.Domain.Scoring;
using CopAssessment.Domain.Workflow;
using CopAssessment.Web.Data.Assessments;
using QDomain = CopAssessment.Domain.Questionnaires.Domain;

namespace CopAssessment.Web.Features.Assessments;

public sealed record EvidenceRow(long Id, string QuestionKey, string? FileName, string? Url, long? Size, string? Sha256, string AddedBy, DateTimeOffset AddedAt);

public sealed record CommentRow(long Id, string? QuestionKey, long? ParentId, string Body, string AuthorName, bool FromSecretariat, DateTimeOffset CreatedAt, bool Resolved);

public sealed record ConflictInfo(AnswerValue Yours, AnswerValue Theirs, string TheirsBy, DateTimeOffset TheirsAt);

public sealed class OverviewModel
{
    public required SubmissionContext Context { get; init; }
    public required ShownScorecard Shown { get; init; }
    public required IReadOnlyList<CommentRow> Comments { get; init; }
    public required IReadOnlyList<SubmissionTransition> Timeline { get; init; }
    public IReadOnlyList<MissingAnswer> Missing { get; init; } = [];
    public string? Error { get; init; }
    public bool CanEdit { get; init; }
    public bool MayComment { get; init; }
}

/// <summary>The confirmation step before submitting: what will happen, and what is still missing.</summary>
public sealed class SubmitModel
{
    public required SubmissionContext Context { get; init; }
    public required Completeness Completeness { get; init; }
    public IReadOnlyList<MissingAnswer> Missing { get; init; } = [];
    public bool CanEdit { get; init; }
}

public sealed class DomainPageModel
{
    public required SubmissionContext Context { get; init; }
    public required QDomain Section { get; init; }

    /// <summary>The section's answered and required questions that apply now.</summary>
    public required Completeness Progress { get; init; }
    public required Dictionary<string, StoredAnswer> Answers { get; init; }
    public required IReadOnlySet<string> Hidden { get; init; }
    public required ILookup<string, EvidenceRow> Evidence { get; init; }
    public required ILookup<string?, CommentRow> Comments { get; init; }
    public Dictionary<string, string> Errors { get; init; } = [];
    public Dictionary<string, ConflictInfo> Conflicts { get; init; } = [];

    /// <summary>What the person typed where it could not be saved, shown again instead of the stored value.</summary>
    public Dictionary<string, AnswerValue> Typed { get; init; } = [];
    public bool CanEdit { get; init; }
    public bool MayComment { get; init; }
    public string Culture { get; init; } = "en";
    public long MaxUploadBytes { get; init; }

    /// <summary>The question whose evidence panel is shown open.</summary>
    public string? OpenEvidence { get; set; }

    /// <summary>Errors of answers, not of evidence (those carry an "evidence:" prefix and show in the evidence panel).</summary>
    public bool HasAnswerErrors => Errors.Keys.Any(k => !k.StartsWith("evidence:", StringComparison.Ordinal));

    public AnswerValue ValueOf(string key) =>
        Typed.TryGetValue(key, out var typed) ? typed : Answers.TryGetValue(key, out var stored) ? stored.Value : AnswerValue.None;

    /// <summary>The version the page shows; after a conflict, theirs (the save stored it in <see cref="Answers"/>).</summary>
    public uint VersionOf(string key) => Answers.TryGetValue(key, out var stored) ? stored.Version : 0;
}

public sealed record HistoryRow(string? OldValue, string NewValue, string ChangedBy, DateTimeOffset ChangedAt);

public sealed class HistoryModel
{
    public required SubmissionContext Context { get; init; }
    public required Question Question { get; init; }
    public required IReadOnlyList<HistoryRow> Rows { get; init; }
    public string Culture { get; init; } = "en";
}

/// <summary>Helpers the question views use to show a stored answer in form controls.</summary>
public static class QuestionRendering
{
    public static string Id(string key) => "q-" + key.Replace('.', '-');

    public static bool IsChecked(AnswerValue value, string option) =>
        value.OptionKey == option || value.SelectedOptions.Contains(option);

    public static string InputText(AnswerValue value) => value.Kind switch
    {
        AnswerKind.Number => value.NumberOrNull!.Value.ToString(CultureInfo.InvariantCulture),
        AnswerKind.Date => value.DateOrNull!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        AnswerKind.Text => value.TextOrNull!,
        _ => "",
    };
}

public sealed record CommentsView(int SubmissionId, IReadOnlyList<CommentRow> Comments, bool MayComment, bool MayResolve, string ReturnUrl, Func<string, string?> DomainOf);

public sealed record QuestionView(DomainPageModel Page, Question Question);
