namespace CopAssessment.Domain.Tests.Workflow;

public class SubmissionWorkflowTests
{
    private static Transition<SubmissionStatus> Apply(SubmissionStatus from, SubmissionAction action, Actor actor = Actor.Reviewer,
        CycleStatus cycle = CycleStatus.Open, string? note = null) => SubmissionWorkflow.Apply(from, action, actor, cycle, note);

    [Fact]
    public void Focal_point_submits_a_draft_while_the_cycle_is_open()
    {
        var result = Apply(SubmissionStatus.Draft, SubmissionAction.Submit, Actor.FocalPoint);
        Assert.True(result.Succeeded);
        Assert.Equal(SubmissionStatus.Submitted, result.Status);
    }

    [Fact]
    public void Submission_is_refused_after_the_cycle_closes()
    {
        var result = Apply(SubmissionStatus.Draft, SubmissionAction.Submit, Actor.FocalPoint, CycleStatus.Closed);
        Assert.False(result.Succeeded);
        Assert.Equal(SubmissionStatus.Draft, result.Status);
        Assert.Contains("not open", result.Error);
    }

    [Fact]
    public void Full_review_round_trip_reaches_published()
    {
        var status = SubmissionStatus.Draft;
        foreach (var (action, actor, note) in new[]
        {
            (SubmissionAction.Submit, Actor.FocalPoint, (string?)null),
            (SubmissionAction.StartReview, Actor.Reviewer, null),
            (SubmissionAction.Return, Actor.Reviewer, "Add evidence for pg.1"),
            (SubmissionAction.Submit, Actor.FocalPoint, null),
            (SubmissionAction.StartReview, Actor.Reviewer, null),
            (SubmissionAction.Validate, Actor.Reviewer, null),
        })
        {
            var result = Apply(status, action, actor, CycleStatus.Open, note);
            Assert.True(result.Succeeded, result.Error);
            status = result.Status;
        }

        Assert.Equal(SubmissionStatus.Validated, status);
        Assert.Equal(SubmissionStatus.Published, Apply(status, SubmissionAction.Publish, Actor.Administrator, CycleStatus.Published).Status);
    }

    [Fact]
    public void Returning_needs_a_note() =>
        Assert.False(Apply(SubmissionStatus.InReview, SubmissionAction.Return).Succeeded);

    [Fact]
    public void Focal_point_cannot_validate() =>
        Assert.Contains("Secretariat", Apply(SubmissionStatus.InReview, SubmissionAction.Validate, Actor.FocalPoint).Error);

    [Fact]
    public void Review_continues_after_the_cycle_closes() =>
        Assert.True(Apply(SubmissionStatus.InReview, SubmissionAction.Validate, cycle: CycleStatus.Closed).Succeeded);

    [Fact]
    public void Draft_cannot_be_validated_directly() =>
        Assert.False(Apply(SubmissionStatus.Draft, SubmissionAction.Validate).Succeeded);

    [Fact]
    public void Submitted_assessment_cannot_be_submitted_again() =>
        Assert.False(Apply(SubmissionStatus.Submitted, SubmissionAction.Submit, Actor.FocalPoint).Succeeded);

    [Fact]
    public void Administrator_reopens_a_validated_assessment_with_a_reason()
    {
        Assert.False(Apply(SubmissionStatus.Validated, SubmissionAction.Reopen, Actor.Administrator).Succeeded);
        Assert.False(Apply(SubmissionStatus.Validated, SubmissionAction.Reopen, Actor.Reviewer, note: "typo").Succeeded);
        var reopened = Apply(SubmissionStatus.Validated, SubmissionAction.Reopen, Actor.Administrator, note: "Wrong figure in q3");
        Assert.True(reopened.Succeeded);
        Assert.Equal(SubmissionStatus.Returned, reopened.Status);
    }

    [Fact]
    public void Published_assessment_is_final()
    {
        Assert.All(Enum.GetValues<SubmissionAction>(), action =>
            Assert.False(Apply(SubmissionStatus.Published, action, Actor.Administrator, CycleStatus.Published, "x").Succeeded));
    }

    [Fact]
    public void Publishing_waits_for_the_cycle() =>
        Assert.False(Apply(SubmissionStatus.Validated, SubmissionAction.Publish, Actor.Administrator, CycleStatus.Closed).Succeeded);

    [Theory]
    [InlineData(SubmissionStatus.Draft, CycleStatus.Open, true)]
    [InlineData(SubmissionStatus.Returned, CycleStatus.Open, true)]
    [InlineData(SubmissionStatus.Returned, CycleStatus.Closed, false)]
    [InlineData(SubmissionStatus.Submitted, CycleStatus.Open, false)]
    [InlineData(SubmissionStatus.InReview, CycleStatus.Open, false)]
    [InlineData(SubmissionStatus.Validated, CycleStatus.Open, false)]
    [InlineData(SubmissionStatus.Draft, CycleStatus.Planned, false)]
    public void Answers_are_editable_only_in_draft_or_returned_while_open(SubmissionStatus status, CycleStatus cycle, bool expected) =>
        Assert.Equal(expected, SubmissionWorkflow.CanEditAnswers(status, cycle));

    [Fact]
    public void Returned_submission_can_be_edited_again()
    {
        var returned = Apply(SubmissionStatus.InReview, SubmissionAction.Return, note: "Please complete section 2").Status;
        Assert.True(SubmissionWorkflow.CanEditAnswers(returned, CycleStatus.Open));
    }

    [Fact]
    public void Draft_scores_provisionally_and_everything_after_as_submitted()
    {
        Assert.Equal(ScoringMode.Provisional, SubmissionWorkflow.ScoringModeFor(SubmissionStatus.Draft));
        Assert.All(Enum.GetValues<SubmissionStatus>().Skip(1), s => Assert.Equal(ScoringMode.Submitted, SubmissionWorkflow.ScoringModeFor(s)));
    }

    [Fact]
    public void Available_actions_list_what_the_actor_can_do()
    {
        Assert.Equal([SubmissionAction.Submit], SubmissionWorkflow.AvailableActions(SubmissionStatus.Draft, Actor.FocalPoint, CycleStatus.Open));
        Assert.Equal([SubmissionAction.Return, SubmissionAction.Validate],
            SubmissionWorkflow.AvailableActions(SubmissionStatus.InReview, Actor.Reviewer, CycleStatus.Open));
        Assert.Equal([SubmissionAction.StartReview, SubmissionAction.Return, SubmissionAction.Validate],
            SubmissionWorkflow.AvailableActions(SubmissionStatus.Submitted, Actor.Reviewer, CycleStatus.Open));
    }

    [Theory]
    [InlineData(SubmissionAction.Return)]
    [InlineData(SubmissionAction.Validate)]
    public void Returning_or_validating_a_submitted_assessment_takes_it_into_review_on_the_way(SubmissionAction action)
    {
        var plan = SubmissionWorkflow.Plan(SubmissionStatus.Submitted, action, Actor.Reviewer, CycleStatus.Open, "Please complete section 2");
        Assert.True(plan.Succeeded);
        Assert.Equal([SubmissionAction.StartReview, action], plan.Steps.Select(s => s.Action));
        Assert.Equal(SubmissionStatus.Submitted, plan.Steps[0].From);
        Assert.Equal(SubmissionStatus.InReview, plan.Steps[0].To);
        Assert.Equal(SubmissionStatus.InReview, plan.Steps[1].From);
        Assert.Equal(Apply(SubmissionStatus.InReview, action, note: "x").Status, plan.Steps[1].To);
    }

    [Fact]
    public void A_plan_is_refused_as_a_whole_when_a_step_is_refused()
    {
        // Taking it into review would succeed; returning without a note is refused, so nothing happens.
        var plan = SubmissionWorkflow.Plan(SubmissionStatus.Submitted, SubmissionAction.Return, Actor.Reviewer, CycleStatus.Open, note: null);
        Assert.False(plan.Succeeded);
        Assert.Empty(plan.Steps);
        Assert.Equal(Apply(SubmissionStatus.InReview, SubmissionAction.Return, note: null).Error, plan.Error);
        Assert.False(SubmissionWorkflow.Plan(SubmissionStatus.Submitted, SubmissionAction.Validate, Actor.FocalPoint, CycleStatus.Open).Succeeded);
        Assert.Single(SubmissionWorkflow.Plan(SubmissionStatus.Draft, SubmissionAction.Submit, Actor.FocalPoint, CycleStatus.Open).Steps);
    }
}
