using System.Net;
using CopAssessment.Web.Features.Assessments;
using Npgsql;
using static CopAssessment.Web.Tests.Assessments.AssessmentTestKit;

namespace CopAssessment.Web.Tests.Assessments;

/// <summary>
/// Autosave reads and writes in SQL (SaveAnswer) rather than through EF: these hold that SQL to the same
/// rules as the rest of the application — the scope, the editable states, one history and audit row per save.
/// </summary>
[Collection(AppCollection.Name)]
public class AutosaveStoreTests(CopAppFactory app)
{
    [Fact]
    public async Task The_sql_scope_condition_sees_exactly_the_submissions_the_query_filter_sees()
    {
        var cycleId = await OpenCycleAsync(app);
        var scopes = new[]
        {
            UserScope.Everything, UserScope.Nobody,
            new UserScope(ScopeKind.Country, CountryIso3: "KEN"), new UserScope(ScopeKind.Country, CountryIso3: "FRA"),
            new UserScope(ScopeKind.Region, RegionCode: "AFR"), new UserScope(ScopeKind.Region, RegionCode: "EUR"),
            new UserScope(ScopeKind.Region, RegionCode: null),
        };
        foreach (var scope in scopes)
        {
            var expected = await app.WithDbAsync(db => db.Set<Submission>().VisibleTo(scope).Where(s => s.CycleId == cycleId).Select(s => s.Id).OrderBy(i => i).ToListAsync());
            var actual = await app.WithDbAsync(async db =>
            {
                var (condition, value) = ScopeQueries.SqlCondition(scope, "s.\"CountryIso3\"", "k.\"RegionCode\"", "$2");
                var connection = (NpgsqlConnection)db.Database.GetDbConnection();
                await connection.OpenAsync();
                await using var command = new NpgsqlCommand($"""
                    SELECT s."Id" FROM "Submissions" s JOIN "Countries" k ON k."Iso3" = s."CountryIso3"
                    WHERE s."CycleId" = $1 AND {condition} ORDER BY s."Id"
                    """, connection) { Parameters = { new() { Value = cycleId }, new() { Value = value } } };
                var ids = new List<int>();
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync()) ids.Add(reader.GetInt32(0));
                return ids;
            });
            Assert.Equal(expected, actual);
            if (scope == UserScope.Everything || scope.CountryIso3 == "KEN" || scope.RegionCode == "AFR") Assert.NotEmpty(expected);
        }
    }

    [Fact]
    public async Task A_save_writes_the_answer_its_history_and_its_audit_row_together()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var token = await TokenAsync(ken, $"/assessments/{id}/policy");
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(ken, token, id, "pg.1.1", 0, "partial")).StatusCode);

        var audit = await app.WithDbAsync(db => db.AuditEvents.Where(e => e.Subject == $"submission {id} pg.1.1").ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal("answer-changed", entry.Action);
        Assert.Equal("KEN", entry.CountryIso3);
        Assert.Equal("focal.ken@demo.local", entry.UserEmail);
        Assert.False(string.IsNullOrEmpty(entry.UserId));
        var history = Assert.Single(await app.WithDbAsync(db => db.Set<AnswerHistory>().Where(h => h.SubmissionId == id && h.QuestionKey == "pg.1.1").ToListAsync()));
        Assert.Null(history.OldValue);
        Assert.Contains("partial", history.NewValue);
    }

    [Fact]
    public async Task A_save_racing_a_submission_is_refused_and_leaves_no_trace()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        await app.WithScopeAsync(async services =>
        {
            // As the Secretariat sees it (the scope would otherwise come from the request).
            var store = ActivatorUtilities.CreateInstance<SaveAnswer>(services, UserScope.Everything);
            var opened = await store.OpenAsync(id, "pg.1.1");
            Assert.NotNull(opened);
            var (target, answers) = opened.Value;
            Assert.Equal(SubmissionStatus.Draft, target.Status);

            // The submission is submitted between this save's read and its write.
            var db = services.GetRequiredService<CopDbContext>();
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"Submissions\" SET \"Status\" = 'Submitted' WHERE \"Id\" = {id}");
            var result = await store.SaveAsync(target, target.Definition.FindQuestion("pg.1.1")!, ["yes"], 0, "someone@demo.local", "en", answers);
            Assert.Equal(SaveOutcome.Locked, result.Outcome);
        });
        await AssertNothingStoredAsync(id, "pg.1.1");
    }

    [Fact]
    public async Task A_save_arriving_while_a_submission_is_being_committed_waits_and_is_then_refused()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var token = await TokenAsync(ken, $"/assessments/{id}/policy");

        // What SubmitAsync does: lock the submission row, check, change the status, commit.
        var connectionString = await app.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        await using var submitter = new NpgsqlConnection(connectionString);
        await submitter.OpenAsync();
        await using var transaction = await submitter.BeginTransactionAsync();
        await using (var lockRow = new NpgsqlCommand($"SELECT 1 FROM \"Submissions\" WHERE \"Id\" = {id} FOR UPDATE", submitter, transaction))
            await lockRow.ExecuteNonQueryAsync();

        var save = SaveAsync(ken, token, id, "pg.1.1", 0, "yes");
        await Task.Delay(500);
        Assert.False(save.IsCompleted, "the save should wait for the submission to commit");
        await using (var submit = new NpgsqlCommand($"UPDATE \"Submissions\" SET \"Status\" = 'Submitted' WHERE \"Id\" = {id}", submitter, transaction))
            await submit.ExecuteNonQueryAsync();
        await transaction.CommitAsync();

        var response = await save;
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("locked", (await JsonAsync(response)).GetProperty("outcome").GetString());
        await AssertNothingStoredAsync(id, "pg.1.1");
    }

    private async Task AssertNothingStoredAsync(int id, string key)
    {
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<Answer>().CountAsync(a => a.SubmissionId == id && a.QuestionKey == key)));
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<AnswerHistory>().CountAsync(h => h.SubmissionId == id && h.QuestionKey == key)));
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Subject == $"submission {id} {key}")));
    }
}
