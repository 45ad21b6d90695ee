using CopAssessment.Domain.Aggregation;
using CopAssessment.Web.Features.Reports;
using CopAssessment.Web.Reporting;
using CopAssessment.Web.Reporting.Maps;

namespace CopAssessment.Web.Features.Results;

/// <summary>A published cycle as the public results list shows it.</summary>
public sealed record PublishedCycle(int Id, string Name, DateOnly OpensOn, PublicationMode Policy);

/// <summary>One row of the map's table alternative: what an area of the map shows, in words and figures.</summary>
public sealed record ResultRow(string Name, int Countries, double? Score, string? Stage, string? Note);

public sealed record ResultsPage(PublishedCycle Cycle, string MapSvg, IReadOnlyList<ResultRow> Rows, IReadOnlyList<(string Name, string Fill)> Legend);

/// <summary>
/// Public results: only published cycles, for anyone, signed in or not. A named cycle's map shades each country by
/// its overall index and stage; an anonymised cycle's shades regions only, and no figure from fewer than three
/// countries (the aggregation's rule) — no country is named or singled out.
/// </summary>
public sealed class PublicResults(CopDbContext db, ReportLoader loader, PlaceNames places, CycleTitles titles, IStringLocalizer<Ui> L)
{
    /// <summary>The published cycles, newest first, titled in the reader's language.</summary>
    public async Task<List<PublishedCycle>> CyclesAsync()
    {
        var cycles = await db.Set<AssessmentCycle>().AsNoTracking().Where(c => c.Status == CycleStatus.Published).OrderByDescending(c => c.OpensOn)
            .Select(c => new PublishedCycle(c.Id, c.Name, c.OpensOn,
                c.PublicationPolicy == PublicationPolicy.Named ? PublicationMode.Named : PublicationMode.Anonymised))
            .ToListAsync();
        var inLanguage = await titles.InLanguageAsync();
        return [.. cycles.Select(c => c with { Name = inLanguage.GetValueOrDefault(c.Id, c.Name) })];
    }

    /// <summary>The cycle's map and table, or null when it does not exist or is not published (404: a draft stays private).</summary>
    public async Task<ResultsPage?> PageAsync(int cycleId)
    {
        if (await loader.FindCycleAsync(cycleId) is not { Status: CycleStatus.Published } info) return null;
        var cycle = new PublishedCycle(info.Id, await titles.OfAsync(info.Id) ?? info.Name, default, info.Policy);
        var figures = await loader.LoadFiguresAsync(info);
        var aggregate = figures.Aggregate();
        var definition = figures.Definition;
        var stages = definition.Stages;
        var culture = CultureInfo.CurrentUICulture;
        string? FillOf(double? score) => definition.StageFor(score) is { } stage ? StagePalette.Fill(IndexOf(stages, stage), stages.Count) : null;
        string? StageName(double? score) => definition.StageFor(score) is { } stage ? stage.Name.Find(culture.Name).Text : null;
        string Figure(double? score) => score is null ? L["no figure"] : $"{ScoreDisplay.Format(score, CultureInfo.CurrentCulture)} · {StageName(score)}";

        var areas = new List<MapArea>();
        var rows = new List<ResultRow>();
        if (cycle.Policy == PublicationMode.Named)
        {
            var names = await places.CountriesAsync();
            var scored = aggregate.Global.Countries?.Where(c => c.Scorecard?.Overall is not null).ToDictionary(c => c.Iso3, c => c.Scorecard!.Overall) ?? [];
            foreach (var (iso3, name) in names.OrderBy(n => n.Value, PlaceNames.Collation()))
            {
                var score = scored.GetValueOrDefault(iso3);
                areas.Add(new MapArea([iso3], FillOf(score), $"{name}: {(score is null ? L["no validated assessment"] : Figure(score))}"));
                if (score is not null) rows.Add(new ResultRow(name, 1, score, StageName(score), null));
            }
        }
        else
        {
            var regionNames = await db.Regions.AsNoTracking().ToDictionaryAsync(r => r.Code, r => r.Name);
            foreach (var region in aggregate.Regions.Where(r => r.Region is not null))
            {
                var name = L.Region(regionNames.GetValueOrDefault(region.Region!, region.Region!)).Value;
                var overall = region.Overall;
                var score = overall.Suppressed ? null : overall.Mean;
                var note = overall.Suppressed || overall.N < AggregationOptions.MinimumGroupSize ? L.Plural(AggregationOptions.MinimumGroupSize, "Fewer than {0} country: no figure is shown.", "Fewer than {0} countries: no figure is shown.").Value : null;
                var members = figures.Countries.Where(c => c.RegionCode == region.Region).Select(c => c.Iso3).ToList();
                areas.Add(new MapArea(members, note is null ? FillOf(score) : null, $"{name}: {(note ?? Figure(score))}"));
                rows.Add(new ResultRow(name, overall.N, note is null ? score : null, note is null ? StageName(score) : null, note));
            }
        }
        var legend = stages.Select((s, i) => (s.Name.Find(culture.Name).Text, StagePalette.Fill(i, stages.Count)))
            .Append((L["No figure"].Value, WorldMap.NoDataFill)).ToList();
        var svg = WorldMap.Svg(WorldMapShapes.Shipped, areas, cycle.Policy == PublicationMode.Named ? L["Overall index by country"] : L["Overall index by region"]);
        return new ResultsPage(cycle, svg, rows, legend);
    }

    private static int IndexOf(IReadOnlyList<Domain.Questionnaires.Stage> stages, Domain.Questionnaires.Stage stage)
    {
        for (var i = 0; i < stages.Count; i++) if (stages[i] == stage) return i;
        return -1;
    }
}
