namespace CopAssessment.Domain.Workflow;

public enum CycleAction
{
    Open,
    Close,
    Reopen,
    Publish,
}

/// <summary>
/// planned → open → closed → published, with closed → open (reopen) allowed until publication. Only an
/// administrator changes a cycle's status, so the caller checks the role; these rules are about order and dates.
/// </summary>
public static class CycleWorkflow
{
    public static Transition<CycleStatus> Apply(CycleStatus current, CycleAction action) => (current, action) switch
    {
        (CycleStatus.Planned, CycleAction.Open) => Transition<CycleStatus>.To(CycleStatus.Open),
        (CycleStatus.Open, CycleAction.Close) => Transition<CycleStatus>.To(CycleStatus.Closed),
        (CycleStatus.Closed, CycleAction.Reopen) => Transition<CycleStatus>.To(CycleStatus.Open),
        (CycleStatus.Closed, CycleAction.Publish) => Transition<CycleStatus>.To(CycleStatus.Published),
        (CycleStatus.Published, _) => Transition<CycleStatus>.Refused(current, "A published cycle is final; its results are history."),
        (CycleStatus.Open, CycleAction.Publish) => Transition<CycleStatus>.Refused(current, "Close the cycle before publishing it."),
        // Whole sentences, so that each can be translated as one.
        (_, CycleAction.Open) => Transition<CycleStatus>.Refused(current, "Only a planned cycle can be opened."),
        (_, CycleAction.Close) => Transition<CycleStatus>.Refused(current, "Only an open cycle can be closed."),
        (_, CycleAction.Reopen) => Transition<CycleStatus>.Refused(current, "Only a closed cycle can be reopened."),
        _ => Transition<CycleStatus>.Refused(current, "Only a closed cycle can be published."),
    };

    /// <summary>Focal points change answers and submit only while the cycle is open.</summary>
    public static bool AllowsAnswering(CycleStatus status) => status == CycleStatus.Open;

    /// <summary>Reviewers keep reviewing after the deadline, until publication.</summary>
    public static bool AllowsReview(CycleStatus status) => status is CycleStatus.Open or CycleStatus.Closed;

    /// <summary>
    /// The publication policy (named or anonymised) can change until the cycle is published: every report is
    /// built from the policy of the moment, and a published cycle's reports are history.
    /// </summary>
    public static Transition<CycleStatus> ChangePolicy(CycleStatus status) => status == CycleStatus.Published
        ? Transition<CycleStatus>.Refused(status, "The publication policy cannot change once the cycle is published.")
        : Transition<CycleStatus>.To(status);

    /// <summary>
    /// A deadline can move later while the cycle is planned or open, never into the past: a later date
    /// helps late countries, an earlier one would shut out countries that planned around it.
    /// </summary>
    public static Transition<CycleStatus> ExtendDeadline(CycleStatus status, DateTimeOffset currentDeadline,
        DateTimeOffset newDeadline, DateTimeOffset now)
    {
        if (status is not (CycleStatus.Planned or CycleStatus.Open))
        {
            return Transition<CycleStatus>.Refused(status, "The deadline can only be extended while the cycle is planned or open (reopen a closed cycle first).");
        }

        if (newDeadline <= currentDeadline)
        {
            return Transition<CycleStatus>.Refused(status, "The new deadline must be later than the current one.");
        }

        return newDeadline <= now
            ? Transition<CycleStatus>.Refused(status, "The new deadline must be in the future.")
            : Transition<CycleStatus>.To(status);
    }
}
