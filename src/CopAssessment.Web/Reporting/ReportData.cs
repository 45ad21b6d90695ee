using CopAssessment.Domain.Aggregation;
using CopAssessment.Domain.Questionnaires;

using QDomain = CopAssessment.Domain.Questionnaires.Domain;

namespace CopAssessment.Web.Reporting;

public enum ReportKind { Country, Regional, Global }

public enum ReportFormat { Pdf, Excel }

/// <param name="Name">Null in anonymised output: the builder strips it.</param>
public sealed record ReportCountry(
    string Iso3,
    string? Name,
    string Region,
    SubmissionStatus Status,
    Scorecard? Scorecard,
    IReadOnlyDictionary<string, AnswerValue> Answers,
    DateTimeOffset? ValidatedAt)
{
    /// <summary>
    /// Whether the report shows this country's answers and evidence (<see cref="Publication.ShowsAnswers"/>);
    /// when false <see cref="Answers"/> and <see cref="Evidence"/> are empty.
    /// </summary>
    public bool AnswersShown { get; init; }

    /// <summary>Evidence (web addresses, or uploaded files with their download address) by question key.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<ReportEvidence>> Evidence { get; init; } = new Dictionary<string, IReadOnlyList<ReportEvidence>>();
}

/// <summary>One piece of evidence: a web address, or an uploaded file (<paramref name="FileName"/>) and its absolute download address.</summary>
public sealed record ReportEvidence(string Url, string? FileName = null)
{
    /// <summary>
    /// As printed, where no link can be followed: the address, or the file name and its download address. The
    /// name is isolated (FSI…PDI): written right to left, or carrying a directional control from before uploads
    /// were cleaned, it would otherwise reorder the address after it.
    /// </summary>
    public string Text => FileName is null ? Url : $"{Bidi.Isolate(FileName)} — {Url}";
}

public sealed record ReportBestPractice(string Title, string? Country, string Summary, string? Url)
{
    /// <summary>ISO codes of the countries it comes from: the anonymised theme counts need them.</summary>
    public IReadOnlyList<string> CountryCodes { get; init; } = [];

    /// <summary>Keys of the MNR capabilities it serves, which place it in a theme (a domain).</summary>
    public IReadOnlyList<string> CapabilityKeys { get; init; } = [];
}

/// <summary>
/// Published practices of one theme (an MNR domain), for anonymised reports, which cannot list practices
/// because their texts name countries. Both counts are null when the practices come from fewer than
/// three countries.
/// </summary>
public sealed record ReportPracticeTheme(string DomainKey, int? Practices, int? Countries);

/// <summary>
/// Everything a report shows, built from domain objects only, so the Excel writer, the PDF view and the
/// tests read the same figures. Build it with <see cref="ReportBuilder"/>, which enforces the publication policy.
/// </summary>
public sealed record ReportData
{
    public required string Title { get; init; }
    public required ReportKind Kind { get; init; }
    /// <summary>The region of a regional report, or of the country of a scorecard.</summary>
    public string? RegionCode { get; init; }
    /// <summary>The cycle's title in the report's language.</summary>
    public required string CycleName { get; init; }

    /// <summary>
    /// <see cref="CycleName"/> for a workbook cell: isolated in right-to-left workbooks, where a cell may take the
    /// sheet's direction and show "2026 stocktaking" as "stocktaking 2026".
    /// </summary>
    public string CycleNameCell => IsRightToLeft ? Bidi.Isolate(CycleName) : CycleName;
    /// <summary>The cycle's first title: file names are the same whatever the report's language.</summary>
    public string? CycleFileName { get; init; }
    public required QuestionnaireDefinition Definition { get; init; }
    public required string VersionLabel { get; init; }
    public required PublicationMode Policy { get; init; }
    public required CultureInfo Culture { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }
    /// <summary>The countries shown one by one, sorted by ISO code; empty in anonymised regional/global reports.</summary>
    public required IReadOnlyList<ReportCountry> Countries { get; init; }
    public required AggregateReport Aggregate { get; init; }
    /// <summary>Published practices one by one; empty in anonymised regional and global reports, which carry <see cref="PracticeThemes"/>.</summary>
    public IReadOnlyList<ReportBestPractice> BestPractices { get; init; } = [];
    /// <summary>Anonymised regional and global reports: how many practices each theme has, instead of the list.</summary>
    public IReadOnlyList<ReportPracticeTheme> PracticeThemes { get; init; } = [];
    /// <summary>Region code → display name in the report's language.</summary>
    public IReadOnlyDictionary<string, string> RegionNames { get; init; } = new Dictionary<string, string>();
    /// <summary>Every member state's region: which shapes a region's area of the map covers.</summary>
    public IReadOnlyDictionary<string, string> CountryRegions { get; init; } = new Dictionary<string, string>();

    /// <summary>A scorecard against the country's previous validated cycle; null when it has none (or for other reports).</summary>
    public CountryTrend? CountryTrend { get; init; }

    /// <summary>A regional or global report against the previous cycle; null when there is none (or for scorecards).</summary>
    public AreaTrends? AreaTrends { get; init; }

    /// <summary>"Compared on 12 of 14 capabilities shared with 2025 stocktaking", or the same version's sentence.</summary>
    public string ComparisonText(VersionComparison comparison, IStringLocalizer L)
    {
        using var inCulture = CultureScope.Ui(Culture);
        var cycle = Bidi.Isolate(comparison.PreviousCycle);
        var text = comparison.Complete
            ? L["Compared with {0}: the same capabilities and domains.", cycle].Value
            : L.Plural(comparison.Capabilities, "Compared on {0} of {1} capability shared with {2}.", "Compared on {0} of {1} capabilities shared with {2}.",
                comparison.SharedCapabilities.ToString(Culture), comparison.Capabilities.ToString(Culture), cycle).Value;
        return comparison.OverallCompared ? text : text + " " + L["The overall index is not compared: the versions score different domains."].Value;
    }

    /// <summary>The arrow from the earlier to the later of two things, pointing the way the page reads.</summary>
    public string Arrow => IsRightToLeft ? "←" : "→";

    /// <summary>"Developing → Advanced" (stage names from each cycle's definition), or the one stage when it did not move.</summary>
    public string StageMove(ItemTrend item) => item.StageMoved
        ? $"{Text(item.PreviousStage!.Name)} {Arrow} {Text(item.CurrentStage!.Name)}"
        : item.CurrentStage is { } stage ? Text(stage.Name) : "–";

    public string FormatChange(double? change) => Trends.FormatChange(change, Culture);

    /// <summary>The small chart of one item over <paramref name="cycles"/>, labelled with each cycle's score for screen readers.</summary>
    public string TrendChart(IReadOnlyList<string> cycles, IReadOnlyList<double?> series, int width = 120, int height = 28) =>
        Pdf.Charts.Trend(series, Definition.Stages, IsRightToLeft, string.Join("; ", cycles.Zip(series, (c, v) => $"{c}: {Format(v)}")), width, height);

    public string Language => LocalizationSetup.Supported(Culture.Name) ?? Culture.Name;
    public bool IsRightToLeft => Culture.TextInfo.IsRightToLeft;
    public bool IsAnonymised => Policy == PublicationMode.Anonymised;

    /// <summary>The scorecard's country (country reports only).</summary>
    public ReportCountry? Focus => Kind == ReportKind.Country ? Countries.FirstOrDefault() : null;

    /// <summary>The figures of the report's own area: the region for regional reports and scorecards, else global.</summary>
    public AreaAggregate Area => RegionCode is { } region && Aggregate.FindRegion(region) is { } area ? area : Aggregate.Global;

    /// <summary>Areas shown side by side: every region plus global for a global report, else the region and global.</summary>
    public IReadOnlyList<AreaAggregate> Areas => Kind == ReportKind.Global
        ? [.. Aggregate.Regions, Aggregate.Global]
        : [Area, Aggregate.Global];

    public IEnumerable<QDomain> ScoredDomains => Definition.Domains.Where(d => d.Scored);

    public IEnumerable<Capability> ScoredCapabilities => ScoredDomains.SelectMany(d => d.Capabilities).Where(c => c.IsScored);

    /// <summary>
    /// The countries shown that have a validated score (those the aggregates count), by name as the report's
    /// language sorts it: the rows of a heat map, where unscored countries would be empty rows.
    /// </summary>
    public IReadOnlyList<ReportCountry> ScoredCountries() =>
        [.. Countries.Where(c => c.Scorecard is not null && c.Status.IsValidated())
            .OrderBy(c => c.Name ?? c.Iso3, StringComparer.Create(Culture, ignoreCase: false)).ThenBy(c => c.Iso3, StringComparer.Ordinal)];

    public string Text(LocalizedText? text) => text?.Get(Culture.Name) ?? "";

    public string AreaName(AreaAggregate area) => area.Region is null ? "" : RegionName(area.Region);

    /// <summary>A region's name in the report's language (the loader fills <see cref="RegionNames"/> with <c>L.Region</c>); its code when unknown.</summary>
    public string RegionName(string code) => RegionNames.GetValueOrDefault(code, code);

    public Stage? StageOf(string? key) => key is null ? null : Definition.Stages.FirstOrDefault(s => s.Key == key);

    public string StageName(string? key) => StageOf(key) is { } stage ? Text(stage.Name) : "–";

    public string Format(double? score) => ScoreDisplay.Format(score, Culture);

    /// <summary>An answer as a reader sees it: option labels in the report's language.</summary>
    public string AnswerText(Question question, AnswerValue? answer)
    {
        if (answer is null || !answer.IsAnswered) return "";
        if (answer.IsNotApplicable) return question.Options.FirstOrDefault(o => o.NotApplicable) is { } na ? Text(na.Label) : "n/a";
        return answer.Kind switch
        {
            AnswerKind.Option => question.FindOption(answer.OptionKey!) is { } option ? Text(option.Label) : answer.OptionKey!,
            AnswerKind.Options => string.Join("; ", question.Options.Where(o => answer.SelectedOptions.Contains(o.Key)).Select(o => Text(o.Label))),
            AnswerKind.Number => answer.NumberOrNull!.Value.ToString(Culture),
            AnswerKind.Date => answer.DateOrNull!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => answer.TextOrNull ?? "",
        };
    }
}
