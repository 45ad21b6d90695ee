using CopAssessment.Web.Features.Questionnaires;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace CopAssessment.Web.Features.Cycles;

/// <summary>The open form's choice: which countries start from their last validated submission (the form lists them all ticked).</summary>
public sealed class OpenInput
{
    /// <summary>The form offered the choice; a POST without it (an older page, a script) opens without carrying anything.</summary>
    public bool CarryOffered { get; set; }

    /// <summary>ISO3 codes of the ticked countries; an unticked checkbox is not sent.</summary>
    public List<string> Carry { get; set; } = [];
}

public sealed class OpenInputValidator : AbstractValidator<OpenInput>
{
    public OpenInputValidator(IStringLocalizer L, IReadOnlySet<string> offered)
    {
        RuleFor(x => x.Carry).Must(c => c.All(offered.Contains)).WithMessage(L["Choose only countries from the list."]);
    }
}

/// <summary>A country's last validated (or published) submission in another cycle: where its new assessment may start.</summary>
public sealed class CarrySource
{
    public required string CountryIso3 { get; init; }
    public int SubmissionId { get; init; }
    public int CycleId { get; init; }
    public int VersionId { get; init; }
}

/// <summary>A row of the open page: the country (in the reader's language) and the cycle its answers would come from.</summary>
public sealed record CarryCandidate(string Iso3, string Country, string FromCycle);

public sealed record OpenPage(int CycleId, string Title, IReadOnlyList<CarryCandidate> Candidates, string? Error = null);

/// <summary>What a carry copied, for the audit trail and the message.</summary>
public sealed record CarryResult(int Countries, long Answers, long Evidence);

/// <summary>
/// Carrying answers forward when a cycle opens (decision 0020): each chosen country's draft starts from its last
/// validated or published submission. Only answers to questions that kept their key and meaning (<see cref="QuestionnaireDiff.Carried"/>)
/// and whose chosen options still exist are copied, with their evidence, each marked carried and unconfirmed. The copy is
/// set-based — one INSERT … SELECT per table (answers, audit, evidence, files), whatever the number of countries —
/// and runs in the transaction that opens the cycle.
/// </summary>
public sealed class CarryForward(CopDbContext db, QuestionnaireCatalog catalog, PlaceNames places, CycleTitles titles, Audit audit, IStringLocalizer<Ui> L)
{
    /// <summary>Every country's last validated or published submission outside <paramref name="cycleId"/>: the latest cycle (by opening, then creation) wins.</summary>
    public Task<List<CarrySource>> SourcesAsync(int cycleId) => db.Database.SqlQuery<CarrySource>($"""
        SELECT DISTINCT ON (s."CountryIso3") s."CountryIso3", s."Id" AS "SubmissionId", s."CycleId", c."QuestionnaireVersionId" AS "VersionId"
        FROM "Submissions" s JOIN "AssessmentCycles" c ON c."Id" = s."CycleId"
        WHERE s."CycleId" <> {cycleId} AND s."Status" IN ('Validated', 'Published')
        ORDER BY s."CountryIso3", c."OpensOn" DESC, c."Id" DESC
        """).ToListAsync();

    /// <summary>
    /// Whether a source answer <c>a</c> fits its question's rule <c>r.rule</c> (<see cref="RulesJson"/>), for the questions
    /// whose options or "not applicable" changed: a chosen option must still exist (jsonb containment of the option keys),
    /// "not applicable" only where the new question still has a notApplicable option, a value without options only where
    /// the question has none.
    /// </summary>
    private const string Fits = """
        CASE WHEN a."Value" ? 'notApplicable' THEN (r.rule ->> 'na')::boolean
             WHEN a."Value" ? 'option' THEN jsonb_typeof(r.rule -> 'o') = 'array' AND jsonb_build_array(a."Value" -> 'option') <@ (r.rule -> 'o')
             WHEN a."Value" ? 'options' THEN jsonb_typeof(r.rule -> 'o') = 'array' AND (a."Value" -> 'options') <@ (r.rule -> 'o')
             ELSE jsonb_typeof(r.rule -> 'o') IS DISTINCT FROM 'array' END
        """;

    /// <summary>A carried question's name in <see cref="RulesJson"/>: its source version and key, as the statement builds it.</summary>
    private static string RuleName(int version, string key) => version.ToString(CultureInfo.InvariantCulture) + " " + key;

    /// <summary>
    /// The carried questions of the source versions as two jsonb objects keyed by <see cref="RuleName"/>: <c>carried</c>,
    /// every question that carries (a key set, looked up with <c>?</c>), and <c>checked</c>, the rule of each one whose
    /// answers must be looked at (<see cref="CarriedQuestion.EveryAnswerFits"/> false): its option keys (<c>o</c>, absent
    /// when it has none) and whether "not applicable" is allowed (<c>na</c>). Between a version and itself nothing is
    /// checked (decision 0025): checking every value against its rule was 60 of the 69 ms the statement spent reading
    /// 27,031 source answers, and with flat keys the reading takes under 20 ms. A table of rules joined to the answers
    /// made the planner probe them once per (country, question).
    /// </summary>
    private static (string Carried, string Checked) RulesJson(IReadOnlyCollection<(int Version, CarriedQuestion Question)> rules) => (
        System.Text.Json.JsonSerializer.Serialize(rules.ToDictionary(r => RuleName(r.Version, r.Question.Key), _ => 1)),
        System.Text.Json.JsonSerializer.Serialize(rules.Where(r => !r.Question.EveryAnswerFits).ToDictionary(
            r => RuleName(r.Version, r.Question.Key), r => r.Question.OptionKeys is { } keys
                ? (object)new { o = keys, na = r.Question.AllowsNotApplicable }
                : new { na = r.Question.AllowsNotApplicable })));

    /// <summary>The open page: the countries that can start from a previous submission, by name in the reader's language.</summary>
    public async Task<OpenPage> PageAsync(AssessmentCycle cycle, string? error = null)
    {
        var sources = await SourcesAsync(cycle.Id);
        var cycleTitles = await titles.InLanguageAsync();
        var names = await places.SortedAsync(sources.Select(s => s.CountryIso3));
        var byCountry = sources.ToDictionary(s => s.CountryIso3);
        return new OpenPage(cycle.Id, cycleTitles.GetValueOrDefault(cycle.Id, cycle.Name),
            [.. names.Select(n => new CarryCandidate(n.Key, n.Value, cycleTitles.GetValueOrDefault(byCountry[n.Key].CycleId, "")))], error);
    }

    /// <summary>
    /// Copies the chosen countries' answers into their drafts of <paramref name="cycle"/> (which must exist: call after
    /// creating the drafts, in the same transaction).
    /// </summary>
    public async Task<CarryResult> CarryAsync(AssessmentCycle cycle, IReadOnlyCollection<string> countries)
    {
        var chosen = countries.ToHashSet(StringComparer.Ordinal);
        var sources = (await SourcesAsync(cycle.Id)).Where(s => chosen.Contains(s.CountryIso3)).ToList();
        if (sources.Count == 0) return new CarryResult(0, 0, 0);
        var to = await catalog.GetDefinitionAsync(cycle.QuestionnaireVersionId);
        var rules = new List<(int Version, CarriedQuestion Question)>();
        foreach (var version in sources.Select(s => s.VersionId).Distinct())
            rules.AddRange(QuestionnaireDiff.Carried(await catalog.GetDefinitionAsync(version), to, L).Select(q => (version, q)));

        var (carriedJson, checkedJson) = RulesJson(rules);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        var (userId, email) = audit.Actor();
        var now = DateTimeOffset.UtcNow;
        // Two statements in one round trip, each one INSERT … SELECT per table whatever the number of countries. The first
        // copies the answers that fit (<see cref="Fits"/>) and writes one audit row per country; the drafts are new, so
        // nothing can conflict. A carried answer gets no history row of its own here: the answer records where it came
        // from, and its history shows that as its first entry (<see cref="QuestionHistory"/>); the row is written when
        // the answer is first changed (<see cref="SaveAnswer"/>). Writing 27,000 history rows (and their foreign-key
        // checks) here was half the time of opening a cycle (docs/benchmarks.md). The second copies the evidence of
        // the questions whose answer was carried — found by joining the inserted answers as a table, whose index the
        // planner can use — with the files' bytes; each copy belongs to its new submission, so removing it there leaves
        // last cycle's untouched, and the new ids are drawn first so the files follow.
        await using var command = new NpgsqlCommand($"""
            WITH pairs AS (
                SELECT t."Id" AS target, p.source, p.source_cycle, p.version, t."CountryIso3" AS country
                FROM unnest(@countries, @sources, @sourceCycles, @versions) AS p(iso3, source, source_cycle, version)
                JOIN "Submissions" t ON t."CycleId" = @cycle AND t."CountryIso3" = p.iso3),
            carried AS (
                INSERT INTO "Answers" ("SubmissionId", "QuestionKey", "Value", "UpdatedBy", "UpdatedAt", "CarriedFromCycleId", "Unconfirmed")
                SELECT p.target, a."QuestionKey", a."Value", a."UpdatedBy", @now, p.source_cycle, true
                FROM pairs p
                JOIN "Answers" a ON a."SubmissionId" = p.source
                CROSS JOIN LATERAL (SELECT p.version::text || ' ' || a."QuestionKey" AS name) q
                CROSS JOIN LATERAL (SELECT @checked -> q.name AS rule) r
                WHERE @carried ? q.name AND (NOT @checked ? q.name OR {Fits})
                RETURNING "SubmissionId"),
            counts AS (SELECT "SubmissionId", count(*) AS answers FROM carried GROUP BY "SubmissionId"),
            audit AS (
                INSERT INTO "AuditEvents" ("At", "UserId", "UserEmail", "Action", "CountryIso3", "Subject", "Details")
                SELECT @now, @userId, @email, 'answers-carried', p.country, 'submission ' || p.target,
                       coalesce(n.answers, 0) || ' answer(s) carried from submission ' || p.source || ' (cycle ' || p.source_cycle || ')'
                FROM pairs p LEFT JOIN counts n ON n."SubmissionId" = p.target)
            SELECT sum(answers)::bigint FROM counts;

            WITH copied AS (
                SELECT e."Id", e."QuestionKey", e."FileName", e."ContentType", e."Size", e."Sha256", e."Url", e."AddedBy", e."AddedAt", t."Id" AS target,
                       nextval(pg_get_serial_sequence('"Evidence"', 'Id')) AS new_id
                FROM unnest(@countries, @sources) AS p(iso3, source)
                JOIN "Submissions" t ON t."CycleId" = @cycle AND t."CountryIso3" = p.iso3
                JOIN "Evidence" e ON e."SubmissionId" = p.source
                JOIN "Answers" n ON n."SubmissionId" = t."Id" AND n."QuestionKey" = e."QuestionKey"),
            evidence AS (
                INSERT INTO "Evidence" ("Id", "SubmissionId", "QuestionKey", "FileName", "ContentType", "Size", "Sha256", "Url", "AddedBy", "AddedAt")
                SELECT new_id, target, "QuestionKey", "FileName", "ContentType", "Size", "Sha256", "Url", "AddedBy", "AddedAt" FROM copied
                RETURNING 1),
            files AS (
                INSERT INTO "EvidenceFiles" ("EvidenceId", "Content")
                SELECT c.new_id, f."Content" FROM copied c JOIN "EvidenceFiles" f ON f."EvidenceId" = c."Id")
            SELECT count(*) FROM evidence
            """, connection, transaction)
        {
            Parameters =
            {
                new("cycle", cycle.Id),
                new("countries", sources.Select(s => s.CountryIso3).ToArray()),
                new("sources", sources.Select(s => s.SubmissionId).ToArray()),
                new("sourceCycles", sources.Select(s => s.CycleId).ToArray()),
                new("versions", sources.Select(s => s.VersionId).ToArray()),
                new("carried", NpgsqlDbType.Jsonb) { Value = carriedJson },
                new("checked", NpgsqlDbType.Jsonb) { Value = checkedJson },
                new("now", now),
                new("userId", NpgsqlDbType.Text) { Value = (object?)userId ?? DBNull.Value },
                new("email", NpgsqlDbType.Text) { Value = (object?)email ?? DBNull.Value },
            },
        };
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var carried = reader.IsDBNull(0) ? 0 : reader.GetInt64(0);
        await reader.NextResultAsync();
        await reader.ReadAsync();
        var copiedEvidence = reader.GetInt64(0);
        return new CarryResult(sources.Count, carried, copiedEvidence);
    }
}
