using CopAssessment.Domain.Aggregation;
using CopAssessment.Web.Features.Questionnaires;

namespace CopAssessment.Web.Features.Reports;

/// <summary>A cycle as the history of a questionnaire orders it.</summary>
public sealed record HistoryCycle(int Id, string Name, DateOnly OpensOn, CycleStatus Status, PublicationMode Policy, int QuestionnaireVersionId,
    string QuestionnaireKey, string VersionLabel);

/// <summary>One country's stored result in one cycle: the snapshot of its validated (or published) submission.</summary>
public sealed record CountryHistoryEntry(HistoryCycle Cycle, Domain.Questionnaires.QuestionnaireDefinition Definition, SubmissionStatus Status,
    DateTimeOffset? ValidatedAt, Scorecard Scorecard);

/// <summary>Which earlier cycles a history reads.</summary>
public enum CycleSelection
{
    /// <summary>Every cycle that is not planned: reports and the API, for people who may see the country or area.</summary>
    All,

    /// <summary>Published cycles only.</summary>
    Published,

    /// <summary>Cycles published under the named policy: what a public page may show country by country.</summary>
    PublishedNamed,
}

/// <summary>
/// The one place that reads the past for trends: earlier cycles of a questionnaire (cycles that are not planned,
/// ordered by opening date, then by id) and the score snapshots stored when their submissions were validated — never
/// a recomputation. Reports, the scorecard page, the API and public pages read through it; the change itself is
/// computed by <see cref="Trends"/>. Callers check who may see what first, and pass the scope the results are read in.
/// </summary>
public sealed class CycleHistory(CopDbContext db, QuestionnaireCatalog catalog, CycleTitles titles)
{
    private IQueryable<AssessmentCycle> Cycles(CycleSelection selection) =>
        db.Set<AssessmentCycle>().AsNoTracking().Where(c => c.Status != CycleStatus.Planned
            && (selection == CycleSelection.All || c.Status == CycleStatus.Published)
            && (selection != CycleSelection.PublishedNamed || c.PublicationPolicy == PublicationPolicy.Named));

    // Projected last: EF translates no filter over a record built by its constructor.
    private static IQueryable<HistoryCycle> Project(IQueryable<AssessmentCycle> cycles) =>
        cycles.Select(c => new HistoryCycle(c.Id, c.Name, c.OpensOn, c.Status,
                c.PublicationPolicy == PublicationPolicy.Named ? PublicationMode.Named : PublicationMode.Anonymised,
                c.QuestionnaireVersionId, c.QuestionnaireVersion!.Key, c.QuestionnaireVersion.Label));

    /// <summary>The cycles of the same questionnaire (any version) that opened before <paramref name="cycleId"/>, oldest first.</summary>
    public async Task<IReadOnlyList<HistoryCycle>> EarlierCyclesAsync(int cycleId, CycleSelection selection = CycleSelection.All, CancellationToken cancellationToken = default)
    {
        var current = await Project(Cycles(CycleSelection.All).Where(c => c.Id == cycleId)).SingleOrDefaultAsync(cancellationToken);
        if (current is null) return [];
        return await Project(Cycles(selection)
            .Where(c => c.QuestionnaireVersion!.Key == current.QuestionnaireKey && (c.OpensOn < current.OpensOn || (c.OpensOn == current.OpensOn && c.Id < current.Id)))
            .OrderBy(c => c.OpensOn).ThenBy(c => c.Id)).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The earlier cycles of <paramref name="cycleId"/> with the results of the countries in <paramref name="scope"/>
    /// (a scorecard needs its country's, an aggregate report every country's), titled in <paramref name="culture"/>.
    /// Each result is the scorecard down to its capabilities (<see cref="ScoreSnapshot.ParseSummary"/>): trends compare
    /// overall, domain and capability figures, never question scores.
    /// </summary>
    public async Task<IReadOnlyList<TrendCycle>> EarlierAsync(int cycleId, UserScope scope, string culture, CycleSelection selection = CycleSelection.All,
        CancellationToken cancellationToken = default)
    {
        var cycles = await EarlierCyclesAsync(cycleId, selection, cancellationToken);
        if (cycles.Count == 0) return [];
        var ids = cycles.Select(c => c.Id).ToList();
        var rows = await db.Set<Submission>().AsNoTracking().VisibleTo(scope).Where(s => ids.Contains(s.CycleId))
            .OrderBy(s => s.CountryIso3)
            .Select(s => new { s.CycleId, s.CountryIso3, s.Country!.RegionCode, s.Status, s.ScoreSnapshot }).ToListAsync(cancellationToken);
        var byCycle = rows.ToLookup(r => r.CycleId);
        var names = await titles.InLanguageAsync(culture);
        var list = new List<TrendCycle>();
        foreach (var cycle in cycles)
        {
            var definition = await catalog.GetDefinitionAsync(cycle.QuestionnaireVersionId, cancellationToken);
            list.Add(new TrendCycle(cycle.Id, names.GetValueOrDefault(cycle.Id, cycle.Name), cycle.Policy, definition, cycle.VersionLabel,
                [.. byCycle[cycle.Id].Select(r => new CountryResult(r.CountryIso3, r.RegionCode, r.Status,
                    r.Status.IsValidated() && r.ScoreSnapshot is not null ? ScoreSnapshot.ParseSummary(r.ScoreSnapshot) : null))]));
        }
        return list;
    }

    /// <summary>
    /// Every stored validated result of one country, oldest cycle first, whatever the questionnaire. The caller
    /// has checked that it may see the country; the results are read in the country's own scope.
    /// </summary>
    public async Task<IReadOnlyList<CountryHistoryEntry>> CountryAsync(string iso3, CycleSelection selection = CycleSelection.All, CancellationToken cancellationToken = default)
    {
        var cycles = await Project(Cycles(selection)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var scope = new UserScope(ScopeKind.Country, CountryIso3: iso3);
        var rows = await db.Set<Submission>().AsNoTracking().VisibleTo(scope)
            .Where(s => s.CountryIso3 == iso3 && (s.Status == SubmissionStatus.Validated || s.Status == SubmissionStatus.Published) && s.ScoreSnapshot != null)
            .Select(s => new { s.CycleId, s.Status, s.ValidatedAt, s.ScoreSnapshot }).ToListAsync(cancellationToken);
        var entries = new List<CountryHistoryEntry>();
        foreach (var row in rows.Where(r => cycles.ContainsKey(r.CycleId)).OrderBy(r => cycles[r.CycleId].OpensOn).ThenBy(r => r.CycleId))
        {
            var cycle = cycles[row.CycleId];
            entries.Add(new CountryHistoryEntry(cycle, await catalog.GetDefinitionAsync(cycle.QuestionnaireVersionId, cancellationToken),
                row.Status, row.ValidatedAt, ScoreSnapshot.Parse(row.ScoreSnapshot!)));
        }
        return entries;
    }

    /// <summary>
    /// A country's trend as its scorecard for <paramref name="cycleId"/> shows it (null when the country has no earlier
    /// validated result): the same computation the scorecard page and PDF use, for pages that show no whole report.
    /// </summary>
    public async Task<CountryTrend?> CountryTrendAsync(int cycleId, string iso3, string culture, CycleSelection selection = CycleSelection.All,
        CancellationToken cancellationToken = default)
    {
        var cycle = await Project(Cycles(selection).Where(c => c.Id == cycleId)).SingleOrDefaultAsync(cancellationToken);
        if (cycle is null) return null;
        var scope = new UserScope(ScopeKind.Country, CountryIso3: iso3);
        var current = await db.Set<Submission>().AsNoTracking().VisibleTo(scope).Where(s => s.CycleId == cycleId && s.CountryIso3 == iso3)
            .Select(s => new { s.Status, s.ScoreSnapshot }).SingleOrDefaultAsync(cancellationToken);
        var card = current is { } c && c.Status.IsValidated() && c.ScoreSnapshot is not null ? ScoreSnapshot.Parse(c.ScoreSnapshot) : null;
        var earlier = await EarlierAsync(cycleId, scope, culture, selection, cancellationToken);
        return Trends.ForCountry(await catalog.GetDefinitionAsync(cycle.QuestionnaireVersionId, cancellationToken), cycle.VersionLabel,
            await titles.OfAsync(cycleId, culture) ?? cycle.Name, card,
            earlier.Select(e => (e.Name, e.Definition, e.VersionLabel, e.Results.FirstOrDefault(r => r.Iso3 == iso3)?.Scorecard)));
    }
}
