using CopAssessment.Domain.Aggregation;
using CopAssessment.Domain.Questionnaires;

namespace CopAssessment.Web.Reporting;

/// <summary>One country's place in the cycle as the data layer knows it (names included).</summary>
public sealed record ReportSource(
    string Iso3,
    string Name,
    string Region,
    SubmissionStatus Status,
    Scorecard? Scorecard,
    IReadOnlyDictionary<string, AnswerValue>? Answers = null,
    DateTimeOffset? ValidatedAt = null)
{
    public IReadOnlyDictionary<string, IReadOnlyList<ReportEvidence>>? Evidence { get; init; }
}

public sealed record ReportRequest
{
    public required ReportKind Kind { get; init; }
    /// <summary>Regional reports: the region; country reports: the country's ISO code goes in <see cref="CountryIso3"/>.</summary>
    public string? RegionCode { get; init; }
    public string? CountryIso3 { get; init; }
    public required string Title { get; init; }
    public required string CycleName { get; init; }
    /// <summary>The cycle's first title, for file names (null: <see cref="CycleName"/>).</summary>
    public string? CycleFileName { get; init; }
    public required QuestionnaireDefinition Definition { get; init; }
    public required string VersionLabel { get; init; }
    public required PublicationMode Policy { get; init; }
    public required CultureInfo Culture { get; init; }
    /// <summary>Every participating country of the cycle (the aggregates need all of them, whatever the report shows).</summary>
    public required IReadOnlyList<ReportSource> Sources { get; init; }
    /// <summary>Every member state and its region: participation denominators.</summary>
    public required IReadOnlyDictionary<string, string> CountryRegions { get; init; }
    public IReadOnlyDictionary<string, string> RegionNames { get; init; } = new Dictionary<string, string>();
    public IReadOnlyList<ReportBestPractice> BestPractices { get; init; } = [];
    public DateTimeOffset? GeneratedAt { get; init; }

    /// <summary>
    /// The earlier cycles of the same questionnaire, oldest first, for the trend: a scorecard needs its country's
    /// results only, a regional or global report every country's (the earlier aggregates).
    /// </summary>
    public IReadOnlyList<TrendCycle> History { get; init; } = [];
}

/// <summary>
/// Turns the cycle's results into <see cref="ReportData"/> and is the one place the publication policy is
/// applied: in anonymised regional and global reports no country appears (no name, no code, no row, no
/// best-practice list, only counts per theme) and the aggregator suppresses every figure over fewer than three countries.
/// A country scorecard is by nature about one country and is only produced for people who may see it.
/// </summary>
public static class ReportBuilder
{
    public static ReportData Build(ReportRequest request)
    {
        var aggregate = Aggregate(request.Definition,
            request.Sources.Select(s => new CountryResult(s.Iso3, s.Region, s.Status, s.Scorecard)),
            request.CountryRegions, request.Policy);

        var allowed = Allows(request.Kind, request.Policy);
        IEnumerable<ReportSource> shown = request.Kind switch
        {
            _ when !allowed.ListsCountries => [],
            ReportKind.Country => request.Sources.Where(s => s.Iso3 == request.CountryIso3),
            ReportKind.Regional => request.Sources.Where(s => s.Region == request.RegionCode),
            _ => request.Sources,
        };
        var countries = shown.OrderBy(s => s.Iso3, StringComparer.Ordinal)
            .Select(s =>
            {
                var answersShown = allowed.ShowsAnswers(s.Status);
                return new ReportCountry(s.Iso3, s.Name, s.Region, s.Status, s.Scorecard,
                    (answersShown ? s.Answers : null) ?? new Dictionary<string, AnswerValue>(), s.ValidatedAt)
                {
                    AnswersShown = answersShown,
                    Evidence = (answersShown ? s.Evidence : null) ?? new Dictionary<string, IReadOnlyList<ReportEvidence>>(),
                };
            })
            .ToList();
        if (request.Kind == ReportKind.Country && countries.Count == 0)
        {
            throw new ArgumentException($"Country {request.CountryIso3} has no result in this cycle.", nameof(request));
        }

        var region = request.Kind switch
        {
            ReportKind.Regional => request.RegionCode,
            ReportKind.Country => countries[0].Region,
            _ => null,
        };
        var listPractices = allowed.ListsPractices;

        var data = new ReportData
        {
            Title = request.Title,
            Kind = request.Kind,
            RegionCode = region,
            CycleName = request.CycleName,
            CycleFileName = request.CycleFileName ?? request.CycleName,
            Definition = request.Definition,
            VersionLabel = request.VersionLabel,
            Policy = request.Policy,
            Culture = request.Culture,
            GeneratedAt = request.GeneratedAt ?? DateTimeOffset.UtcNow,
            Countries = countries,
            Aggregate = aggregate,
            BestPractices = listPractices ? request.BestPractices : [],
            PracticeThemes = listPractices ? [] : PracticeThemes(request.Definition, request.BestPractices),
            RegionNames = request.RegionNames,
            CountryRegions = request.CountryRegions,
        };
        if (request.History.Count == 0) return data;
        return request.Kind == ReportKind.Country
            ? data with
            {
                CountryTrend = Trends.ForCountry(request.Definition, request.VersionLabel, request.CycleName, countries[0].Scorecard,
                    request.History.Select(h => (h.Name, h.Definition, h.VersionLabel, h.Results.FirstOrDefault(r => r.Iso3 == request.CountryIso3 && r.Status.IsValidated())?.Scorecard))),
            }
            : data with { AreaTrends = AreaTrendsOf(request, data, allowed) };
    }

    /// <summary>
    /// A regional or global report against the previous cycle. An earlier cycle is aggregated under the stricter of
    /// its own policy and this report's, so a cycle published anonymised never has a small group or a country shown
    /// through a later report; the countries × cycles view lists only cycles published by name, and only when this
    /// report lists countries.
    /// </summary>
    private static AreaTrends AreaTrendsOf(ReportRequest request, ReportData data, Publication allowed)
    {
        var earlier = request.History.Select(h => (Cycle: h, Aggregate: Aggregate(h.Definition, h.Results, request.CountryRegions,
            h.Policy == PublicationMode.Anonymised ? PublicationMode.Anonymised : request.Policy))).ToList();
        var (previous, previousAggregate) = earlier[^1];
        var comparison = VersionComparison.Of(previous.Name, request.Definition, request.VersionLabel, previous.Definition, previous.VersionLabel);
        var areas = data.Areas;

        var aggregates = earlier.Select(e => e.Aggregate).Append(data.Aggregate).ToList();
        var participation = areas.Select(area => (IReadOnlyList<Participation>)[.. aggregates.Select(a =>
            (area.Region is null ? a.Global : a.FindRegion(area.Region)) is { } x
                ? new Participation(x.MemberStates, x.Submitted, x.Validated, x.ParticipationRate)
                : new Participation(0, 0, 0, null))]).ToList();

        var named = allowed.ListsCountries ? earlier.Where(e => e.Cycle.Policy == PublicationMode.Named).Select(e => e.Cycle).ToList() : [];
        var matrix = new List<CountryCycles>();
        if (allowed.ListsCountries)
        {
            var byCycle = named.Select(c => c.Results.Where(r => r.Status.IsValidated() && r.Scorecard is not null)
                .ToDictionary(r => r.Iso3, r => r.Scorecard!.Overall, StringComparer.Ordinal)).ToList();
            foreach (var country in data.Countries.OrderBy(c => c.Name ?? c.Iso3, StringComparer.Create(data.Culture, ignoreCase: false)).ThenBy(c => c.Iso3, StringComparer.Ordinal))
            {
                double? now = country.Status.IsValidated() ? country.Scorecard?.Overall : null;
                IReadOnlyList<double?> values = [.. byCycle.Select(b => b.GetValueOrDefault(country.Iso3)), now];
                if (values.Any(v => v is not null)) matrix.Add(new CountryCycles(country.Iso3, country.Name ?? country.Iso3, values));
            }
        }
        return new AreaTrends(comparison, Trends.ForAreas(request.Definition, areas, previousAggregate, comparison),
            [.. request.History.Select(h => h.Name), request.CycleName], participation,
            allowed.ListsCountries ? [.. named.Select(c => c.Name), request.CycleName] : [], matrix);
    }

    /// <summary>
    /// The one rule for what a mean may show outside the Secretariat (the public pages, the open data, the report's
    /// map): nothing the aggregation suppressed and, anonymised, nothing from fewer than
    /// <see cref="AggregationOptions.MinimumGroupSize"/> countries, which would point at them.
    /// </summary>
    public static double? PublicMean(Statistics statistics, PublicationMode policy) =>
        statistics.Suppressed || (policy == PublicationMode.Anonymised && statistics.N < AggregationOptions.MinimumGroupSize) ? null : statistics.Mean;

    /// <summary>
    /// The one rule for what a publication policy lets a report of <paramref name="kind"/> show, used by the
    /// builder, the database query for answers (<see cref="Publication.AnswerStatuses"/>) and the API.
    /// A scorecard shows its country, and its answers and evidence whatever the status: it is produced only for
    /// people who may see that country's work. Regional and global reports list countries (names, statuses,
    /// scores) and practices only under the named policy, and publish only answers reviewers validated
    /// (<see cref="PublishedStatuses"/>). Anonymised, they list no country and count practices per theme
    /// instead: practice titles and summaries name their countries ("… in Kenya"), whatever the language.
    /// </summary>
    public static Publication Allows(ReportKind kind, PublicationMode policy) => kind switch
    {
        ReportKind.Country => new Publication(ListsCountries: true, ListsPractices: true, AnswerStatuses: null),
        _ when policy == PublicationMode.Anonymised => new Publication(ListsCountries: false, ListsPractices: false, AnswerStatuses: []),
        _ => new Publication(ListsCountries: true, ListsPractices: true, AnswerStatuses: PublishedStatuses),
    };

    /// <summary>Validated, or validated and then published with the cycle.</summary>
    public static readonly IReadOnlyList<SubmissionStatus> PublishedStatuses = [SubmissionStatus.Validated, SubmissionStatus.Published];

    /// <summary>Practices per domain of the definition, with the same small-group suppression as the scores.</summary>
    private static List<ReportPracticeTheme> PracticeThemes(QuestionnaireDefinition definition, IReadOnlyList<ReportBestPractice> practices) =>
        [.. definition.Domains.Select(domain =>
        {
            var keys = domain.Capabilities.Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
            var inTheme = practices.Where(p => p.CapabilityKeys.Any(keys.Contains)).ToList();
            var countries = inTheme.SelectMany(p => p.CountryCodes).Distinct(StringComparer.Ordinal).Count();
            return countries < AggregationOptions.MinimumGroupSize
                ? new ReportPracticeTheme(domain.Key, null, null)
                : new ReportPracticeTheme(domain.Key, inTheme.Count, countries);
        })];

    /// <summary>Regional and global figures as every report (and the API) shows them: from validated scores, under the policy.</summary>
    public static AggregateReport Aggregate(QuestionnaireDefinition definition, IEnumerable<CountryResult> results,
        IReadOnlyDictionary<string, string> countryRegions, PublicationMode policy) =>
        Aggregator.Aggregate(definition, results, countryRegions, new AggregationOptions(policy, ScoresFrom.Validated));
}

/// <summary>What a report may show under its publication policy (<see cref="ReportBuilder.Allows"/>).</summary>
/// <param name="ListsCountries">Countries one by one: code, name, status and scores.</param>
/// <param name="ListsPractices">Best practices one by one; otherwise counted per theme.</param>
/// <param name="AnswerStatuses">The submission statuses whose answers and evidence are shown; null for every status.</param>
public sealed record Publication(bool ListsCountries, bool ListsPractices, IReadOnlyList<SubmissionStatus>? AnswerStatuses)
{
    public bool ShowsAnswers(SubmissionStatus status) => ListsCountries && (AnswerStatuses is not { } statuses || statuses.Contains(status));
}

public static class ReportTitles
{
    /// <summary>The report's title in <paramref name="culture"/>, with the country or region it covers.</summary>
    public static string For(ReportKind kind, IStringLocalizer L, CultureInfo culture, string? subject = null)
    {
        using var inCulture = CultureScope.Ui(culture);
        string title = L.Label(kind);
        return subject is null ? title : $"{title} — {subject}";
    }
}
