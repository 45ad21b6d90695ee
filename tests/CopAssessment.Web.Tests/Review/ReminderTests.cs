using CopAssessment.Tests;
using CopAssessment.Web.Features.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static CopAssessment.Web.Tests.Assessments.AssessmentTestKit;

namespace CopAssessment.Web.Tests.Review;

[Collection(AppCollection.Name)]
public class ReminderTests(CopAppFactory app)
{
    [Fact]
    public async Task Two_reminder_runs_at_once_send_each_reminder_once()
    {
        var cycleId = await OpenCycleAsync(app, deadlineInDays: 6);
        var now = DateTimeOffset.UtcNow;
        async Task<int> Run()
        {
            var queued = 0;
            await app.WithScopeAsync(async services => queued = await services.GetRequiredService<DeadlineReminders>().SendDueAsync(now));
            return queued;
        }
        var runs = await Task.WhenAll(Run(), Run(), Run());
        var prefix = $"reminder:{cycleId}:";
        var rows = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.DeduplicationKey!.StartsWith(prefix)).Select(m => m.DeduplicationKey!).ToListAsync());
        // Every person with a country (the focal points) of a not-submitted country, once, with the 7-day threshold.
        var focalPoints = await app.WithDbAsync(db => db.Users.CountAsync(u => u.CountryIso3 != null && u.Email != null));
        Assert.Equal(focalPoints, rows.Count);
        Assert.Equal(rows.Count, rows.Distinct().Count());
        Assert.All(rows, k => Assert.Contains(":7:", k));
        Assert.Equal(rows.Count, runs.Sum());
        Assert.Equal(0, await Run());
    }
}
