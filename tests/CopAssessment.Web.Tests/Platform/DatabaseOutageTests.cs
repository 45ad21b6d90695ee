using System.Collections.Concurrent;
using System.Net;
using CopAssessment.Domain.Questionnaires;
using CopAssessment.Web.Features.Assessments;
using CopAssessment.Web.Tests.Assessments;
using Npgsql;
using Xunit.Abstractions;

namespace CopAssessment.Web.Tests.Platform;

/// <summary>The app on a PostgreSQL cluster of its own, which the tests stop and restart (never the shared one).</summary>
public sealed class OwnDatabaseServerFactory : CopAppFactory, IAsyncLifetime
{
    public ThrowawayPostgres Postgres { get; private set; } = null!;

    protected override string? BaseConnectionString => Postgres.ConnectionString;

    public override async Task InitializeAsync()
    {
        Postgres = await ThrowawayPostgres.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}

/// <summary>
/// A database restart or outage as people meet it: no bare 500, nothing acknowledged lost or saved twice, and what
/// cannot be served says 503 with Retry-After, translated (decision 0023).
/// </summary>
public class DatabaseOutageTests(OwnDatabaseServerFactory app, ITestOutputHelper output) : IClassFixture<OwnDatabaseServerFactory>
{
    private sealed record Save(int Session, string Value, int Status, string? Outcome, bool RetryAfter);

    /// <summary>
    /// Sessions autosave a text answer back to back (each value unique) while the database restarts (pg_ctl restart
    /// -m fast). A 503 is sent again after its Retry-After, with the same value and version, as the page's script does.
    /// </summary>
    [Fact]
    public async Task A_fast_restart_under_autosave_load_answers_no_500_and_keeps_every_acknowledged_save_exactly_once()
    {
        const int Sessions = 8;
        var cycle = await AssessmentTestKit.OpenCycleAsync(app);
        var submissions = await app.WithDbAsync(db => db.Set<Submission>().Where(s => s.CycleId == cycle).OrderBy(s => s.Id)
            .Select(s => s.Id).Take(Sessions).ToListAsync());
        var definition = await AssessmentTestKit.DefinitionAsync(app, submissions[0]);
        var question = definition.Questions.First(q => q.RelevantWhen is null && q.Type == QuestionType.Text);
        var sessions = new List<(HttpClient Client, string Token)>();
        foreach (var id in submissions)
        {
            var client = await app.SignedInClientAsync("admin@demo.local");
            sessions.Add((client, await AssessmentTestKit.TokenAsync(client, $"/assessments/{id}/{definition.DomainOf(question.Key)!.Key}")));
        }
        var startedBefore = await PostmasterStartAsync();

        var saves = new ConcurrentQueue<Save>();
        var clock = Stopwatch.StartNew();
        var loadFor = TimeSpan.FromSeconds(6);
        var load = submissions.Select((id, i) => Task.Run(async () =>
        {
            var (client, token) = sessions[i];
            uint version = 0;
            var next = 0;
            string? unsent = null;
            // Bounded: new values for six seconds, then only what still waits for its retry, for at most 30 s in all.
            while ((clock.Elapsed < loadFor || unsent is not null) && clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                var value = unsent ?? $"restart {i}-{next++:D5}";
                using var request = new HttpRequestMessage(HttpMethod.Post, $"/assessments/{id}/answers")
                {
                    Content = new FormUrlEncodedContent([new(AnswerForm.AutosaveKey, question.Key),
                        new(AnswerForm.AutosaveVersion, version.ToString(CultureInfo.InvariantCulture)), new(AnswerForm.AutosaveValue, value)]),
                };
                request.Headers.Add("RequestVerificationToken", token);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                string? outcome = null;
                if (response.Content.Headers.ContentType?.MediaType == "application/json")
                {
                    using var json = JsonDocument.Parse(body);
                    outcome = json.RootElement.TryGetProperty("outcome", out var o) ? o.GetString() : null;
                    if (response.IsSuccessStatusCode) version = json.RootElement.GetProperty("version").GetUInt32();
                }
                saves.Enqueue(new Save(i, value, (int)response.StatusCode, outcome, response.Headers.RetryAfter is not null));
                unsent = response.StatusCode == HttpStatusCode.ServiceUnavailable ? value : null;
                if (unsent is not null) await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
            }
        })).ToArray();
        await Task.Delay(TimeSpan.FromSeconds(2));
        var restart = Stopwatch.StartNew();
        await app.Postgres.RestartAsync();
        output.WriteLine($"restart took {restart.ElapsedMilliseconds} ms");
        await Task.WhenAll(load);

        Assert.NotEqual(startedBefore, await PostmasterStartAsync());
        var all = saves.ToList();
        output.WriteLine($"{all.Count} responses: " + string.Join(", ", all.GroupBy(s => $"{s.Status} {s.Outcome}").Select(g => $"{g.Key} × {g.Count()}")));
        Assert.DoesNotContain(all, s => s.Status >= 500 && s.Status != 503);
        // An outage this short is inside the retry budget: no one even sees a 503.
        if (restart.Elapsed < TimeSpan.FromSeconds(1)) Assert.DoesNotContain(all, s => s.Status == 503);
        Assert.All(all.Where(s => s.Status == 503), s => Assert.True(s.RetryAfter && s.Outcome == "unavailable"));
        // Each session sends its own values, having seen the last one acknowledged: nothing here is a real conflict.
        Assert.All(all, s => Assert.True(s.Status is 200 or 503, $"{s.Value}: {s.Status} {s.Outcome}"));
        var acknowledged = all.Where(s => s.Status == 200).ToList();
        Assert.All(acknowledged, s => Assert.True(s.Outcome is "saved" or "unchanged", s.Outcome));
        Assert.True(acknowledged.Count > 50, $"only {acknowledged.Count} saves acknowledged");
        // Every value was acknowledged in the end (a 503 was sent again until it was).
        Assert.DoesNotContain(all.GroupBy(s => s.Value), g => g.Last().Status != 200);

        // Every acknowledged value is in the history exactly once (an "unchanged" is a retry whose first try had
        // committed), the history holds nothing else, and each answer is its session's last value.
        var ids = submissions.ToArray();
        var history = await app.WithDbAsync(db => db.Database.SqlQuery<string>($"""
            SELECT "NewValue"::text AS "Value" FROM "AnswerHistory" WHERE "SubmissionId" = ANY({ids}) AND "QuestionKey" = {question.Key}
            """).ToListAsync());
        var values = acknowledged.Select(s => s.Value).Distinct().ToList();
        Assert.All(values, v => Assert.Equal(1, history.Count(h => h.Contains($"\"{v}\"", StringComparison.Ordinal))));
        Assert.Equal(values.Count, history.Count);
        var stored = await app.WithDbAsync(db => db.Set<Answer>().Where(a => ids.Contains(a.SubmissionId) && a.QuestionKey == question.Key)
            .ToDictionaryAsync(a => a.SubmissionId, a => a.Value));
        for (var i = 0; i < Sessions; i++)
            Assert.Contains($"\"{acknowledged.Last(s => s.Session == i).Value}\"", stored[submissions[i]]);
    }

    /// <summary>
    /// Every connection the app holds is ended by the server (as a restart or failover does): the next page (EF Core)
    /// and the next autosave (the multiplexed SQL path) are tried again on a new connection, within the request.
    /// </summary>
    [Fact]
    public async Task Requests_after_the_server_ended_every_connection_are_retried_and_served()
    {
        var client = await app.SignedInClientAsync("admin@demo.local");
        var submission = await AssessmentTestKit.SubmissionIdAsync(app, await AssessmentTestKit.OpenCycleAsync(app), "GHA");
        var definition = await AssessmentTestKit.DefinitionAsync(app, submission);
        var question = definition.Questions.First(q => q.RelevantWhen is null && q.Type == QuestionType.YesPartialNo);
        var page = $"/assessments/{submission}/{definition.DomainOf(question.Key)!.Key}";
        var token = await AssessmentTestKit.TokenAsync(client, page);

        await EndAppConnectionsAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page)).StatusCode);

        await EndAppConnectionsAsync();
        using var save = new HttpRequestMessage(HttpMethod.Post, $"/assessments/{submission}/answers")
        {
            Content = new FormUrlEncodedContent([new(AnswerForm.AutosaveKey, question.Key), new(AnswerForm.AutosaveVersion, "0"), new(AnswerForm.AutosaveValue, "yes")]),
        };
        save.Headers.Add("RequestVerificationToken", token);
        save.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        var saved = await client.SendAsync(save);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("\"outcome\":\"saved\"", await saved.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<AnswerHistory>().CountAsync(h => h.SubmissionId == submission && h.QuestionKey == question.Key)));
    }

    /// <summary>Ends the app's connections to its database from outside (the app's pools keep them as if alive).</summary>
    private async Task EndAppConnectionsAsync()
    {
        await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(app.ConnectionString) { Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", admin);
        Assert.True((long)(await command.ExecuteScalarAsync())! > 0);
    }

    private Task<DateTime> PostmasterStartAsync() =>
        app.WithDbAsync(db => db.Database.SqlQuery<DateTime>($"SELECT pg_postmaster_start_time() AS \"Value\"").SingleAsync());

    [Fact]
    public async Task While_the_database_is_down_pages_autosave_and_readiness_answer_503_with_retry_after()
    {
        var client = await app.SignedInClientAsync("admin@demo.local");
        var submission = await AssessmentTestKit.SubmissionIdAsync(app, await AssessmentTestKit.OpenCycleAsync(app), "KEN");
        var definition = await AssessmentTestKit.DefinitionAsync(app, submission);
        var question = definition.Questions.First(q => q.RelevantWhen is null && q.Type == QuestionType.YesPartialNo);
        var token = await AssessmentTestKit.TokenAsync(client, $"/assessments/{submission}/{definition.DomainOf(question.Key)!.Key}");
        await app.Postgres.StopServerAsync();
        try
        {
            var dashboard = await client.GetAsync("/?culture=fr");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, dashboard.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(DatabaseRetry.RetryAfterSeconds), dashboard.Headers.RetryAfter?.Delta);
            var html = await dashboard.Content.ReadAsStringAsync();
            Assert.Contains("Momentanément indisponible", html);
            Assert.Contains("La base de données n&#x27;a pas pu être jointe pendant un instant", html);
            Assert.Contains("Réessayer", html);

            using var save = new HttpRequestMessage(HttpMethod.Post, $"/assessments/{submission}/answers")
            {
                Content = new FormUrlEncodedContent([new(AnswerForm.AutosaveKey, question.Key), new(AnswerForm.AutosaveVersion, "0"), new(AnswerForm.AutosaveValue, "yes")]),
            };
            save.Headers.Add("RequestVerificationToken", token);
            save.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            var saved = await client.SendAsync(save);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, saved.StatusCode);
            Assert.NotNull(saved.Headers.RetryAfter);
            using var json = JsonDocument.Parse(await saved.Content.ReadAsStringAsync());
            Assert.Equal("unavailable", json.RootElement.GetProperty("outcome").GetString());
            Assert.StartsWith("The database could not be reached for a moment", json.RootElement.GetProperty("error").GetString());

            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
        }
        finally
        {
            await app.Postgres.StartServerAsync();
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }
}
