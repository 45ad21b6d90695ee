namespace CopAssessment.Domain.Tests.Workflow;

public class CycleWorkflowTests
{
    [Theory]
    [InlineData(CycleStatus.Planned, CycleAction.Open, CycleStatus.Open)]
    [InlineData(CycleStatus.Open, CycleAction.Close, CycleStatus.Closed)]
    [InlineData(CycleStatus.Closed, CycleAction.Reopen, CycleStatus.Open)]
    [InlineData(CycleStatus.Closed, CycleAction.Publish, CycleStatus.Published)]
    public void Cycle_moves_planned_open_closed_published(CycleStatus from, CycleAction action, CycleStatus to)
    {
        var result = CycleWorkflow.Apply(from, action);
        Assert.True(result.Succeeded);
        Assert.Equal(to, result.Status);
    }

    [Theory]
    [InlineData(CycleStatus.Planned, CycleAction.Close)]
    [InlineData(CycleStatus.Planned, CycleAction.Publish)]
    [InlineData(CycleStatus.Open, CycleAction.Publish)]
    [InlineData(CycleStatus.Open, CycleAction.Open)]
    [InlineData(CycleStatus.Published, CycleAction.Reopen)]
    public void Out_of_order_cycle_change_is_refused_with_a_reason(CycleStatus from, CycleAction action)
    {
        var result = CycleWorkflow.Apply(from, action);
        Assert.False(result.Succeeded);
        Assert.Equal(from, result.Status);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }

    [Theory]
    [InlineData(CycleStatus.Planned, false, false)]
    [InlineData(CycleStatus.Open, true, true)]
    [InlineData(CycleStatus.Closed, false, true)]
    [InlineData(CycleStatus.Published, false, false)]
    public void Each_status_allows_its_own_work(CycleStatus status, bool answering, bool review)
    {
        Assert.Equal(answering, CycleWorkflow.AllowsAnswering(status));
        Assert.Equal(review, CycleWorkflow.AllowsReview(status));
    }

    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Deadline_is_extended_while_open() =>
        Assert.True(CycleWorkflow.ExtendDeadline(CycleStatus.Open, Now.AddDays(2), Now.AddDays(9), Now).Succeeded);

    [Fact]
    public void Deadline_cannot_move_earlier_or_into_the_past()
    {
        Assert.False(CycleWorkflow.ExtendDeadline(CycleStatus.Open, Now.AddDays(2), Now.AddDays(1), Now).Succeeded);
        Assert.False(CycleWorkflow.ExtendDeadline(CycleStatus.Open, Now.AddDays(-5), Now.AddDays(-1), Now).Succeeded);
    }

    [Fact]
    public void Deadline_of_a_closed_cycle_cannot_be_extended() =>
        Assert.Contains("reopen", CycleWorkflow.ExtendDeadline(CycleStatus.Closed, Now, Now.AddDays(3), Now.AddDays(-1)).Error);

    [Theory]
    [InlineData(CycleStatus.Planned)]
    [InlineData(CycleStatus.Open)]
    [InlineData(CycleStatus.Closed)]
    public void Publication_policy_can_change_until_the_cycle_is_published(CycleStatus status)
    {
        var result = CycleWorkflow.ChangePolicy(status);
        Assert.True(result.Succeeded);
        Assert.Equal(status, result.Status);
    }

    [Fact]
    public void Publication_policy_of_a_published_cycle_is_final()
    {
        var result = CycleWorkflow.ChangePolicy(CycleStatus.Published);
        Assert.False(result.Succeeded);
        Assert.Equal("The publication policy cannot change once the cycle is published.", result.Error);
    }
}
