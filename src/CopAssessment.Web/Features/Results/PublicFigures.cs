using CopAssessment.Domain.Aggregation;
using CopAssessment.Domain.Questionnaires;
using CopAssessment.Web.Features.Reports;
using CopAssessment.Web.Reporting;

namespace CopAssessment.Web.Features.Results;

public enum AreaType { Country, Region, World }

public enum MeasureType { Overall, Domain, Capability }

/// <summary>What a figure measures: the overall index, a scored domain or one of its capabilities.</summary>
public sealed record Measure(MeasureType Type, string Key, string Name, string? DomainKey);

/// <param name="Countries">How many countries the figure comes from (1 for a country's own score).</param>
/// <param name="Score">0–100, unrounded; null when there is none or it may not be shown (<see cref="PublicFigures.Shown"/>).</param>
public sealed record Figure(Measure Measure, int Countries, double? Score, Stage? Stage);

/// <summary>A country, region or the world, with its figures in the order of <see cref="PublicCycle.Measures"/> (the overall index first).</summary>
/// <param name="StageCounts">Countries per stage of the overall index; null when not shown (too few countries, anonymised).</param>
public sealed record PublicArea(AreaType Type, string Code, string Name, string? RegionCode, int MemberStates, int Submitted, int Validated,
    double? ParticipationRate, IReadOnlyList<Figure> Figures, IReadOnlyList<StageCount>? StageCounts)
{
    public Figure Overall => Figures[0];
}

/// <summary>
/// Everything a published cycle shows the public, in one language: the page, the country pages and the open-data
/// files are all made from this, so the publication rule below is applied once.
/// </summary>
public sealed record PublicCycle(PublishedCycle Cycle, LicenceInfo Licence, string Language, QuestionnaireDefinition Definition,
    ReportLoader.CycleFigures Source, IReadOnlyList<Measure> Measures, IReadOnlyList<PublicArea> Countries, IReadOnlyList<PublicArea> Regions,
    PublicArea World)
{
    public bool Named => Cycle.Policy == PublicationMode.Named;

    /// <summary>The cycle's row version when read: a change of title or licence changes it.</summary>
    public uint Version { get; init; }
}

public static class PublicFigures
{
    /// <summary>What a public figure may show: <see cref="ReportBuilder.PublicMean"/>, the rule the report's map follows too.</summary>
    public static double? Shown(Statistics statistics, PublicationMode policy) => ReportBuilder.PublicMean(statistics, policy);

    /// <summary>The measures of a definition: the overall index, then each scored domain followed by its capabilities.</summary>
    public static List<Measure> Measures(QuestionnaireDefinition definition, string language, string overallName)
    {
        var measures = new List<Measure> { new(MeasureType.Overall, "overall", overallName, null) };
        foreach (var domain in definition.Domains.Where(d => d.Scored))
        {
            measures.Add(new Measure(MeasureType.Domain, domain.Key, domain.Name.Get(language), null));
            measures.AddRange(domain.Capabilities.Where(c => c.IsScored)
                .Select(c => new Measure(MeasureType.Capability, c.Key, c.Name.Get(language), domain.Key)));
        }
        return measures;
    }

    /// <summary>A region's or the world's figures, under the rule of <see cref="Shown"/>.</summary>
    public static PublicArea Area(AreaAggregate area, AreaType type, string code, string name, IReadOnlyList<Measure> measures,
        QuestionnaireDefinition definition, PublicationMode policy)
    {
        var domains = area.Domains.ToDictionary(d => d.Key, d => d.Statistics);
        var capabilities = area.Capabilities.ToDictionary(c => c.Key, c => c.Statistics);
        Figure FigureOf(Measure measure)
        {
            var statistics = measure.Type switch
            {
                MeasureType.Overall => area.Overall,
                MeasureType.Domain => domains.GetValueOrDefault(measure.Key),
                _ => capabilities.GetValueOrDefault(measure.Key),
            };
            if (statistics is null) return new Figure(measure, 0, null, null);
            var score = Shown(statistics, policy);
            return new Figure(measure, statistics.N, score, definition.StageFor(score));
        }
        var overallShown = Shown(area.Overall, policy) is not null;
        return new PublicArea(type, code, name, area.Region, area.MemberStates, area.Submitted, area.Validated, area.ParticipationRate,
            [.. measures.Select(FigureOf)], overallShown ? area.Overall.StageCounts : null);
    }

    /// <summary>A named cycle's country: its validated scorecard's figures.</summary>
    public static PublicArea Country(string iso3, string name, string region, Domain.Scoring.Scorecard card, IReadOnlyList<Measure> measures,
        QuestionnaireDefinition definition)
    {
        Figure FigureOf(Measure measure)
        {
            var score = measure.Type switch
            {
                MeasureType.Overall => card.Overall,
                MeasureType.Domain => card.FindDomain(measure.Key)?.Score,
                _ => card.FindCapability(measure.Key)?.Score,
            };
            return new Figure(measure, score is null ? 0 : 1, score, definition.StageFor(score));
        }
        return new PublicArea(AreaType.Country, iso3, name, region, 1, 1, 1, 1, [.. measures.Select(FigureOf)], null);
    }
}
