namespace CopAssessment.Domain.Workflow;

public enum SubmissionAction
{
    Submit,
    StartReview,
    Return,
    Validate,
    Publish,
    Reopen,
}

/// <summary>
/// draft → submitted → inReview → returned → submitted … → validated → published. An administrator may
/// reopen a validated submission (back to returned) with a reason; a published one is final.
/// </summary>
public static class SubmissionWorkflow
{
    public static Transition<SubmissionStatus> Apply(SubmissionStatus current, SubmissionAction action, Actor actor,
        CycleStatus cycle, string? note = null)
    {
        var isReviewer = actor is Actor.Reviewer or Actor.Administrator;
        switch (action)
        {
            case SubmissionAction.Submit:
                if (actor != Actor.FocalPoint && actor != Actor.Administrator)
                {
                    return Refuse(current, "Only the country's focal point submits its assessment.");
                }

                if (!CycleWorkflow.AllowsAnswering(cycle))
                {
                    return Refuse(current, "The cycle is not open: submissions are closed.");
                }

                return current is SubmissionStatus.Draft or SubmissionStatus.Returned
                    ? Transition<SubmissionStatus>.To(SubmissionStatus.Submitted)
                    : Refuse(current, "This assessment has been submitted already.");

            case SubmissionAction.StartReview:
                return ReviewStep(current, SubmissionStatus.Submitted, SubmissionStatus.InReview, isReviewer, cycle,
                    "Only a submitted assessment can be taken into review.");

            case SubmissionAction.Return:
                if (string.IsNullOrWhiteSpace(note))
                {
                    return Refuse(current, "Say what needs revising: returning needs a note.");
                }

                return ReviewStep(current, SubmissionStatus.InReview, SubmissionStatus.Returned, isReviewer, cycle,
                    "Only an assessment in review can be returned.");

            case SubmissionAction.Validate:
                return ReviewStep(current, SubmissionStatus.InReview, SubmissionStatus.Validated, isReviewer, cycle,
                    "Only an assessment in review can be validated.");

            case SubmissionAction.Publish:
                if (actor != Actor.Administrator)
                {
                    return Refuse(current, "Only an administrator publishes.");
                }

                if (cycle != CycleStatus.Published)
                {
                    return Refuse(current, "Submissions are published with their cycle.");
                }

                return current == SubmissionStatus.Validated
                    ? Transition<SubmissionStatus>.To(SubmissionStatus.Published)
                    : Refuse(current, "Only a validated assessment can be published.");

            case SubmissionAction.Reopen:
                if (actor != Actor.Administrator)
                {
                    return Refuse(current, "Only an administrator can reopen a validated assessment.");
                }

                if (string.IsNullOrWhiteSpace(note))
                {
                    return Refuse(current, "Reopening a validated assessment needs a reason.");
                }

                if (!CycleWorkflow.AllowsReview(cycle))
                {
                    return Refuse(current, "The cycle is published: its results are final.");
                }

                return current == SubmissionStatus.Validated
                    ? Transition<SubmissionStatus>.To(SubmissionStatus.Returned)
                    : Refuse(current, "Only a validated assessment can be reopened.");

            default:
                return Refuse(current, $"Unknown action {action}.");
        }
    }

    /// <summary>
    /// Focal points edit answers of a draft or returned submission while the cycle is open. A returned
    /// submission in a closed cycle waits for the cycle to be reopened.
    /// </summary>
    public static bool CanEditAnswers(SubmissionStatus status, CycleStatus cycle) =>
        status is SubmissionStatus.Draft or SubmissionStatus.Returned && CycleWorkflow.AllowsAnswering(cycle);

    /// <summary>The scoring mode for a status: drafts are provisional; from submission on, gaps count 0.</summary>
    public static Scoring.ScoringMode ScoringModeFor(SubmissionStatus status) =>
        status == SubmissionStatus.Draft ? Scoring.ScoringMode.Provisional : Scoring.ScoringMode.Submitted;

    /// <summary>
    /// A decision as the workflow carries it out: the status changes it makes, in order. Return and validate act
    /// on an assessment in review; a submitted one is taken into review on the way (two steps, both recorded).
    /// </summary>
    public static WorkflowPlan Plan(SubmissionStatus current, SubmissionAction action, Actor actor, CycleStatus cycle, string? note = null)
    {
        List<WorkflowStep> steps = [];
        if (current == SubmissionStatus.Submitted && action is SubmissionAction.Return or SubmissionAction.Validate)
        {
            var start = Apply(current, SubmissionAction.StartReview, actor, cycle);
            if (!start.Succeeded) return WorkflowPlan.Refused(start.Error!);
            steps.Add(new WorkflowStep(SubmissionAction.StartReview, current, start.Status));
        }
        var from = steps.Count > 0 ? steps[^1].To : current;
        var step = Apply(from, action, actor, cycle, note);
        if (!step.Succeeded) return WorkflowPlan.Refused(step.Error!);
        steps.Add(new WorkflowStep(action, from, step.Status));
        return new WorkflowPlan(steps, null);
    }

    /// <summary>What the actor can do next, for showing only the buttons that will work.</summary>
    public static IReadOnlyList<SubmissionAction> AvailableActions(SubmissionStatus current, Actor actor, CycleStatus cycle) =>
        [.. Enum.GetValues<SubmissionAction>().Where(a => Plan(current, a, actor, cycle, note: "-").Succeeded)];

    private static Transition<SubmissionStatus> ReviewStep(SubmissionStatus current, SubmissionStatus from,
        SubmissionStatus to, bool isReviewer, CycleStatus cycle, string wrongStatus)
    {
        if (!isReviewer)
        {
            return Refuse(current, "Only the Secretariat reviews assessments.");
        }

        if (!CycleWorkflow.AllowsReview(cycle))
        {
            return Refuse(current, "Review is only possible while the cycle is open or closed.");
        }

        return current == from ? Transition<SubmissionStatus>.To(to) : Refuse(current, wrongStatus);
    }

    private static Transition<SubmissionStatus> Refuse(SubmissionStatus current, string error) =>
        Transition<SubmissionStatus>.Refused(current, error);
}
