using System.Net;
using CopAssessment.Web.Features.Assessments;
using CopAssessment.Web.Features.Cycles;
using CopAssessment.Web.Features.Questionnaires;
using Npgsql;
using NpgsqlTypes;

namespace CopAssessment.Web.Tests.Cycles;

/// <summary>
/// Carry-forward for every Member State with full answers (decision 0020): 193 validated submissions of the MNR
/// questionnaire, each with every applicable question answered and three evidence items (two links, one file), carried
/// into a new cycle as it opens. A database of its own (a class fixture), since 193 validated submissions would change
/// what other tests see. Writes artifacts/benchmarks/carry-forward.md (scripts/bench-carry.sh prints it; docs/benchmarks.md
/// records it) and holds a loose bound; the goal of docs/benchmarks.md is under 200 ms warm.
/// </summary>
public class CarryForwardBenchmarkTests(CopAppFactory app) : IClassFixture<CopAppFactory>
{
    // Enough rounds for a median that holds on two shared cores, where one round in four or five is slowed by something
    // else (the test host's own background jobs, the JIT, the machine).
    private const int Rounds = 11;
    private const int HttpRounds = 5;

    [Fact]
    public async Task Opening_a_cycle_that_carries_193_full_submissions_forward_is_a_few_set_based_statements()
    {
        var (sourceCycle, countries, answers, evidence) = await SeedAsync();
        Assert.Equal(193, countries.Count);

        var open = new List<double>();
        var carriedCounts = new List<(long Answers, long Evidence)>();
        for (var round = 0; round < Rounds + 1; round++)
        {
            await app.WithScopeAsync(async services =>
            {
                var cycles = services.GetRequiredService<CycleService>();
                var cycle = await NewCycleAsync(services, sourceCycle, $"Carry bench {round}");
                var clock = Stopwatch.StartNew();
                Assert.Null(await cycles.ApplyAsync(cycle, CycleAction.Open, countries));
                var elapsed = clock.Elapsed.TotalMilliseconds;
                if (round > 0) open.Add(elapsed); // the first round warms up
                var db = services.GetRequiredService<CopDbContext>();
                carriedCounts.Add((await db.Set<Answer>().LongCountAsync(a => a.Submission!.CycleId == cycle.Id && a.Unconfirmed),
                    await db.Set<Evidence>().LongCountAsync(e => e.Submission!.CycleId == cycle.Id)));
            });
        }
        Assert.All(carriedCounts, c => Assert.Equal((answers, evidence), c));

        // The same through HTTP, as the open page posts it: every country ticked; one warm-up, then timed.
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var posted = new List<double>();
        for (var round = 0; round < HttpRounds + 1; round++)
        {
            var last = 0;
            await app.WithScopeAsync(async services => last = (await NewCycleAsync(services, sourceCycle, $"Carry bench HTTP {round}")).Id);
            var page = await admin.GetStringAsync($"/admin/cycles/{last}/open");
            Assert.Equal(193, Regex.Matches(page, "name=\"Carry\"").Count);
            var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", HttpClientExtensions.AntiforgeryToken(page)), new("CarryOffered", "true") };
            fields.AddRange(countries.Select(c => new KeyValuePair<string, string>("Carry", c)));
            var http = Stopwatch.StartNew();
            var response = await admin.PostAsync($"/admin/cycles/{last}/open", new FormUrlEncodedContent(fields));
            if (round > 0) posted.Add(http.Elapsed.TotalMilliseconds);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(answers, await app.WithDbAsync(db => db.Set<Answer>().LongCountAsync(a => a.Submission!.CycleId == last)));
        }

        static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
        var median = Median(open);
        var report = string.Join('\n',
            $"Carry-forward of {countries.Count} validated MNR submissions: {answers} answers and {evidence} evidence items (of which {countries.Count} files) copied, " +
            $"with {countries.Count} audit rows, as the cycle opens ({countries.Count} drafts created in the same transaction); {Rounds} timed rounds after one warm-up ({HttpRounds} through HTTP).",
            "", "| step | median | min | max |", "|---|---|---|---|",
            $"| open with carry (`CycleService.ApplyAsync`: drafts, answers, evidence, audit; one transaction) | {median:F0} ms | {open.Min():F0} ms | {open.Max():F0} ms |",
            $"| the same through HTTP (`POST /admin/cycles/{{id}}/open`, 193 countries ticked) | {Median(posted):F0} ms | {posted.Min():F0} ms | {posted.Max():F0} ms |", "");
        await File.WriteAllTextAsync(Path.Combine(RepositoryPaths.Artifacts("benchmarks"), "carry-forward.md"), report);
        // A loose bound: the suite runs on loaded machines (2.7 s was seen beside a full test run and three other
        // workers), while a row-per-row copy of 27,000 answers would take far longer. docs/benchmarks.md holds the 200 ms goal.
        Assert.True(median < 15000, report);
    }

    /// <summary>A new cycle, not yet open, on the source cycle's questionnaire version.</summary>
    private static async Task<AssessmentCycle> NewCycleAsync(IServiceProvider services, int sourceCycle, string name)
    {
        var version = await services.GetRequiredService<CopDbContext>().Set<AssessmentCycle>().Where(c => c.Id == sourceCycle).Select(c => c.QuestionnaireVersionId).SingleAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return await services.GetRequiredService<CycleService>().CreateAsync(new CycleInput
        {
            Name = name + " " + Guid.NewGuid().ToString("N")[..6], QuestionnaireVersionId = version, OpensOn = today, Deadline = today.AddDays(60),
        });
    }

    /// <summary>One open cycle, every country's submission fully answered (the demo generator), with evidence, then validated.</summary>
    private async Task<(int Cycle, List<string> Countries, long Answers, long Evidence)> SeedAsync()
    {
        var cycleId = 0;
        await app.WithScopeAsync(async services =>
        {
            var catalog = services.GetRequiredService<QuestionnaireCatalog>();
            var version = (await catalog.GetLatestVersionAsync())!;
            var definition = await catalog.GetDefinitionAsync(version.Id);
            var cycles = services.GetRequiredService<CycleService>();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var cycle = await cycles.CreateAsync(new CycleInput { Name = "Carry bench source", QuestionnaireVersionId = version.Id, OpensOn = today.AddDays(-1), Deadline = today.AddDays(30) });
            Assert.Null(await cycles.ApplyAsync(cycle, CycleAction.Open));
            cycleId = cycle.Id;
            var db = services.GetRequiredService<CopDbContext>();
            var submissions = await db.Set<Submission>().Where(s => s.CycleId == cycle.Id).Select(s => new { s.Id, s.Country!.Name, s.Country.Iso2 }).ToListAsync();
            var (ids, keys, values) = (new List<int>(), new List<string>(), new List<string>());
            var random = new Random(2026);
            foreach (var s in submissions)
                foreach (var (key, value) in AssessmentDemoSeed.Generate(definition, random, s.Name, s.Iso2, complete: true))
                {
                    ids.Add(s.Id);
                    keys.Add(key);
                    values.Add(AnswerJson.Serialize(value));
                }
            // Questions every country answers (no relevance condition), so all their evidence is carried with them.
            var evidenceKeys = definition.Questions.Where(q => q.EvidenceExpected && q.RelevantWhen is null).Select(q => q.Key).Take(3).ToArray();
            await using var connection = new NpgsqlConnection(app.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("""
                INSERT INTO "Answers" ("SubmissionId", "QuestionKey", "Value", "UpdatedBy", "UpdatedAt", "Unconfirmed")
                SELECT s, k, v::jsonb, 'focal@bench', now(), false FROM unnest(@ids, @keys, @values) AS a(s, k, v);
                WITH e AS (
                    INSERT INTO "Evidence" ("SubmissionId", "QuestionKey", "FileName", "ContentType", "Size", "Sha256", "Url", "AddedBy", "AddedAt")
                    SELECT s."Id", @keys3[n], CASE WHEN n = 3 THEN 'law.pdf' END, CASE WHEN n = 3 THEN 'application/pdf' END, CASE WHEN n = 3 THEN 4096 END,
                           CASE WHEN n = 3 THEN repeat('a', 64) END, CASE WHEN n < 3 THEN 'https://example.org/' || s."CountryIso3" || '/' || n END, 'focal@bench', now()
                    FROM "Submissions" s CROSS JOIN generate_series(1, 3) n WHERE s."CycleId" = @cycle
                    RETURNING "Id", "FileName")
                INSERT INTO "EvidenceFiles" ("EvidenceId", "Content") SELECT "Id", @content FROM e WHERE "FileName" IS NOT NULL;
                UPDATE "Submissions" SET "Status" = 'Validated', "ValidatedAt" = now() WHERE "CycleId" = @cycle;
                ANALYZE;
                """, connection)
            {
                Parameters =
                {
                    new("ids", ids.ToArray()), new("keys", keys.ToArray()), new("values", values.ToArray()),
                    new("keys3", evidenceKeys), new("cycle", cycle.Id), new("content", NpgsqlDbType.Bytea) { Value = new byte[4096] },
                },
            };
            await command.ExecuteNonQueryAsync();
        });
        var countries = await app.WithDbAsync(db => db.Set<Submission>().Where(s => s.CycleId == cycleId).Select(s => s.CountryIso3).OrderBy(c => c).ToListAsync());
        var answers = await app.WithDbAsync(db => db.Set<Answer>().LongCountAsync(a => a.Submission!.CycleId == cycleId));
        var evidence = await app.WithDbAsync(db => db.Set<Evidence>().LongCountAsync(e => e.Submission!.CycleId == cycleId));
        return (cycleId, countries, answers, evidence);
    }
}
