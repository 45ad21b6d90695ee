using CopAssessment.Domain.Aggregation;

namespace CopAssessment.Web.Reporting.Maps;

/// <summary>
/// The results page's world map for a global report's summary page: a named report shades each country it lists by
/// its overall index, an anonymised one each region by its mean under <see cref="ReportBuilder.PublicMean"/>, with
/// the same colours (<see cref="StagePalette"/>) and shapes as the page.
/// </summary>
public static class ReportMap
{
    public static string Svg(ReportData data, string title, string noFigure)
    {
        var stages = data.Definition.Stages;
        string? FillOf(double? score) => data.Definition.StageFor(score) is { } stage
            ? StagePalette.Fill(stages.ToList().IndexOf(stage), stages.Count) : null;
        string Label(string name, double? score) => score is null ? $"{name}: {noFigure}"
            : $"{name}: {data.Format(score)} · {data.StageName(data.Definition.StageFor(score)?.Key)}";

        var areas = data.IsAnonymised
            ? data.Aggregate.Regions.Where(r => r.Region is not null).Select(r =>
            {
                var mean = ReportBuilder.PublicMean(r.Overall, data.Policy);
                var members = data.CountryRegions.Where(c => c.Value == r.Region).Select(c => c.Key).ToList();
                return new MapArea(members, FillOf(mean), Label(data.RegionName(r.Region!), mean));
            }).ToList()
            : [.. data.ScoredCountries().Select(c => new MapArea([c.Iso3], FillOf(c.Scorecard!.Overall), Label(c.Name ?? c.Iso3, c.Scorecard.Overall)))];
        return WorldMap.Svg(WorldMapShapes.Shipped, areas, title);
    }
}
