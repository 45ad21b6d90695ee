using CopAssessment.Domain.Questionnaires;
using CopAssessment.Domain.Scoring;
using CopAssessment.Domain.Workflow;

namespace CopAssessment.Domain.Aggregation;

/// <summary>One country's place in a cycle: its status and, once it has one, its scorecard.</summary>
public sealed record CountryResult(string Iso3, string Region, SubmissionStatus Status, Scorecard? Scorecard);

public enum PublicationMode
{
    /// <summary>Per-country rows may be shown.</summary>
    Named,

    /// <summary>No country codes in the output; any figure over fewer than three countries is suppressed.</summary>
    Anonymised,
}

public enum ScoresFrom
{
    /// <summary>Every submission past draft (progress during a cycle).</summary>
    Submitted,

    /// <summary>Validated and published submissions only (what a stocktaking report publishes).</summary>
    Validated,
}

public sealed record AggregationOptions(PublicationMode Mode = PublicationMode.Anonymised, ScoresFrom ScoresFrom = ScoresFrom.Validated)
{
    /// <summary>Fewer countries than this and a statistic would point at individual countries.</summary>
    public const int MinimumGroupSize = 3;
}

/// <param name="N">Countries with a score for this item. Always shown: it says why other figures may be null.</param>
/// <param name="StageCounts">Countries per stage, in stage order; null when suppressed or N is 0.</param>
public sealed record Statistics(
    int N,
    double? Mean,
    double? Median,
    double? Min,
    double? Max,
    IReadOnlyList<StageCount>? StageCounts,
    bool Suppressed);

public sealed record StageCount(string Stage, int Countries);

public sealed record KeyedStatistics(string Key, Statistics Statistics);

public sealed record CountryRow(string Iso3, string Region, SubmissionStatus Status, Scorecard? Scorecard);

/// <param name="Region">ITU region code; null for the global figures.</param>
/// <param name="ParticipationRate">Submitted / member states, 0–1; null when there are no member states.</param>
/// <param name="Countries">Named mode only; sorted by ISO code, never by score (no ranking).</param>
public sealed record AreaAggregate(
    string? Region,
    int MemberStates,
    int Submitted,
    int Validated,
    double? ParticipationRate,
    Statistics Overall,
    IReadOnlyList<KeyedStatistics> Domains,
    IReadOnlyList<KeyedStatistics> Capabilities,
    IReadOnlyList<CountryRow>? Countries);

public sealed record AggregateReport(PublicationMode Mode, ScoresFrom ScoresFrom, AreaAggregate Global, IReadOnlyList<AreaAggregate> Regions)
{
    public AreaAggregate? FindRegion(string region) => Regions.FirstOrDefault(r => r.Region == region);
}

/// <summary>Regional and global figures over many country scorecards. Pure: same input, same output.</summary>
public static class Aggregator
{
    /// <param name="countryRegions">Every member state (ISO alpha-3) and its region: the participation denominators.</param>
    public static AggregateReport Aggregate(
        QuestionnaireDefinition definition,
        IEnumerable<CountryResult> results,
        IReadOnlyDictionary<string, string> countryRegions,
        AggregationOptions? options = null)
    {
        options ??= new AggregationOptions();

        // One result per country; the region of the result wins (it is what the country belonged to in this
        // cycle), the table supplies it when the result has none.
        var byCountry = new Dictionary<string, CountryResult>(StringComparer.Ordinal);
        foreach (var result in results)
        {
            var region = string.IsNullOrEmpty(result.Region) ? countryRegions.GetValueOrDefault(result.Iso3, "") : result.Region;
            byCountry[result.Iso3] = result with { Region = region };
        }

        var figures = byCountry.Values.Where(r => r.Scorecard is not null)
            .ToDictionary(r => r.Iso3, r => Figures.Of(definition, r.Scorecard!), StringComparer.Ordinal);
        var memberStatesByRegion = countryRegions.GroupBy(p => p.Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var regions = memberStatesByRegion.Keys
            .Concat(byCountry.Values.Select(r => r.Region).Where(r => r.Length > 0))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(region => Area(definition, region, memberStatesByRegion.GetValueOrDefault(region),
                byCountry.Values.Where(r => r.Region == region).ToList(), options, figures))
            .ToList();
        var global = Area(definition, null, countryRegions.Count, byCountry.Values.ToList(), options, figures);
        return new AggregateReport(options.Mode, options.ScoresFrom, global, regions);
    }

    private static AreaAggregate Area(QuestionnaireDefinition definition, string? region, int memberStates,
        List<CountryResult> results, AggregationOptions options, Dictionary<string, Figures> figures)
    {
        var submitted = results.Count(r => r.Status.IsSubmitted());
        var validated = results.Count(r => r.Status.IsValidated());
        var counted = results
            .Where(r => r.Scorecard is not null && (options.ScoresFrom == ScoresFrom.Validated ? r.Status.IsValidated() : r.Status.IsSubmitted()))
            .OrderBy(r => r.Iso3, StringComparer.Ordinal)
            .Select(r => figures[r.Iso3])
            .ToList();

        var overall = Statistics(definition, counted.Select(f => f.Overall), options);
        var domains = definition.Domains
            .Select((d, i) => new KeyedStatistics(d.Key, Statistics(definition, counted.Select(f => f.Domains[i]), options)))
            .ToList();
        var capabilities = definition.Domains.SelectMany(d => d.Capabilities)
            .Select((c, i) => new KeyedStatistics(c.Key, Statistics(definition, counted.Select(f => f.Capabilities[i]), options)))
            .ToList();
        var rows = options.Mode == PublicationMode.Named
            ? results.OrderBy(r => r.Iso3, StringComparer.Ordinal).Select(r => new CountryRow(r.Iso3, r.Region, r.Status, r.Scorecard)).ToList()
            : null;

        return new AreaAggregate(region, memberStates, submitted, validated,
            memberStates == 0 ? null : (double)submitted / memberStates, overall, domains, capabilities, rows);
    }

    /// <summary>
    /// One country's scores laid out in the definition's domain and capability order, looked up by key once
    /// per country rather than once per area and item. Keys, not positions: a snapshot scored against an
    /// earlier definition version may order or lack items differently.
    /// </summary>
    private sealed record Figures((double? Score, string? Stage) Overall, (double? Score, string? Stage)[] Domains,
        (double? Score, string? Stage)[] Capabilities)
    {
        public static Figures Of(QuestionnaireDefinition definition, Scorecard card)
        {
            var domains = card.Domains.ToDictionary(d => d.Key, StringComparer.Ordinal);
            var capabilities = card.Domains.SelectMany(d => d.Capabilities).ToDictionary(c => c.Key, StringComparer.Ordinal);
            return new Figures(
                (card.Overall, card.Stage),
                [.. definition.Domains.Select(d => domains.TryGetValue(d.Key, out var x) ? (x.Score, x.Stage) : (null, null))],
                [.. definition.Domains.SelectMany(d => d.Capabilities)
                    .Select(c => capabilities.TryGetValue(c.Key, out var x) ? (x.Score, x.Stage) : (null, null))]);
        }
    }

    private static Statistics Statistics(QuestionnaireDefinition definition, IEnumerable<(double? Score, string? Stage)> items,
        AggregationOptions options)
    {
        var scored = items.Where(i => i.Score is not null).ToList();
        var n = scored.Count;
        if (n == 0 || (options.Mode == PublicationMode.Anonymised && n < AggregationOptions.MinimumGroupSize))
        {
            return new Statistics(n, null, null, null, null, null, Suppressed: n > 0);
        }

        var values = scored.Select(i => i.Score!.Value).Order().ToArray();
        // Means are summed in decimal, from each score's shortest round-trip digits: summed as doubles, a mean
        // of exactly 48.75 comes out as 48.749999999999993 and displays as 48.7 (ScoreDisplay.Exact then
        // drops what little error remains).
        var mean = (double)(values.Sum(Precise) / n);
        var median = n % 2 == 1 ? values[n / 2] : (double)((Precise(values[n / 2 - 1]) + Precise(values[n / 2])) / 2);
        var stageCounts = definition.Stages
            .Select(stage => new StageCount(stage.Key, scored.Count(i => i.Stage == stage.Key)))
            .ToList();
        return new Statistics(n, mean, median, values[0], values[^1], stageCounts, Suppressed: false);
    }

    private static decimal Precise(double score) =>
        decimal.Parse(score.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
}
