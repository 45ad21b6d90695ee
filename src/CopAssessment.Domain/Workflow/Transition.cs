namespace CopAssessment.Domain.Workflow;

/// <summary>The outcome of asking for a status change: the new status, or why it is refused.</summary>
public sealed record Transition<TStatus>(bool Succeeded, TStatus Status, string? Error) where TStatus : struct, Enum
{
    public static Transition<TStatus> To(TStatus status) => new(true, status, null);

    public static Transition<TStatus> Refused(TStatus current, string error) => new(false, current, error);
}

public enum Actor
{
    FocalPoint,
    Reviewer,
    Administrator,
}
