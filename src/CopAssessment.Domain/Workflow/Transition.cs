namespace CopAssessment.Domain.Workflow;

/// <summary>The outcome of asking for a status change: the new status, or why it is refused.</summary>
public sealed record Transition<TStatus>(bool Succeeded, TStatus Status, string? Error) where TStatus : struct, Enum
{
    public static Transition<TStatus> To(TStatus status) => new(true, status, null);

    public static Transition<TStatus> Refused(TStatus current, string error) => new(false, current, error);
}

/// <summary>One status change of a submission.</summary>
public sealed record WorkflowStep(SubmissionAction Action, SubmissionStatus From, SubmissionStatus To);

/// <summary>What a decision does to a submission: its steps in order, or why it is refused (no steps).</summary>
public sealed record WorkflowPlan(IReadOnlyList<WorkflowStep> Steps, string? Error)
{
    public bool Succeeded => Error is null;

    public static WorkflowPlan Refused(string error) => new([], error);
}

public enum Actor
{
    FocalPoint,
    Reviewer,
    Administrator,
}
