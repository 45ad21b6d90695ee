using CopAssessment.Domain.Aggregation;
using CopAssessment.Domain.Questionnaires;

namespace CopAssessment.Web.Reporting;

/// <summary>
/// An earlier cycle of the same questionnaire as a trend reads it: its definition and its results as stored
/// (the scorecard is the snapshot of a validated or published submission, otherwise null; never recomputed).
/// </summary>
public sealed record TrendCycle(int Id, string Name, PublicationMode Policy, QuestionnaireDefinition Definition, string VersionLabel,
    IReadOnlyList<CountryResult> Results);

/// <summary>
/// What two questionnaire versions share, by key (docs/scoring.md, "Change between cycles"): a capability or domain
/// is compared only when both versions score it, the overall index only when both score the same domains.
/// </summary>
/// <param name="PreviousCycle">The title of the cycle compared with.</param>
/// <param name="SharedCapabilities">Scored capabilities of this version that the earlier version scores too.</param>
/// <param name="Capabilities">Scored capabilities of this version.</param>
public sealed record VersionComparison(string PreviousCycle, bool SameVersion, int SharedCapabilities, int Capabilities,
    int SharedDomains, int Domains, bool OverallCompared, IReadOnlySet<string> SharedKeys)
{
    public bool Shares(string key) => SharedKeys.Contains(key);

    /// <summary>Whether every item of this version is compared (the versions may still differ in questions).</summary>
    public bool Complete => OverallCompared && SharedCapabilities == Capabilities && SharedDomains == Domains;

    public static VersionComparison Of(string previousCycle, QuestionnaireDefinition current, string currentVersion,
        QuestionnaireDefinition previous, string previousVersion)
    {
        static HashSet<string> Domains(QuestionnaireDefinition d) => [.. d.Domains.Where(x => x.Scored).Select(x => x.Key)];
        static HashSet<string> Capabilities(QuestionnaireDefinition d) =>
            [.. d.Domains.Where(x => x.Scored).SelectMany(x => x.Capabilities).Where(c => c.IsScored).Select(c => c.Key)];
        var (domains, earlierDomains) = (Domains(current), Domains(previous));
        var (capabilities, earlierCapabilities) = (Capabilities(current), Capabilities(previous));
        var sharedDomains = domains.Where(earlierDomains.Contains).ToList();
        var sharedCapabilities = capabilities.Where(earlierCapabilities.Contains).ToList();
        return new VersionComparison(previousCycle,
            current.Key == previous.Key && currentVersion == previousVersion,
            sharedCapabilities.Count, capabilities.Count, sharedDomains.Count, domains.Count,
            domains.SetEquals(earlierDomains),
            sharedDomains.Concat(sharedCapabilities).ToHashSet(StringComparer.Ordinal));
    }
}

/// <summary>One item (the overall index, a domain or a capability) of a country over its cycles.</summary>
/// <param name="Series">The item's score in each cycle of <see cref="CountryTrend.Cycles"/> (null where it had none, or the version lacks it).</param>
public sealed record ItemTrend(string Key, double? Previous, double? Current, Stage? PreviousStage, Stage? CurrentStage, bool Compared,
    IReadOnlyList<double?> Series)
{
    public double? Change => Compared ? Trends.Difference(Previous, Current) : null;

    /// <summary>"Developing → Advanced": the item has a stage in both cycles and it is another one.</summary>
    public bool StageMoved => Compared && PreviousStage is not null && CurrentStage is not null && PreviousStage.Key != CurrentStage.Key;
}

/// <summary>A country's scorecard against the country's previous validated cycle, and its scores over every cycle.</summary>
/// <param name="Cycles">Oldest first: the earlier cycles with a validated score for the country, then this cycle.</param>
public sealed record CountryTrend(IReadOnlyList<string> Cycles, VersionComparison Comparison, ItemTrend Overall,
    IReadOnlyList<ItemTrend> Domains, IReadOnlyList<ItemTrend> Capabilities)
{
    public ItemTrend? Domain(string key) => Domains.FirstOrDefault(d => d.Key == key);

    public ItemTrend? Capability(string key) => Capabilities.FirstOrDefault(c => c.Key == key);
}

/// <summary>A mean of an area in the previous cycle and in this one (null statistics: the item is not in that version).</summary>
public sealed record MeanChange(string Key, Statistics? Previous, Statistics? Current, bool Compared)
{
    public double? Change => Compared ? Trends.Difference(Previous?.Mean, Current?.Mean) : null;
}

/// <summary>Countries at one stage of the overall index, previously and now (null: suppressed, or not compared).</summary>
public sealed record StageShift(Stage Stage, int? Previous, int? Current);

public sealed record AreaTrend(string? Region, MeanChange Overall, IReadOnlyList<MeanChange> Domains, IReadOnlyList<MeanChange> Capabilities,
    IReadOnlyList<StageShift> Stages);

/// <summary>An area's participation in one cycle.</summary>
public sealed record Participation(int MemberStates, int Submitted, int Validated, double? Rate);

/// <summary>One country's overall index in each cycle of <see cref="AreaTrends.MatrixCycles"/>.</summary>
public sealed record CountryCycles(string Iso3, string Name, IReadOnlyList<double?> Overall);

/// <summary>A regional or global report against the previous cycle, participation over every cycle and, named, the countries × cycles view.</summary>
/// <param name="Cycles">Every cycle of the questionnaire up to this one, oldest first (the columns of <see cref="Participation"/>).</param>
/// <param name="Participation">Per area of <see cref="ReportData.Areas"/> (same order), one entry per cycle of <see cref="Cycles"/>.</param>
/// <param name="MatrixCycles">Cycles whose results were published by name (this one last); empty when the report lists no country.</param>
public sealed record AreaTrends(VersionComparison Comparison, IReadOnlyList<AreaTrend> Areas, IReadOnlyList<string> Cycles,
    IReadOnlyList<IReadOnlyList<Participation>> Participation, IReadOnlyList<string> MatrixCycles, IReadOnlyList<CountryCycles> Matrix);

/// <summary>
/// Change between cycles, computed from stored figures only: a country's validated snapshots, or the aggregates of
/// the stored snapshots of every country (docs/scoring.md). Pure, so pages, reports, the API and public pages agree.
/// </summary>
public static class Trends
{
    /// <summary>Current − previous on the scores' decimal values (so 50.05 − 50 is 0.05, not 0.049999…); null unless both exist.</summary>
    public static double? Difference(double? previous, double? current) =>
        ScoreDisplay.Exact(previous) is { } p && ScoreDisplay.Exact(current) is { } c ? (double)(c - p) : null;

    /// <summary>A change with its sign and one decimal, rounded half away from zero ("+3.2", "-0.5", "0.0"); "–" for none.</summary>
    public static string FormatChange(double? change, IFormatProvider? culture = null)
    {
        if (ScoreDisplay.Exact(change) is not { } value) return "–";
        var rounded = Math.Round(value, 1, MidpointRounding.AwayFromZero);
        return rounded.ToString("+0.0;-0.0;0.0", culture ?? CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// A country's trend: this cycle's scorecard (null until validated) against its latest earlier validated
    /// snapshot; null when the country has none. <paramref name="earlier"/> oldest first, each with its snapshot or null.
    /// </summary>
    public static CountryTrend? ForCountry(QuestionnaireDefinition definition, string version, string cycleName, Scorecard? card,
        IEnumerable<(string Cycle, QuestionnaireDefinition Definition, string Version, Scorecard? Card)> earlier)
    {
        var points = earlier.Where(e => e.Card is not null).ToList();
        if (points.Count == 0) return null;
        var previous = points[^1];
        var comparison = VersionComparison.Of(previous.Cycle, definition, version, previous.Definition, previous.Version);
        var all = points.Append((cycleName, definition, version, card)).ToList();

        ItemTrend Item(string key, Func<Scorecard, (double? Score, string? Stage)?> find, bool compared)
        {
            var before = find(previous.Card!);
            var now = card is null ? null : find(card);
            return new ItemTrend(key, before?.Score, now?.Score, Stage(previous.Definition, before?.Stage), Stage(definition, now?.Stage), compared,
                [.. all.Select(p => p.Item4 is { } c ? find(c)?.Score : null)]);
        }
        var domains = definition.Domains.Where(d => d.Scored).ToList();
        return new CountryTrend([.. all.Select(p => p.Item1)], comparison,
            Item("overall", c => (c.Overall, c.Stage), comparison.OverallCompared),
            [.. domains.Select(d => Item(d.Key, c => c.FindDomain(d.Key) is { } x ? (x.Score, x.Stage) : null, comparison.Shares(d.Key)))],
            [.. domains.SelectMany(d => d.Capabilities).Where(c => c.IsScored)
                .Select(k => Item(k.Key, c => c.FindCapability(k.Key) is { } x ? (x.Score, x.Stage) : null, comparison.Shares(k.Key)))]);
    }

    /// <summary>The change of every area's means and distribution over stages against the previous cycle's aggregates.</summary>
    public static IReadOnlyList<AreaTrend> ForAreas(QuestionnaireDefinition definition, IEnumerable<AreaAggregate> areas, AggregateReport previous,
        VersionComparison comparison)
    {
        static Statistics? Find(IReadOnlyList<KeyedStatistics> items, string key) => items.FirstOrDefault(i => i.Key == key)?.Statistics;
        var domains = definition.Domains.Where(d => d.Scored).ToList();
        var capabilities = domains.SelectMany(d => d.Capabilities).Where(c => c.IsScored).ToList();
        return [.. areas.Select(area =>
        {
            var before = area.Region is null ? previous.Global : previous.FindRegion(area.Region);
            MeanChange Mean(string key, Statistics? now, Func<AreaAggregate, Statistics?> then, bool compared) =>
                new(key, compared && before is not null ? then(before) : null, now, compared);
            var stages = definition.Stages.Select(stage => new StageShift(stage,
                comparison.OverallCompared ? before?.Overall.StageCounts?.FirstOrDefault(s => s.Stage == stage.Key)?.Countries : null,
                area.Overall.StageCounts?.FirstOrDefault(s => s.Stage == stage.Key)?.Countries)).ToList();
            return new AreaTrend(area.Region, Mean("overall", area.Overall, b => b.Overall, comparison.OverallCompared),
                [.. domains.Select(d => Mean(d.Key, Find(area.Domains, d.Key), b => Find(b.Domains, d.Key), comparison.Shares(d.Key)))],
                [.. capabilities.Select(c => Mean(c.Key, Find(area.Capabilities, c.Key), b => Find(b.Capabilities, c.Key), comparison.Shares(c.Key)))],
                stages);
        })];
    }

    private static Stage? Stage(QuestionnaireDefinition definition, string? key) =>
        key is null ? null : definition.Stages.FirstOrDefault(s => s.Key == key);
}
