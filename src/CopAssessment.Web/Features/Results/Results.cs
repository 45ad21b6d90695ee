using Microsoft.Extensions.Caching.Memory;
using CopAssessment.Domain.Aggregation;
using CopAssessment.Web.Features.Reports;
using CopAssessment.Web.Reporting;
using CopAssessment.Web.Reporting.Maps;

namespace CopAssessment.Web.Features.Results;

/// <summary>A published cycle as the public results list shows it.</summary>
public sealed record PublishedCycle(int Id, string Name, DateOnly OpensOn, PublicationMode Policy, DataLicence Licence = DataLicence.CcBy40);

/// <summary>One row of the map's table alternative: what an area of the map shows, in words and figures.</summary>
public sealed record ResultRow(string Name, int Countries, double? Score, string? Stage, string? Note)
{
    /// <summary>A named cycle's country, whose name links to its page.</summary>
    public string? Iso3 { get; init; }
}

/// <summary>A named cycle's country as the public sees it: its validated figures beside its region's and the world's.</summary>
/// <param name="Trend">The country against its earlier published cycles (null when it has none): the trends' own computation (<see cref="CycleHistory"/>).</param>
public sealed record CountryPage(PublicCycle Data, PublicArea Country, PublicArea? Region, CountryTrend? Trend);

public sealed record ResultsPage(PublishedCycle Cycle, string MapSvg, IReadOnlyList<ResultRow> Rows, IReadOnlyList<(string Name, string Fill)> Legend)
{
    /// <summary>The figures the page is drawn from: the charts and the open-data links read them.</summary>
    public required PublicCycle Data { get; init; }
}

/// <summary>
/// Public results: only published cycles, for anyone, signed in or not. A named cycle's map shades each country by
/// its overall index and stage; an anonymised cycle's shades regions only, and no figure from fewer than three
/// countries (the aggregation's rule) — no country is named or singled out.
/// </summary>
public sealed class PublicResults(CopDbContext db, ReportLoader loader, PlaceNames places, CycleTitles titles, CycleHistory history, IMemoryCache cache,
    IStringLocalizer<Ui> L)
{
    /// <summary>
    /// How long a published cycle's figures are kept in memory. A published cycle is final (no submission, status or
    /// policy changes); what may still change — its titles and licence — changes its row version, which is part of
    /// the key, so only a corrected country or region assignment waits for this (decision 0019).
    /// </summary>
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    /// <summary>The published cycles, newest first, titled in the reader's language.</summary>
    public async Task<List<PublishedCycle>> CyclesAsync(string? language = null)
    {
        var cycles = await db.Set<AssessmentCycle>().AsNoTracking().Where(c => c.Status == CycleStatus.Published).OrderByDescending(c => c.OpensOn)
            .Select(c => new PublishedCycle(c.Id, c.Name, c.OpensOn,
                c.PublicationPolicy == PublicationPolicy.Named ? PublicationMode.Named : PublicationMode.Anonymised, c.Licence))
            .ToListAsync();
        var inLanguage = await titles.InLanguageAsync(language);
        return [.. cycles.Select(c => c with { Name = inLanguage.GetValueOrDefault(c.Id, c.Name) })];
    }

    /// <summary>
    /// What a published cycle shows the public, in <paramref name="language"/> (the reader's when null); null when the
    /// cycle does not exist or is not published (404: a draft stays private). Named, every validated country with its
    /// figures; anonymised, none. Regions and the world under <see cref="PublicFigures.Shown"/>.
    /// </summary>
    public async Task<PublicCycle?> LoadAsync(int cycleId, string? language = null)
    {
        language ??= LocalizationSetup.Current;
        if (await loader.FindCycleAsync(cycleId) is not { Status: CycleStatus.Published } info) return null;
        var stamp = await db.Set<AssessmentCycle>().Where(c => c.Id == cycleId).Select(c => new { c.Licence, c.Version }).SingleAsync();
        var licence = stamp.Licence;
        var cycle = new PublishedCycle(info.Id, await titles.OfAsync(info.Id, language) ?? info.Name, default, info.Policy, licence);
        var (figures, aggregate) = (await cache.GetOrCreateAsync($"public-figures:{cycleId}:{stamp.Version}", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheFor;
            var figures = await loader.LoadFiguresAsync(info);
            return (Figures: figures, Aggregate: figures.Aggregate());
        }));
        var definition = figures.Definition;
        using var _ = CultureScope.Ui(LocalizationSetup.CultureFor(language));
        var measures = PublicFigures.Measures(definition, language, L["Overall index"]);

        var countries = new List<PublicArea>();
        if (info.Policy == PublicationMode.Named)
        {
            var names = await places.CountriesAsync(language);
            countries.AddRange((aggregate.Global.Countries ?? []).Where(c => c.Scorecard?.Overall is not null)
                .Select(c => PublicFigures.Country(c.Iso3, names.GetValueOrDefault(c.Iso3, c.Iso3), c.Region, c.Scorecard!, measures, definition))
                .OrderBy(c => c.Name, PlaceNames.Collation(language)));
        }
        var regionNames = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.Name);
        var regions = aggregate.Regions.Where(r => r.Region is not null)
            .Select(r => PublicFigures.Area(r, AreaType.Region, r.Region!, L.Region(regionNames.GetValueOrDefault(r.Region!, r.Region!)).Value, measures, definition, info.Policy))
            .ToList();
        var world = PublicFigures.Area(aggregate.Global, AreaType.World, "WLD", L["Global"], measures, definition, info.Policy);
        return new PublicCycle(cycle, DataLicences.Of(licence), language, definition, figures, measures, countries, regions, world) { Version = stamp.Version };
    }

    /// <summary>
    /// A country's page of a named published cycle, or null (404) when the cycle is anonymised — no country is singled
    /// out, whatever the address — or the country has no validated assessment in it.
    /// </summary>
    public async Task<CountryPage?> CountryAsync(int cycleId, string iso3)
    {
        if (await LoadAsync(cycleId) is not { Named: true } data) return null;
        if (data.Countries.FirstOrDefault(c => c.Code == iso3.ToUpperInvariant()) is not { } country) return null;
        // Earlier cycles count only when they too were published by name: a draft or closed cycle stays private, and an
        // anonymised one never shows the country's own score.
        var trend = await history.CountryTrendAsync(cycleId, country.Code, data.Language, CycleSelection.PublishedNamed);
        return new CountryPage(data, country, data.Regions.FirstOrDefault(r => r.Code == country.RegionCode), trend);
    }

    /// <summary>The cycle's map and table, or null when it does not exist or is not published.</summary>
    public async Task<ResultsPage?> PageAsync(int cycleId)
    {
        if (await LoadAsync(cycleId) is not { } data) return null;
        var definition = data.Definition;
        var stages = definition.Stages;
        var culture = CultureInfo.CurrentUICulture;
        string? FillOf(Figure figure) => figure.Stage is { } stage ? StagePalette.Fill(IndexOf(stages, stage), stages.Count) : null;
        string Figure(Figure figure) => figure.Score is null ? L["no figure"]
            : $"{ScoreDisplay.Format(figure.Score, CultureInfo.CurrentCulture)} · {figure.Stage?.Name.Find(culture.Name).Text}";

        var areas = new List<MapArea>();
        var rows = new List<ResultRow>();
        if (data.Named)
        {
            var names = await places.CountriesAsync();
            var scored = data.Countries.ToDictionary(c => c.Code);
            foreach (var (iso3, name) in names.OrderBy(n => n.Value, PlaceNames.Collation()))
            {
                var country = scored.GetValueOrDefault(iso3);
                // A country with published figures is a link to its page (keyboard-reachable as any link); the others stay focusable areas.
                areas.Add(new MapArea([iso3], country is null ? null : FillOf(country.Overall),
                    $"{name}: {(country is null ? L["no validated assessment"] : Figure(country.Overall))}",
                    country is null ? null : Links.PublicCountry(cycleId, iso3)));
                if (country is not null) rows.Add(new ResultRow(name, 1, country.Overall.Score, country.Overall.Stage?.Name.Find(culture.Name).Text, null) { Iso3 = iso3 });
            }
        }
        else
        {
            foreach (var region in data.Regions)
            {
                var overall = region.Overall;
                var note = overall.Score is null ? L.Plural(AggregationOptions.MinimumGroupSize, "Fewer than {0} country: no figure is shown.", "Fewer than {0} countries: no figure is shown.").Value : null;
                var members = data.Source.Countries.Where(c => c.RegionCode == region.Code).Select(c => c.Iso3).ToList();
                areas.Add(new MapArea(members, FillOf(overall), $"{region.Name}: {(note ?? Figure(overall))}"));
                rows.Add(new ResultRow(region.Name, overall.Countries, overall.Score, overall.Stage?.Name.Find(culture.Name).Text, note));
            }
        }
        var legend = stages.Select((s, i) => (s.Name.Find(culture.Name).Text, StagePalette.Fill(i, stages.Count)))
            .Append((L["No figure"].Value, WorldMap.NoDataFill)).ToList();
        var svg = WorldMap.Svg(WorldMapShapes.Shipped, areas, data.Named ? L["Overall index by country"] : L["Overall index by region"]);
        return new ResultsPage(data.Cycle, svg, rows, legend) { Data = data };
    }

    private static int IndexOf(IReadOnlyList<Domain.Questionnaires.Stage> stages, Domain.Questionnaires.Stage stage)
    {
        for (var i = 0; i < stages.Count; i++) if (stages[i] == stage) return i;
        return -1;
    }
}
