namespace CopAssessment.Domain.Workflow;

[JsonConverter(typeof(JsonStringEnumConverter<CycleStatus>))]
public enum CycleStatus
{
    Planned,
    Open,
    Closed,
    Published,
}

[JsonConverter(typeof(JsonStringEnumConverter<SubmissionStatus>))]
public enum SubmissionStatus
{
    Draft,
    Submitted,
    InReview,
    Returned,
    Validated,
    Published,
}

public static class SubmissionStatusExtensions
{
    /// <summary>Anything past draft counts as submitted for participation (a returned one was submitted once).</summary>
    public static bool IsSubmitted(this SubmissionStatus status) => status != SubmissionStatus.Draft;

    public static bool IsValidated(this SubmissionStatus status) =>
        status is SubmissionStatus.Validated or SubmissionStatus.Published;
}
