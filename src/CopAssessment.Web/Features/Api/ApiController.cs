using CopAssessment.Domain.Aggregation;
using CopAssessment.Web.Features.Assessments;
using CopAssessment.Web.Features.Questionnaires;
using CopAssessment.Web.Features.Reports;

namespace CopAssessment.Web.Features.Api;

/// <param name="Name">The first title given, shown in any language without its own.</param>
/// <param name="Titles">The titles given per language (en, fr, ar, es, ru, zh-Hans); a missing language reads <paramref name="Name"/>.</param>
public sealed record CycleDto(int Id, string Name, string Status, string QuestionnaireKey, string QuestionnaireVersion, string PublicationPolicy,
    IReadOnlyDictionary<string, string> Titles);

/// <param name="Mean">0–100, unrounded; null when there is no score or, anonymised, fewer than three countries.</param>
public sealed record StatisticsDto(int N, double? Mean, double? Median, double? Min, double? Max, bool Suppressed, IReadOnlyDictionary<string, int>? Stages);

public sealed record AreaDto(string? Region, int MemberStates, int Submitted, int Validated, double? ParticipationRate, StatisticsDto Overall,
    IReadOnlyDictionary<string, StatisticsDto> Domains, IReadOnlyDictionary<string, StatisticsDto> Capabilities);

public sealed record CountryScoreDto(string Iso3, string Name, string Region, string Status, double? Overall, string? Stage,
    IReadOnlyDictionary<string, double?> Domains);

/// <param name="Global">Null when the caller may see no report of the cycle (every report shows the global figures).</param>
/// <param name="Regions">The regions whose figures the caller's reports show: every region for the Secretariat, else the caller's own.</param>
public sealed record ScoresDto(int CycleId, string Cycle, string PublicationPolicy, AreaDto? Global, IReadOnlyList<AreaDto> Regions,
    IReadOnlyList<CountryScoreDto> Countries);

public sealed record CapabilityScoreDto(string Key, string Name, double? Score, string? Stage);

/// <param name="Scored">False for a domain recorded for context (docs/scoring.md): listed for its completeness, with no score.</param>
/// <param name="Completeness">Answered / required visible questions, 0–1, as the assessment's pages show it.</param>
public sealed record DomainScoreDto(string Key, string Name, bool Scored, double? Score, string? Stage, double Completeness,
    IReadOnlyList<CapabilityScoreDto> Capabilities);

/// <param name="Overall">Null until the submission is validated: scores come from the validated snapshot only.</param>
/// <param name="Completeness">Answered / required visible questions, 0–1, at any status (the snapshot's once validated).</param>
public sealed record ScorecardDto(int CycleId, string Iso3, string Name, string Region, string Status, DateTimeOffset? ValidatedAt,
    double? Overall, string? Stage, double Completeness, IReadOnlyList<DomainScoreDto> Domains);

public sealed record HistoryItemDto(string Key, double? Score, string? Stage);

/// <param name="Overall">The overall index stored when the submission was validated (unrounded, 0–100).</param>
/// <param name="Domains">The scored domains of the cycle's questionnaire version, from the stored snapshot.</param>
public sealed record HistoryCycleDto(int CycleId, string Cycle, DateOnly OpensOn, string CycleStatus, string PublicationPolicy,
    string QuestionnaireKey, string QuestionnaireVersion, string Status, DateTimeOffset? ValidatedAt, double? Overall, string? Stage,
    IReadOnlyList<HistoryItemDto> Domains, IReadOnlyList<HistoryItemDto> Capabilities);

/// <param name="Cycles">Every cycle in which the country's submission was validated, oldest first.</param>
public sealed record CountryHistoryDto(string Iso3, string Name, string Region, IReadOnlyList<HistoryCycleDto> Cycles);

/// <summary>
/// Read-only JSON for integration, under the same rules as the pages: scores from validated submissions,
/// country rows only within the caller's scope and only when the cycle publishes named results, and every
/// aggregate over fewer than three countries suppressed when it does not. Scores are unrounded 0–100.
/// </summary>
[ApiController]
[Authorize(Policy = Policies.CountryData)]
[Route("api/v1/cycles")]
[Produces("application/json")]
public sealed class ApiController(CopDbContext db, ReportLoader loader, CycleResults results, QuestionnaireCatalog catalog,
    CycleHistory history, UserScope scope) : ControllerBase
{
    [HttpGet("")]
    public async Task<IReadOnlyList<CycleDto>> Cycles() =>
        [.. (await db.Set<AssessmentCycle>().AsNoTracking().Where(c => c.Status != Domain.Workflow.CycleStatus.Planned).OrderByDescending(c => c.OpensOn)
            .Select(c => new { c.Id, c.Name, c.Status, c.QuestionnaireVersion!.Key, c.QuestionnaireVersion.Label, c.PublicationPolicy, c.Titles })
            .ToListAsync())
            .Select(c => new CycleDto(c.Id, c.Name, c.Status.ToString(), c.Key, c.Label, c.PublicationPolicy.ToString(),
                c.Titles.OrderBy(t => Array.IndexOf(LocalizationSetup.Cultures, t.Language)).ToDictionary(t => t.Language, t => t.Title)))];

    [HttpGet("{cycleId:int}/scores")]
    [ProducesResponseType<ScoresDto>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<ScoresDto>> Scores(int cycleId, [FromQuery] string? region = null)
    {
        var cycle = await loader.FindCycleAsync(cycleId);
        if (cycle is null || cycle.Status == Domain.Workflow.CycleStatus.Planned) return NotFound(new { error = "No such cycle." });
        if (region is not null && !await db.Regions.AnyAsync(r => r.Code == region)) return NotFound(new { error = "No such region." });
        var figures = await loader.LoadFiguresAsync(cycle);
        var report = figures.Aggregate();

        // The caller sees what their reports show (ReportScope.IsVisibleTo): the scorecards of their countries,
        // with the means of those countries' regions; a region's regional report; and, in every report, the global figures.
        var scorecards = figures.Countries
            .Where(c => new ReportScope(ReportKind.Country, cycleId, CountryIso3: c.Iso3).IsVisibleTo(scope, c.RegionCode)).ToList();
        bool RegionVisible(string code) => new ReportScope(ReportKind.Regional, cycleId, RegionCode: code).IsVisibleTo(scope, null)
            || scorecards.Any(c => c.RegionCode == code);
        if (region is not null && !RegionVisible(region)) return NotFound(new { error = "No such region." });
        var regions = report.Regions.Where(a => a.Region is { } code && (region is null || code == region) && RegionVisible(code)).ToList();
        var global = new ReportScope(ReportKind.Global, cycleId).IsVisibleTo(scope, null) || scorecards.Count > 0 || regions.Count > 0
            ? Area(report.Global) : null;

        // Country rows as the cycle's regional and global reports list them (the one publication rule).
        var rows = new List<CountryScoreDto>();
        if (ReportBuilder.Allows(region is null ? ReportKind.Global : ReportKind.Regional, cycle.Policy).ListsCountries)
        {
            var visible = scorecards.Select(c => c.Iso3).ToHashSet();
            var names = figures.Countries.ToDictionary(c => c.Iso3, c => c.Name);
            rows.AddRange(figures.Results.Where(r => visible.Contains(r.Iso3) && (region is null || r.Region == region)).OrderBy(r => r.Iso3)
                .Select(r => new CountryScoreDto(r.Iso3, names.GetValueOrDefault(r.Iso3, r.Iso3), r.Region, r.Status.ToString(),
                    r.Scorecard?.Overall, r.Scorecard?.Stage,
                    figures.Definition.Domains.Where(d => d.Scored).ToDictionary(d => d.Key, d => r.Scorecard?.FindDomain(d.Key)?.Score))));
        }
        return new ScoresDto(cycleId, cycle.Name, cycle.Policy.ToString(), global, [.. regions.Select(Area)], rows);
    }

    [HttpGet("{cycleId:int}/countries/{iso3}/scorecard")]
    [ProducesResponseType<ScorecardDto>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<ScorecardDto>> Scorecard(int cycleId, string iso3)
    {
        var cycle = await loader.FindCycleAsync(cycleId);
        var country = await db.Countries.AsNoTracking().VisibleTo(scope).Where(c => c.Iso3 == iso3.ToUpperInvariant())
            .Select(c => new { c.Iso3, c.Name, c.RegionCode }).SingleOrDefaultAsync();
        if (cycle is null || cycle.Status == Domain.Workflow.CycleStatus.Planned || country is null) return NotFound(new { error = "No such cycle or country." });
        var row = (await results.LoadCycleResultsAsync(cycleId, new UserScope(ScopeKind.Country, CountryIso3: country.Iso3))).FirstOrDefault();
        if (row.Iso3 is null) return NotFound(new { error = "The country has no submission in this cycle." });
        var definition = await catalog.GetDefinitionAsync(cycle.QuestionnaireVersionId);
        var card = row.Scorecard;
        // Completeness at every status, from the scorecard the overview and review pages show
        // (SubmissionScores.For): the snapshot once validated, before that the engine over the current answers.
        // Scores stay the validated snapshot's only.
        var submission = await db.Set<Submission>().AsNoTracking().VisibleTo(scope)
            .Where(s => s.CycleId == cycleId && s.CountryIso3 == country.Iso3).Select(s => new { s.Id, s.Status, s.ScoreSnapshot }).SingleAsync();
        var progress = SubmissionScores.For(submission.Status, submission.ScoreSnapshot, definition,
            await db.LoadAnswerValuesAsync(submission.Id)).Scorecard;
        CapabilityScoreDto Capability(Domain.Questionnaires.Capability c, bool scored)
        {
            var score = scored ? card?.FindCapability(c.Key) : null;
            return new CapabilityScoreDto(c.Key, c.Name.Get("en"), score?.Score, score?.Stage);
        }
        var domains = definition.Domains.Select(d =>
        {
            // An unscored domain shows its progress, never a score, as on the pages.
            var score = d.Scored ? card?.FindDomain(d.Key) : null;
            return new DomainScoreDto(d.Key, d.Name.Get("en"), d.Scored, score?.Score, score?.Stage,
                progress.FindDomain(d.Key)?.Completeness.Ratio ?? 0, [.. d.Capabilities.Select(c => Capability(c, d.Scored))]);
        }).ToList();
        return new ScorecardDto(cycleId, country.Iso3, country.Name, country.RegionCode, row.Status.ToString(), row.ValidatedAt,
            card?.Overall, card?.Stage, progress.Completeness.Ratio, domains);
    }

    /// <summary>
    /// A country's validated results over every cycle, as stored when each submission was validated (never recomputed),
    /// for whoever may see the country's scorecards: outside the caller's scope the country is not found.
    /// </summary>
    [HttpGet("/api/v1/countries/{iso3}/history")]
    [ProducesResponseType<CountryHistoryDto>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<CountryHistoryDto>> History(string iso3)
    {
        var country = await db.Countries.AsNoTracking().VisibleTo(scope).Where(c => c.Iso3 == iso3.ToUpperInvariant())
            .Select(c => new { c.Iso3, c.Name, c.RegionCode }).SingleOrDefaultAsync();
        if (country is null) return NotFound(new { error = "No such country." });
        var entries = await history.CountryAsync(country.Iso3);
        return new CountryHistoryDto(country.Iso3, country.Name, country.RegionCode, [.. entries.Select(e =>
        {
            var domains = e.Definition.Domains.Where(d => d.Scored).ToList();
            return new HistoryCycleDto(e.Cycle.Id, e.Cycle.Name, e.Cycle.OpensOn, e.Cycle.Status.ToString(), e.Cycle.Policy.ToString(),
                e.Cycle.QuestionnaireKey, e.Cycle.VersionLabel, e.Status.ToString(), e.ValidatedAt, e.Scorecard.Overall, e.Scorecard.Stage,
                [.. domains.Select(d => e.Scorecard.FindDomain(d.Key) is { } x ? new HistoryItemDto(d.Key, x.Score, x.Stage) : new HistoryItemDto(d.Key, null, null))],
                [.. domains.SelectMany(d => d.Capabilities).Where(c => c.IsScored)
                    .Select(c => e.Scorecard.FindCapability(c.Key) is { } x ? new HistoryItemDto(c.Key, x.Score, x.Stage) : new HistoryItemDto(c.Key, null, null))]);
        })]);
    }

    private static AreaDto Area(AreaAggregate area) => new(area.Region, area.MemberStates, area.Submitted, area.Validated, area.ParticipationRate,
        Stats(area.Overall), area.Domains.ToDictionary(d => d.Key, d => Stats(d.Statistics)), area.Capabilities.ToDictionary(c => c.Key, c => Stats(c.Statistics)));

    private static StatisticsDto Stats(Statistics s) =>
        new(s.N, s.Mean, s.Median, s.Min, s.Max, s.Suppressed, s.StageCounts?.ToDictionary(c => c.Stage, c => c.Countries));
}
