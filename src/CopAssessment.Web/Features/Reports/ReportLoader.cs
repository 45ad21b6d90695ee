using CopAssessment.Domain.Aggregation;
using CopAssessment.Web.Features.Assessments;
using CopAssessment.Web.Features.BestPractices;
using CopAssessment.Web.Features.Questionnaires;

namespace CopAssessment.Web.Features.Reports;

/// <summary>What a report covers: the kind, the cycle and, for regional and country reports, the region or country.</summary>
public sealed record ReportScope(ReportKind Kind, int CycleId, string? RegionCode = null, string? CountryIso3 = null)
{
    /// <summary>
    /// Who may see a report of this scope (<see cref="ScopeQueries.ReportVisibleExpression{T}"/>, the rule the
    /// export queries use): the Secretariat any; a regional coordinator the region's reports and its countries'
    /// scorecards; a focal point the scorecard of the country.
    /// </summary>
    public bool IsVisibleTo(UserScope scope, string? countryRegion) =>
        scope.Sees(new Coverage(Kind, Kind == ReportKind.Country ? countryRegion : RegionCode, CountryIso3));

    private sealed record Coverage(ReportKind Kind, string? RegionCode, string? CountryIso3) : IReportScoped;
}

/// <summary>
/// Reads a cycle's results from the database into <see cref="ReportData"/>. Aggregates need every country
/// (regional and global means), so results are read in the Secretariat's scope; what the report shows is
/// limited by its own scope, checked against the caller first, and by the cycle's publication policy.
/// </summary>
public sealed class ReportLoader(CopDbContext db, PlaceNames places, CycleTitles cycleTitles, CycleResults results, QuestionnaireCatalog catalog,
    CycleHistory history, IServiceProvider services, IOptions<MailOptions> mail, IStringLocalizer<Ui> L)
{
    public sealed record CycleInfo(int Id, string Name, int QuestionnaireVersionId, string VersionLabel, PublicationMode Policy,
        Domain.Workflow.CycleStatus Status);

    /// <summary>A member state and its region.</summary>
    public sealed record MemberState(string Iso3, string Name, string RegionCode);

    /// <summary>
    /// What a cycle's figures are computed from: every country's result, read in the Secretariat's scope, and
    /// every member state (participation denominators). Whoever uses it limits what is shown.
    /// </summary>
    public sealed record CycleFigures(CycleInfo Cycle, Domain.Questionnaires.QuestionnaireDefinition Definition,
        IReadOnlyList<(string Iso3, string Region, Domain.Workflow.SubmissionStatus Status, Domain.Scoring.Scorecard? Scorecard, DateTimeOffset? ValidatedAt)> Results,
        IReadOnlyList<MemberState> Countries)
    {
        public IReadOnlyDictionary<string, string> CountryRegions { get; } = Countries.ToDictionary(c => c.Iso3, c => c.RegionCode);

        /// <summary>The regional and global aggregates, computed as the reports compute them.</summary>
        public AggregateReport Aggregate() => ReportBuilder.Aggregate(Definition,
            Results.Select(r => new CountryResult(r.Iso3, r.Region, r.Status, r.Scorecard)), CountryRegions, Cycle.Policy);
    }

    public Task<CycleInfo?> FindCycleAsync(int cycleId, CancellationToken cancellationToken = default) =>
        db.Set<AssessmentCycle>().AsNoTracking().Where(c => c.Id == cycleId)
            .Select(c => new CycleInfo(c.Id, c.Name, c.QuestionnaireVersionId, c.QuestionnaireVersion!.Label,
                c.PublicationPolicy == PublicationPolicy.Named ? PublicationMode.Named : PublicationMode.Anonymised, c.Status))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>The report, or null when the cycle or country does not exist or the caller may not see the scope.</summary>
    public async Task<ReportData?> LoadAsync(ReportScope report, string language, UserScope caller, IProgress<int>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var cycle = await FindCycleAsync(report.CycleId, cancellationToken);
        if (cycle is null) return null;
        string? countryRegion = null;
        string? countryName = null;
        if (report.Kind == ReportKind.Country)
        {
            var country = await db.Countries.AsNoTracking().VisibleTo(caller).Where(c => c.Iso3 == report.CountryIso3)
                .Select(c => new { c.Name, c.RegionCode }).SingleOrDefaultAsync(cancellationToken);
            if (country is null) return null;
            (countryName, countryRegion) = (country.Name, country.RegionCode);
        }
        if (!report.IsVisibleTo(caller, countryRegion)) return null;
        if (report.Kind == ReportKind.Regional && !await db.Regions.AnyAsync(r => r.Code == report.RegionCode, cancellationToken)) return null;

        var figures = await LoadFiguresAsync(cycle, cancellationToken);
        progress?.Report(10);
        var details = DetailsScope(report);
        // The builder applies the same rule to what it is given; reading only those rows keeps drafts out of memory too.
        var statuses = ReportBuilder.Allows(report.Kind, cycle.Policy).AnswerStatuses;
        var none = statuses is { Count: 0 };
        var answers = none ? new Dictionary<string, Dictionary<string, Domain.Answers.AnswerValue>>()
            : await results.LoadAnswersAsync(report.CycleId, details, statuses);
        var evidence = none ? new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<ReportEvidence>>>()
            : await LoadEvidenceAsync(report.CycleId, details, statuses);
        progress?.Report(20);
        var culture = LocalizationSetup.CultureFor(language);
        // Country names in the report's language (CLDR, as corrected by administrators; English where none).
        var names = await places.CountriesAsync(culture.Name);
        // Region names are kept in English (administrators may rename them); the report shows them in its language.
        var regionNames = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.Name, cancellationToken);
        using (CultureScope.Ui(culture))
        {
            regionNames = regionNames.ToDictionary(r => r.Key, r => L.Region(r.Value).Value);
        }

        var subject = report.Kind switch
        {
            ReportKind.Country => names.GetValueOrDefault(report.CountryIso3!, countryName!),
            ReportKind.Regional => regionNames.GetValueOrDefault(report.RegionCode!, report.RegionCode!),
            _ => null,
        };
        return ReportBuilder.Build(new ReportRequest
        {
            Kind = report.Kind,
            RegionCode = report.RegionCode,
            CountryIso3 = report.CountryIso3,
            Title = ReportTitles.For(report.Kind, L, culture, subject),
            // The cycle's title in the report's language; the file name keeps the first title, the same in every language.
            CycleName = await cycleTitles.OfAsync(cycle.Id, culture.Name) ?? cycle.Name,
            CycleFileName = cycle.Name,
            Definition = figures.Definition,
            VersionLabel = cycle.VersionLabel,
            Policy = cycle.Policy,
            Culture = culture,
            Sources = [.. figures.Results.Select(r => new ReportSource(r.Iso3, names.GetValueOrDefault(r.Iso3, r.Iso3), r.Region, r.Status, r.Scorecard,
                answers.GetValueOrDefault(r.Iso3), r.ValidatedAt) { Evidence = evidence.GetValueOrDefault(r.Iso3) })],
            CountryRegions = figures.CountryRegions,
            RegionNames = regionNames,
            BestPractices = await BestPracticesAsync(report, countryRegion, culture),
            // A scorecard compares its own country's stored snapshots; regional and global figures need every country's.
            History = await history.EarlierAsync(cycle.Id, report.Kind == ReportKind.Country ? details : UserScope.Everything, culture.Name,
                cancellationToken: cancellationToken),
        });
    }

    /// <summary>Reads what the cycle's figures are computed from (see <see cref="CycleFigures"/>).</summary>
    public async Task<CycleFigures> LoadFiguresAsync(CycleInfo cycle, CancellationToken cancellationToken = default)
    {
        var definition = await catalog.GetDefinitionAsync(cycle.QuestionnaireVersionId, cancellationToken);
        var rows = await results.LoadCycleResultsAsync(cycle.Id, UserScope.Everything);
        var countries = await db.Countries.AsNoTracking().OrderBy(c => c.Iso3)
            .Select(c => new MemberState(c.Iso3, c.Name, c.RegionCode)).ToListAsync(cancellationToken);
        return new CycleFigures(cycle, definition, rows, countries);
    }

    /// <summary>Whose answers and evidence the report can show: the scorecard's country, the region, or every country.</summary>
    private static UserScope DetailsScope(ReportScope report) => report.Kind switch
    {
        ReportKind.Country => new UserScope(ScopeKind.Country, CountryIso3: report.CountryIso3),
        ReportKind.Regional => new UserScope(ScopeKind.Region, RegionCode: report.RegionCode),
        _ => UserScope.Everything,
    };

    /// <summary>
    /// The evidence of the countries in <paramref name="scope"/> (one query), by country then question: a web
    /// address as it is, a file by its name and an absolute link to its download page (access is checked there).
    /// </summary>
    private async Task<Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<ReportEvidence>>>> LoadEvidenceAsync(int cycleId, UserScope scope,
        IReadOnlyList<Domain.Workflow.SubmissionStatus>? statuses)
    {
        var baseUrl = mail.Value.PublicBaseUrl.TrimEnd('/');
        ReportEvidence Entry(CycleEvidence e) => e.Url is { } url
            ? new ReportEvidence(url)
            : new ReportEvidence(baseUrl + Links.Evidence(e.SubmissionId, e.Id), e.FileName);
        var rows = await results.LoadEvidenceAsync(cycleId, scope, statuses);
        return rows.GroupBy(e => e.Iso3).ToDictionary(g => g.Key, g => (IReadOnlyDictionary<string, IReadOnlyList<ReportEvidence>>)g
            .GroupBy(e => e.QuestionKey).ToDictionary(q => q.Key, q => (IReadOnlyList<ReportEvidence>)q.Select(Entry).ToList(), StringComparer.Ordinal));
    }

    private async Task<IReadOnlyList<ReportBestPractice>> BestPracticesAsync(ReportScope report, string? countryRegion, CultureInfo culture)
    {
        if (services.GetService<PublishedPractices>() is not { } practices) return [];
        var regions = report.Kind switch
        {
            ReportKind.Regional => [report.RegionCode!],
            ReportKind.Country => [countryRegion!],
            _ => await db.Regions.Select(r => r.Code).OrderBy(c => c).ToListAsync(),
        };
        var list = new List<ReportBestPractice>();
        var seen = new HashSet<int>();
        foreach (var region in regions)
        {
            foreach (var practice in await practices.GetPublishedForRegionAsync(region, culture.Name))
            {
                if (seen.Add(practice.Id))
                    list.Add(new ReportBestPractice(practice.Title, string.Join(", ", practice.CountryNames), practice.Summary, practice.Permalink)
                    {
                        CountryCodes = practice.CountryCodes, CapabilityKeys = practice.CapabilityKeys,
                    });
            }
        }
        return list;
    }
}
