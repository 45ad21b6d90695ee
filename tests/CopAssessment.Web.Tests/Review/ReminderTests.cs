using CopAssessment.Web.Features.Review;
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
        var prefix = $"reminder:{cycleId}:";
        // Other tests' open cycles stay in the shared database: a person added since their reminders went out is
        // reminded of those too by these runs, so those rows are counted apart.
        Task<int> OthersAsync() => app.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.DeduplicationKey!.StartsWith("reminder:") && !m.DeduplicationKey.StartsWith(prefix)));
        var othersBefore = await OthersAsync();
        var runs = await Task.WhenAll(Run(), Run(), Run());
        var others = await OthersAsync() - othersBefore;
        var rows = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.DeduplicationKey!.StartsWith(prefix)).Select(m => m.DeduplicationKey!).ToListAsync());
        // Every person with a country (the focal points) of a not-submitted country, once, with the 7-day threshold.
        var focalPoints = await app.WithDbAsync(db => db.Users.CountAsync(u => u.CountryIso3 != null && u.Email != null));
        Assert.Equal(focalPoints, rows.Count);
        Assert.Equal(rows.Count, rows.Distinct().Count());
        Assert.All(rows, k => Assert.Contains(":7:", k));
        Assert.Equal(rows.Count + others, runs.Sum());
        Assert.Equal(0, await Run());
    }

    [Fact]
    public async Task Reminders_are_written_in_each_focal_points_own_language()
    {
        await app.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<ApplicationUser>>();
            foreach (var (email, country, culture) in new[]
            {
                ("lecteur.sen@test.local", "SEN", "fr"), ("qari.jor@test.local", "JOR", "ar"),
                ("lector.mex@test.local", "MEX", "es"), ("chitatel.kaz@test.local", "KAZ", "ru"), ("duzhe.chn@test.local", "CHN", "zh-Hans"),
            })
            {
                if (await users.FindByEmailAsync(email) is not null) continue;
                var user = new ApplicationUser { UserName = email, Email = email, DisplayName = email, CountryIso3 = country, PreferredCulture = culture };
                Assert.True((await users.CreateAsync(user, "Some-Password-123")).Succeeded);
                await users.AddToRoleAsync(user, Roles.FocalPoint);
            }
        });
        var cycleId = await OpenCycleAsync(app, deadlineInDays: 6);
        await app.WithScopeAsync(services => services.GetRequiredService<DeadlineReminders>().SendDueAsync(DateTimeOffset.UtcNow));
        var mail = await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.DeduplicationKey!.StartsWith($"reminder:{cycleId}:"))
            .ToDictionaryAsync(m => m.To, m => (m.Subject, m.Body)));

        var senegal = await SubmissionIdAsync(app, cycleId, "SEN");
        Assert.StartsWith("Rappel :", mail["lecteur.sen@test.local"].Subject);
        // The country's name in the reader's language too (CLDR), not the English one.
        Assert.Contains("L'évaluation de Sénégal pour", mail["lecteur.sen@test.local"].Body);
        Assert.Contains($"/assessments/{senegal}", mail["lecteur.sen@test.local"].Body);
        Assert.StartsWith("تذكير", mail["qari.jor@test.local"].Subject);
        Assert.Contains("الأردن", mail["qari.jor@test.local"].Body);
        Assert.DoesNotContain("Jordan", mail["qari.jor@test.local"].Body);
        // 6 days: Russian takes its "many" form, Chinese has one form.
        Assert.Equal($"Напоминание: \u2068{CycleName(cycleId)}\u2069 закрывается через 6 дней", mail["chitatel.kaz@test.local"].Subject);
        Assert.Contains("Оценка по стране Казахстан за", mail["chitatel.kaz@test.local"].Body);
        Assert.Contains("Продолжить:", mail["chitatel.kaz@test.local"].Body);
        Assert.StartsWith("Recordatorio:", mail["lector.mex@test.local"].Subject);
        Assert.EndsWith("se cierra dentro de 6 días", mail["lector.mex@test.local"].Subject);
        Assert.StartsWith("提醒：", mail["duzhe.chn@test.local"].Subject);
        Assert.EndsWith("将于 6 天后关闭", mail["duzhe.chn@test.local"].Subject);
        // No language chosen: English.
        Assert.StartsWith("Reminder:", mail["focal.ken@demo.local"].Subject);
        string CycleName(int id) => app.WithDbAsync(db => db.Set<CopAssessment.Web.Data.Assessments.AssessmentCycle>().Where(c => c.Id == id).Select(c => c.Name).SingleAsync()).GetAwaiter().GetResult();
        Assert.Contains("The assessment of Kenya for", mail["focal.ken@demo.local"].Body);
    }
}
