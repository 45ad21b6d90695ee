using System.Globalization;
using CopAssessment.Domain.Aggregation;
using CopAssessment.Domain.Answers;
using CopAssessment.Domain.Questionnaires;
using CopAssessment.Domain.Scoring;
using CopAssessment.Domain.Workflow;
using CopAssessment.Web.Infrastructure.Localization;
using CopAssessment.Web.Reporting;
using Microsoft.Extensions.Localization;

namespace CopAssessment.Web.Tests.Reports;

/// <summary>
/// Deterministic report inputs without a database: the MNR sample definition, the 193 Member States and
/// generated answers (every question type, some not-applicable and unanswered), scored by the engine.
/// Shared with the benchmark project.
/// </summary>
public static class ReportTestData
{
    public static string RepositoryRoot() => CopAssessment.Tests.RepositoryPaths.Root;

    public static string ArtifactsDirectory() => CopAssessment.Tests.RepositoryPaths.Artifacts("reports");

    private static readonly Lazy<QuestionnaireDefinition> Mnr = new(() =>
        QuestionnaireDefinition.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "samples", "questionnaires", "mnr.json"))));

    public static QuestionnaireDefinition Definition => Mnr.Value;

    /// <summary>The MNR questionnaire with <paramref name="count"/> stages evenly spread over 0–100 instead of its four.</summary>
    public static QuestionnaireDefinition WithStages(int count)
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "samples", "questionnaires", "mnr.json")))!;
        var stages = new System.Text.Json.Nodes.JsonArray();
        for (var i = 0; i < count; i++)
        {
            stages.Add(new System.Text.Json.Nodes.JsonObject
            {
                ["key"] = $"stage{i}",
                ["name"] = new System.Text.Json.Nodes.JsonObject { ["en"] = $"Stage {i + 1}", ["fr"] = $"Étape {i + 1}", ["ar"] = $"المرحلة {i + 1}" },
                ["minScore"] = Math.Round(100.0 * i / count, 1),
            });
        }
        json["stages"] = stages;
        // Suggested actions are given per stage: one for each new stage.
        foreach (var capability in json["domains"]!.AsArray().SelectMany(d => d!["capabilities"]!.AsArray()))
        {
            if (capability!["suggestedActions"] is null) continue;
            var actions = new System.Text.Json.Nodes.JsonObject();
            for (var i = 0; i < count; i++) actions[$"stage{i}"] = new System.Text.Json.Nodes.JsonObject { ["en"] = $"Action {i + 1}", ["fr"] = $"Action {i + 1}", ["ar"] = $"إجراء {i + 1}" };
            capability["suggestedActions"] = actions;
        }
        return QuestionnaireDefinition.Parse(json.ToJsonString());
    }

    private static readonly Lazy<IReadOnlyList<(string Iso3, string Name, string Region)>> MemberStates = new(() =>
        File.ReadAllLines(Path.Combine(RepositoryRoot(), "samples", "itu-member-states.csv")).Skip(1)
            .Where(l => l.Length > 0).Select(ParseCsv).Select(f => (f[0], f[2], f[3])).ToList());

    public static IReadOnlyList<(string Iso3, string Name, string Region)> Countries => MemberStates.Value;

    public static IReadOnlyDictionary<string, string> CountryRegions => Countries.ToDictionary(c => c.Iso3, c => c.Region);

    public static readonly IReadOnlyDictionary<string, string> RegionNames = new Dictionary<string, string>
    {
        ["AFR"] = "Africa", ["AMS"] = "Americas", ["ARB"] = "Arab States", ["ASP"] = "Asia and the Pacific",
        ["CIS"] = "Commonwealth of Independent States", ["EUR"] = "Europe",
    };

    /// <summary>Answers for one country, the same every run for the same seed.</summary>
    public static Dictionary<string, AnswerValue> Answers(QuestionnaireDefinition definition, int seed)
    {
        var random = new Random(seed);
        // Each country leans towards a level, so scores spread over the stages.
        var lean = random.NextDouble();
        var answers = new Dictionary<string, AnswerValue>(StringComparer.Ordinal);
        foreach (var question in definition.Questions)
        {
            if (random.Next(25) == 0) continue;
            var options = question.Options.Where(o => !o.NotApplicable).ToList();
            AnswerValue? value = question.Type switch
            {
                QuestionType.YesPartialNo or QuestionType.Maturity or QuestionType.SingleChoice when question.AllowsNotApplicable && random.Next(15) == 0
                    => AnswerValue.NotApplicable,
                QuestionType.YesPartialNo or QuestionType.Maturity or QuestionType.SingleChoice when options.Count > 0
                    => AnswerValue.Option(Lean(options, lean, random).Key),
                QuestionType.MultipleChoice when options.Count > 0
                    => AnswerValue.Options(options.Where(_ => random.NextDouble() < lean).Select(o => o.Key).DefaultIfEmpty(options[0].Key)),
                QuestionType.Number => AnswerValue.Number(random.Next(0, 500)),
                QuestionType.Date => AnswerValue.Date(new DateOnly(2015 + random.Next(10), 1 + random.Next(12), 1 + random.Next(28))),
                QuestionType.Url => AnswerValue.Text($"https://example.org/doc/{seed}/{question.Key}"),
                QuestionType.Text or QuestionType.LongText => AnswerValue.Text($"Answer {question.Key} of country {seed}"),
                _ => null,
            };
            if (value is not null) answers[question.Key] = value;
        }
        return answers;
    }

    private static QuestionOption Lean(IReadOnlyList<QuestionOption> options, double lean, Random random)
    {
        // Options with scores: pick around the country's level; otherwise at random.
        var scored = options.Where(o => o.Score is not null).ToList();
        if (scored.Count == 0) return options[random.Next(options.Count)];
        var target = Math.Clamp(lean + (random.NextDouble() - 0.5) * 0.6, 0, 1);
        return scored.OrderBy(o => Math.Abs(o.Score!.Value - target)).First();
    }

    /// <summary>
    /// Every Member State with a status (mostly validated; every 7th submitted, every 11th draft, every 13th absent)
    /// and, once submitted, its scorecard. <paramref name="only"/> limits the participants.
    /// </summary>
    public static List<ReportSource> Sources(QuestionnaireDefinition? definition = null, Func<string, bool>? only = null)
    {
        definition ??= Definition;
        var sources = new List<ReportSource>();
        for (var i = 0; i < Countries.Count; i++)
        {
            var (iso3, name, region) = Countries[i];
            if (only is not null ? !only(iso3) : i % 13 == 5) continue;
            var status = only is not null ? SubmissionStatus.Validated
                : i % 11 == 3 ? SubmissionStatus.Draft
                : i % 7 == 2 ? SubmissionStatus.Submitted
                : SubmissionStatus.Validated;
            var answers = Answers(definition, Seed(iso3));
            var card = status == SubmissionStatus.Draft ? null : ScoringEngine.Score(definition, answers, ScoringMode.Submitted);
            sources.Add(new ReportSource(iso3, name, region, status, card, answers,
                status.IsValidated() ? new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero).AddHours(i) : null)
            {
                Evidence = new Dictionary<string, IReadOnlyList<ReportEvidence>> { ["pg.1.1"] = [new ReportEvidence($"https://example.org/evidence/{iso3}.pdf")] },
            });
        }
        return sources;
    }

    public static int Seed(string iso3) => iso3.Aggregate(17, (h, c) => h * 31 + c);

    public static ReportData Build(ReportKind kind, PublicationMode policy = PublicationMode.Named, string culture = "en",
        string? region = null, string? iso3 = null, List<ReportSource>? sources = null, IReadOnlyList<ReportBestPractice>? bestPractices = null,
        QuestionnaireDefinition? definition = null) =>
        ReportBuilder.Build(new ReportRequest
        {
            Kind = kind,
            RegionCode = region,
            CountryIso3 = iso3,
            Title = ReportTitles.For(kind, Localizer(), CopAssessment.Web.Infrastructure.Localization.LocalizationSetup.CultureFor(culture)),
            CycleName = "2026 stocktaking",
            Definition = definition ?? Definition,
            VersionLabel = (definition ?? Definition).Version,
            Policy = policy,
            Culture = CopAssessment.Web.Infrastructure.Localization.LocalizationSetup.CultureFor(culture),
            Sources = sources ?? Sources(definition),
            CountryRegions = CountryRegions,
            RegionNames = RegionNames,
            BestPractices = bestPractices ?? [],
            GeneratedAt = new DateTimeOffset(2026, 5, 4, 10, 30, 0, TimeSpan.Zero),
        });

    public static IStringLocalizer<Ui> Localizer() =>
        new UiLocalizer(new JsonStringLocalizer(JsonStringLocalizerFactory.Load(Path.Combine(RepositoryRoot(), "src", "CopAssessment.Web", "Resources"))));

    private sealed class UiLocalizer(IStringLocalizer inner) : IStringLocalizer<Ui>
    {
        public LocalizedString this[string name] => inner[name];
        public LocalizedString this[string name, params object[] arguments] => inner[name, arguments];
        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
    }

    private static string[] ParseCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return [.. fields];
    }
}
