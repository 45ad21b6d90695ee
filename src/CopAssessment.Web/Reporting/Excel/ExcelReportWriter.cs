using CopAssessment.Domain.Aggregation;
using CopAssessment.Domain.Questionnaires;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

using QDomain = CopAssessment.Domain.Questionnaires.Domain;

namespace CopAssessment.Web.Reporting.Excel;

/// <summary>
/// Writes a report as an .xlsx workbook: Summary, Domains, Heat map, one sheet per scored domain, Answers,
/// Best practices, About. Scores are numeric cells holding the scoring engine's unrounded value, shown
/// with one decimal; rates are fractions shown as percentages.
/// </summary>
public sealed class ExcelReportWriter(IStringLocalizer<Ui> L)
{
    public byte[] Write(ReportData data)
    {
        using var stream = new MemoryStream();
        Write(data, stream);
        return stream.ToArray();
    }

    public void Write(ReportData data, Stream output)
    {
        using var inCulture = CultureScope.Ui(data.Culture);
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        document.PackageProperties.Title = data.Title;
        document.PackageProperties.Creator = L["ITU Child Online Protection Secretariat"];
        document.PackageProperties.Created = data.GeneratedAt.UtcDateTime;
        document.PackageProperties.Language = data.Culture.Name;
        document.PackageProperties.Subject = data.CycleName;

        var workbookPart = document.AddWorkbookPart();
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Styles.Create(data.Definition.Stages);
        styles.Stylesheet.Save();

        var sheets = new List<(string Name, string RelationshipId, string? Filter)>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Sheet(string name, Func<WorksheetPart, string?> write)
        {
            var part = workbookPart.AddNewPart<WorksheetPart>();
            var filter = write(part);
            sheets.Add((UniqueName(name, names), workbookPart.GetIdOfPart(part), filter));
        }

        Sheet(L["Summary"], part => Summary(part, data));
        Sheet(L["Domains"], part => Domains(part, data));
        Sheet(L["Heat map"], part => HeatMap(part, data));
        if (data.CountryTrend is not null || data.AreaTrends is not null) Sheet(L["Trends"], part => TrendSheet(part, data));
        foreach (var domain in data.ScoredDomains)
        {
            Sheet(data.Text(domain.Name), part => DomainDetail(part, data, domain));
        }
        Sheet(L["Answers"], part => Answers(part, data));
        Sheet(L["Best practices"], part => BestPractices(part, data));
        Sheet(L["About"], part => About(part, data));

        var sheetElements = new Sheets();
        var definedNames = new DefinedNames();
        for (var i = 0; i < sheets.Count; i++)
        {
            var (name, id, filter) = sheets[i];
            sheetElements.Append(new Sheet { Name = name, SheetId = (uint)(i + 1), Id = id });
            if (filter is not null)
            {
                // What Excel itself writes for an auto-filter; some readers need it to show the buttons.
                definedNames.Append(new DefinedName($"'{name.Replace("'", "''")}'!{Absolute(filter)}")
                {
                    Name = "_xlnm._FilterDatabase", LocalSheetId = (uint)i, Hidden = true,
                });
            }
        }
        var workbook = new Workbook(new BookViews(new WorkbookView { ActiveTab = 0U }), sheetElements);
        if (definedNames.HasChildren) workbook.Append(definedNames);
        workbookPart.Workbook = workbook;
        workbookPart.Workbook.Save();
    }

    private string? Summary(WorksheetPart part, ReportData data)
    {
        var stages = data.Definition.Stages;
        using var sheet = new SheetWriter(part, [28, 16, 14, 14, 16, 14, 14, 12, 12, 12, .. stages.Select(_ => 12d)], frozenRows: 0, rightToLeft: data.IsRightToLeft);
        sheet.Row(XCell.Str(data.Title, XStyle.Title));
        sheet.Row(XCell.Str(L["Cycle"], XStyle.Label), data.CycleNameCell);
        sheet.Row(XCell.Str(L["Questionnaire"], XStyle.Label), $"{data.Text(data.Definition.Title)} ({data.VersionLabel})");
        sheet.Row(XCell.Str(L["Publication policy"], XStyle.Label), L.Explained(data.Policy).Value);
        sheet.Row(XCell.Str(L["Generated (UTC)"], XStyle.Label), XCell.DateTime(data.GeneratedAt));
        sheet.Blank();

        if (data.Focus is { } country)
        {
            sheet.Row(Headers(L["Country"], L["Region"], L["Status"], L["Validated (UTC)"], L["Overall index"], L["Stage"], L["Completeness"]));
            sheet.Row(country.Name ?? country.Iso3, data.RegionName(country.Region), L.Label(country.Status).Value,
                XCell.DateTime(country.ValidatedAt), XCell.Score(country.Scorecard?.Overall), data.StageName(country.Scorecard?.Stage),
                XCell.Percent(country.Scorecard?.Completeness.Ratio));
            sheet.Blank();
        }

        var headerRow = sheet.CurrentRow + 1;
        sheet.Row(Headers([L["Area"], L["Member States"], L["Submitted"], L["Validated"], L["Participation rate"], L["Countries scored"],
            L["Mean"], L["Median"], L["Minimum"], L["Maximum"], .. stages.Select(s => data.Text(s.Name))]));
        foreach (var area in data.Areas)
        {
            sheet.Row([area.Region is null ? L["Global"] : data.AreaName(area), XCell.Int(area.MemberStates), XCell.Int(area.Submitted),
                XCell.Int(area.Validated), XCell.Percent(area.ParticipationRate), .. StatisticsCells(area.Overall, stages)]);
        }
        sheet.End($"A{headerRow}:{SheetWriter.Column(9 + stages.Count)}{sheet.CurrentRow}");
        return $"A{headerRow}:{SheetWriter.Column(9 + stages.Count)}{headerRow + data.Areas.Count}";
    }

    private string? Domains(WorksheetPart part, ReportData data)
    {
        var stages = data.Definition.Stages;
        if (data.Focus is { } country)
        {
            using var single = new SheetWriter(part, [40, 12, 16, 14, 16, 16], frozenRows: 1, rightToLeft: data.IsRightToLeft);
            single.Row(Headers(L["Domain"], L["Score"], L["Stage"], L["Completeness"], L["Regional mean"], L["Global mean"]));
            foreach (var domain in data.ScoredDomains)
            {
                var score = country.Scorecard?.FindDomain(domain.Key);
                single.Row(data.Text(domain.Name), XCell.Score(score?.Score), data.StageName(score?.Stage), XCell.Percent(score?.Completeness.Ratio),
                    XCell.Score(Find(data.Area.Domains, domain.Key)?.Mean), XCell.Score(Find(data.Aggregate.Global.Domains, domain.Key)?.Mean));
            }
            var range = $"A1:F{single.CurrentRow}";
            single.End(range);
            return range;
        }

        using var sheet = new SheetWriter(part, [40, 16, 12, 12, 12, 12, 12, .. stages.Select(_ => 12d)], frozenRows: 1, rightToLeft: data.IsRightToLeft);
        sheet.Row(Headers([L["Domain"], L["Area"], L["Countries scored"], L["Mean"], L["Median"], L["Minimum"], L["Maximum"], .. stages.Select(s => data.Text(s.Name))]));
        foreach (var domain in data.ScoredDomains)
        {
            foreach (var area in data.Areas)
            {
                sheet.Row([data.Text(domain.Name), area.Region is null ? L["Global"] : data.AreaName(area),
                    .. StatisticsCells(Find(area.Domains, domain.Key), stages)]);
            }
        }
        var filter = $"A1:{SheetWriter.Column(6 + stages.Count)}{sheet.CurrentRow}";
        sheet.End(filter);
        return filter;
    }

    private string? HeatMap(WorksheetPart part, ReportData data)
    {
        var capabilities = data.ScoredCapabilities.ToList();
        var stages = data.Definition.Stages;
        var named = data.Countries.Count > 0;
        var labelColumns = named ? 4 : 2;
        using var sheet = new SheetWriter(part,
            [.. (named ? new double[] { 8, 26, 10, 14 } : [22, 12]), 12, .. capabilities.Select(_ => 14d)],
            frozenRows: 1, frozenColumns: labelColumns, rightToLeft: data.IsRightToLeft);
        var labels = named ? new[] { L["ISO code"].Value, L["Country"], L["Region"], L["Status"] } : [L["Area"].Value, L["Countries scored"]];
        sheet.Row(Headers([.. labels, L["Overall index"], .. capabilities.Select(c => data.Text(c.Name))]));

        if (named)
        {
            foreach (var country in data.Countries)
            {
                var card = country.Scorecard;
                sheet.Row([country.Iso3, country.Name ?? "", data.RegionName(country.Region), L.Label(country.Status).Value, XCell.Score(card?.Overall),
                    .. capabilities.Select(c => XCell.Score(card?.FindCapability(c.Key)?.Score))]);
            }
        }
        if (!named || data.Kind == ReportKind.Country)
        {
            // Means, not countries: the anonymised heat map, and the comparison rows under a scorecard.
            foreach (var area in data.Areas)
            {
                var name = area.Region is null ? L["Global mean"].Value : data.AreaName(area);
                XCell[] head = named ? ["", name, area.Region is null ? "" : name, ""] : [name, XCell.Int(area.Overall.N)];
                sheet.Row([.. head, XCell.Score(area.Overall.Mean), .. capabilities.Select(c => XCell.Score(Find(area.Capabilities, c.Key)?.Mean))]);
            }
        }

        var lastColumn = SheetWriter.Column(labelColumns + capabilities.Count);
        var firstScore = SheetWriter.Column(labelColumns);
        var filter = $"A1:{lastColumn}{Math.Max(2, sheet.CurrentRow)}";
        sheet.End(filter, [Styles.StageColours($"{firstScore}2:{lastColumn}{Math.Max(2, sheet.CurrentRow)}", $"{firstScore}2", stages)]);
        return filter;
    }

    /// <summary>
    /// Change since the previous cycle. A scorecard: each item's previous and current score, the change, the stage
    /// move and its score in every cycle. A regional or global report: means and stages against the previous cycle,
    /// participation by cycle and, for named publications, the countries × cycles view.
    /// </summary>
    private string? TrendSheet(WorksheetPart part, ReportData data)
    {
        var comparison = data.CountryTrend?.Comparison ?? data.AreaTrends!.Comparison;
        string Cell(string title) => data.IsRightToLeft ? Bidi.Isolate(title) : title;
        using var sheet = new SheetWriter(part, [40, 28, 16, 16, 14, 16, 16, 16, 16, 16, 16, 16], rightToLeft: data.IsRightToLeft);
        sheet.Row(XCell.Str(L["Change since the previous cycle"], XStyle.Title));
        sheet.Row(XCell.Str(data.ComparisonText(comparison, L), XStyle.Wrap));
        sheet.Blank();
        XCell ChangeCell(bool compared, double? change) => compared ? XCell.Score(change) : XCell.Str(L["not compared"]);

        if (data.CountryTrend is { } trend)
        {
            sheet.Row(Headers([L["Item"], L["Level"], Cell(comparison.PreviousCycle), data.CycleNameCell, L["Change in score"], L["Previous stage"], L["Stage"],
                .. trend.Cycles.Select(Cell)]));
            void Item(ItemTrend item, string name, string level) => sheet.Row([name, level, item.Compared ? XCell.Score(item.Previous) : XCell.Empty,
                XCell.Score(item.Current), ChangeCell(item.Compared, item.Change), item.Compared ? data.StageName(item.PreviousStage?.Key) : "",
                data.StageName(item.CurrentStage?.Key), .. item.Series.Select(XCell.Score)]);
            Item(trend.Overall, L["Overall index"], "");
            foreach (var domain in data.ScoredDomains)
            {
                if (trend.Domain(domain.Key) is { } d) Item(d, data.Text(domain.Name), L["Domain"]);
            }
            foreach (var capability in data.ScoredCapabilities)
            {
                if (trend.Capability(capability.Key) is { } c) Item(c, data.Text(capability.Name), L["Capability"]);
            }
            sheet.End();
            return null;
        }

        var trends = data.AreaTrends!;
        string AreaLabel(string? region) => region is null ? L["Global"] : data.RegionName(region);
        sheet.Row(XCell.Str(L["Means"], XStyle.Label));
        sheet.Row(Headers(L["Area"], L["Item"], Cell(comparison.PreviousCycle), data.CycleNameCell, L["Change in score"], L["Countries scored"]));
        var names = data.ScoredDomains.ToDictionary(d => d.Key, d => data.Text(d.Name));
        foreach (var capability in data.ScoredCapabilities) names[capability.Key] = data.Text(capability.Name);
        foreach (var area in trends.Areas)
        {
            foreach (var mean in new[] { area.Overall }.Concat(area.Domains).Concat(area.Capabilities))
            {
                sheet.Row(AreaLabel(area.Region), mean.Key == "overall" ? L["Overall index"] : names[mean.Key], mean.Compared ? XCell.Score(mean.Previous?.Mean) : XCell.Empty,
                    XCell.Score(mean.Current?.Mean), ChangeCell(mean.Compared, mean.Change), XCell.Int(mean.Current?.N));
            }
        }
        sheet.Blank();
        sheet.Row(XCell.Str(L["Distribution over stages"], XStyle.Label));
        sheet.Row(Headers(L["Area"], L["Stage"], Cell(comparison.PreviousCycle), data.CycleNameCell));
        foreach (var area in trends.Areas)
        {
            foreach (var shift in area.Stages) sheet.Row(AreaLabel(area.Region), data.Text(shift.Stage.Name), XCell.Int(shift.Previous), XCell.Int(shift.Current));
        }
        sheet.Blank();
        sheet.Row(XCell.Str(L["Participation by cycle"], XStyle.Label));
        sheet.Row(Headers(L["Area"], L["Cycle"], L["Member States"], L["Submitted"], L["Validated"], L["Participation rate"]));
        for (var a = 0; a < trends.Areas.Count; a++)
        {
            for (var c = 0; c < trends.Cycles.Count; c++)
            {
                var p = trends.Participation[a][c];
                sheet.Row(AreaLabel(trends.Areas[a].Region), Cell(trends.Cycles[c]), XCell.Int(p.MemberStates), XCell.Int(p.Submitted), XCell.Int(p.Validated), XCell.Percent(p.Rate));
            }
        }
        if (trends.MatrixCycles.Count > 0)
        {
            sheet.Blank();
            sheet.Row(XCell.Str(L["Overall index by country and cycle"], XStyle.Label));
            sheet.Row(Headers([L["ISO code"], L["Country"], .. trends.MatrixCycles.Select(Cell)]));
            foreach (var country in trends.Matrix) sheet.Row([country.Iso3, country.Name, .. country.Overall.Select(XCell.Score)]);
        }
        sheet.End();
        return null;
    }

    private string? DomainDetail(WorksheetPart part, ReportData data, QDomain domain)
    {
        var stages = data.Definition.Stages;
        var capabilities = domain.Capabilities.Where(c => c.IsScored).ToList();
        if (data.Focus is { } country)
        {
            using var single = new SheetWriter(part, [36, 12, 16, 16, 16, 70], frozenRows: 1, rightToLeft: data.IsRightToLeft);
            single.Row(Headers(L["Capability"], L["Score"], L["Stage"], L["Regional mean"], L["Global mean"], L["Suggested action"]));
            foreach (var capability in capabilities)
            {
                var score = country.Scorecard?.FindCapability(capability.Key);
                var action = score?.Stage is { } stage && capability.SuggestedActions.TryGetValue(stage, out var text) ? data.Text(text) : "";
                single.Row(data.Text(capability.Name), XCell.Score(score?.Score), data.StageName(score?.Stage),
                    XCell.Score(Find(data.Area.Capabilities, capability.Key)?.Mean),
                    XCell.Score(Find(data.Aggregate.Global.Capabilities, capability.Key)?.Mean), XCell.Str(action, XStyle.Wrap));
            }
            var range = $"A1:F{single.CurrentRow}";
            single.End(range, [Styles.StageColours($"B2:B{Math.Max(2, single.CurrentRow)}", "B2", stages)]);
            return range;
        }

        using var sheet = new SheetWriter(part, [36, 16, 12, 12, 12, 12, 12, .. stages.Select(_ => 12d)], frozenRows: 1, rightToLeft: data.IsRightToLeft);
        sheet.Row(Headers([L["Capability"], L["Area"], L["Countries scored"], L["Mean"], L["Median"], L["Minimum"], L["Maximum"], .. stages.Select(s => data.Text(s.Name))]));
        foreach (var capability in capabilities)
        {
            foreach (var area in data.Areas)
            {
                sheet.Row([data.Text(capability.Name), area.Region is null ? L["Global"] : data.AreaName(area),
                    .. StatisticsCells(Find(area.Capabilities, capability.Key), stages)]);
            }
        }
        var filter = $"A1:{SheetWriter.Column(6 + stages.Count)}{Math.Max(2, sheet.CurrentRow)}";
        sheet.End(filter, [Styles.StageColours($"D2:D{Math.Max(2, sheet.CurrentRow)}", "D2", stages)]);
        return filter;
    }

    private string? Answers(WorksheetPart part, ReportData data)
    {
        var questions = data.Definition.Questions;
        if (data.Focus is { } country)
        {
            using var single = new SheetWriter(part, [12, 28, 60, 30, 12, 50], frozenRows: 1, rightToLeft: data.IsRightToLeft);
            single.Row(Headers(L["Question"], L["Capability"], L["Text"], L["Answer"], L["Score"], L["Evidence"]));
            foreach (var question in questions)
            {
                var capability = data.Definition.CapabilityOf(question.Key)!;
                var score = country.Scorecard?.FindQuestion(question.Key)?.Score;
                single.Row(question.Key, data.Text(capability.Name), XCell.Str(data.Text(question.Text), XStyle.Wrap),
                    ShownAnswerCell(data, question, country.Answers.GetValueOrDefault(question.Key)),
                    XCell.Score(score is { } s ? s * 100 : null),
                    XCell.Str(string.Join("\n", (country.Evidence.GetValueOrDefault(question.Key) ?? []).Select(e => e.Text)), XStyle.Wrap));
            }
            var range = $"A1:F{Math.Max(2, single.CurrentRow)}";
            single.End(range);
            return range;
        }

        using var sheet = new SheetWriter(part, [8, 26, .. questions.Select(q => q.Type is QuestionType.Text or QuestionType.LongText or QuestionType.Url ? 30d : 12d)],
            frozenRows: 1, frozenColumns: 2, rightToLeft: data.IsRightToLeft);
        sheet.Row(Headers([L["ISO code"], L["Country"], .. questions.Select(q => q.Key)]));
        if (data.IsAnonymised)
        {
            sheet.Row(L["Not published: this report follows the anonymised publication policy, so answers are not shown country by country."]);
            sheet.End();
            return null;
        }
        // Drafts and submissions still under review are not published: only validated answers have rows.
        var published = data.Countries.Where(c => c.AnswersShown).ToList();
        if (published.Count == 0)
        {
            sheet.Row(L["No validated submission yet: answers are published once a reviewer validates them."]);
            sheet.End();
            return null;
        }
        foreach (var row in published)
        {
            sheet.Row([row.Iso3, row.Name ?? "", .. questions.Select(q => AnswerCell(q, row.Answers.GetValueOrDefault(q.Key)))]);
        }
        var filter = $"A1:{SheetWriter.Column(1 + questions.Count)}{sheet.CurrentRow}";
        sheet.End(filter);
        return filter;
    }

    /// <summary>Typed: numbers and dates as numbers, choices as their option keys (stable across languages).</summary>
    private static XCell AnswerCell(Question question, AnswerValue? answer)
    {
        if (answer is null || !answer.IsAnswered) return XCell.Empty;
        if (answer.IsNotApplicable) return XCell.Str("n/a");
        return answer.Kind switch
        {
            AnswerKind.Number => XCell.Num((double)answer.NumberOrNull!.Value),
            AnswerKind.Date => XCell.Date(answer.DateOrNull),
            AnswerKind.Option => XCell.Str(answer.OptionKey),
            AnswerKind.Options => XCell.Str(string.Join(";", question.Options.Where(o => answer.SelectedOptions.Contains(o.Key)).Select(o => o.Key))),
            _ => XCell.Str(answer.TextOrNull),
        };
    }

    /// <summary>As the reader sees it (option labels in the report's language), but numbers and dates typed, as in <see cref="AnswerCell"/>.</summary>
    private static XCell ShownAnswerCell(ReportData data, Question question, AnswerValue? answer) =>
        answer is { IsNotApplicable: false } && answer.Kind is AnswerKind.Number or AnswerKind.Date
            ? AnswerCell(question, answer)
            : XCell.Str(data.AnswerText(question, answer), XStyle.Wrap);

    private string? BestPractices(WorksheetPart part, ReportData data)
    {
        if (data.IsAnonymised && data.Kind != ReportKind.Country) return PracticeThemes(part, data);
        using var sheet = new SheetWriter(part, [40, 20, 80, 40], frozenRows: 1, rightToLeft: data.IsRightToLeft);
        sheet.Row(Headers(L["Title"], L["Country"], L["Summary"], L["Link"]));
        if (data.BestPractices.Count == 0)
        {
            sheet.Row(L["No published best practice yet."]);
            sheet.End();
            return null;
        }
        foreach (var practice in data.BestPractices)
        {
            sheet.Row(XCell.Str(practice.Title, XStyle.Wrap), practice.Country ?? "", XCell.Str(practice.Summary, XStyle.Wrap), practice.Url ?? "");
        }
        var filter = $"A1:D{sheet.CurrentRow}";
        sheet.End(filter);
        return filter;
    }

    /// <summary>The anonymised form of the Best practices sheet: counts per theme, never a title (titles name countries).</summary>
    private string? PracticeThemes(WorksheetPart part, ReportData data)
    {
        using var sheet = new SheetWriter(part, [50, 18, 18], frozenRows: 1, rightToLeft: data.IsRightToLeft);
        sheet.Row(Headers(L["Theme"], L["Published practices"], L["Countries"]));
        foreach (var theme in data.PracticeThemes)
        {
            var domain = data.Definition.Domains.First(d => d.Key == theme.DomainKey);
            sheet.Row(data.Text(domain.Name), XCell.Int(theme.Practices), XCell.Int(theme.Countries));
        }
        var last = sheet.CurrentRow;
        sheet.Blank();
        sheet.Row(XCell.Str(L["Practices are counted, not listed: their titles and summaries name countries. Counts from fewer than three countries are left empty."], XStyle.Wrap));
        sheet.End($"A1:C{last}");
        return $"A1:C{last}";
    }

    private string? About(WorksheetPart part, ReportData data)
    {
        using var sheet = new SheetWriter(part, [30, 100], rightToLeft: data.IsRightToLeft);
        sheet.Row(XCell.Str(L["About this report"], XStyle.Title));
        void Line(string label, XCell value) => sheet.Row(XCell.Str(label, XStyle.Label), value);
        Line(L["Report"], data.Title);
        Line(L["Cycle"], data.CycleNameCell);
        Line(L["Questionnaire"], data.Text(data.Definition.Title));
        Line(L["Questionnaire key"], data.Definition.Key);
        Line(L["Version"], data.VersionLabel);
        Line(L["Publication policy"], L.Explained(data.Policy).Value);
        if (data.Kind != ReportKind.Country)
        {
            Line(L["Answers and evidence"], XCell.Str(data.IsAnonymised
                ? L["Not shown country by country (anonymised publication)."]
                : L["From validated submissions only; drafts and submissions under review are not published."], XStyle.Wrap));
        }
        Line(L["Language"], data.Culture.NativeName);
        Line(L["Generated (UTC)"], XCell.DateTime(data.GeneratedAt));
        sheet.Blank();
        sheet.Row(XCell.Str(L["Scoring rules"], XStyle.Label));
        foreach (var rule in ScoringRules(L))
        {
            sheet.Row("", XCell.Str(rule, XStyle.Wrap));
        }
        sheet.Blank();
        sheet.Row(XCell.Str(L["Stages"], XStyle.Label));
        foreach (var stage in data.Definition.Stages)
        {
            sheet.Row(data.Text(stage.Name), string.Format(CultureInfo.CurrentUICulture, L["from {0}"], stage.MinScore.ToString("0.#", data.Culture)));
        }
        sheet.End();
        return null;
    }

    /// <summary>The rules of docs/scoring.md in brief, shared with the PDF's methods page.</summary>
    public static IEnumerable<string> ScoringRules(IStringLocalizer L) =>
    [
        L["Each scored question yields 0 to 1: yes 1, partial 0.5, no 0; maturity level k of n scores k / (n − 1)."],
        L["A capability score is the weighted mean of its applicable scored questions, on 0–100; a domain score is the weighted mean of its capabilities; the overall index is the weighted mean of the scored domains."],
        L["Not-applicable answers leave the denominator; unanswered required questions count 0 once submitted."],
        L["The stage is the highest stage whose threshold the score reaches."],
        L["Regional and global figures use validated submissions; participation counts every submission past draft."],
        L["Scores are shown with one decimal, rounded half away from zero; the workbook holds the unrounded values."],
    ];

    private static XCell[] Headers(params string[] texts) => [.. texts.Select(XCell.Header)];

    private static XCell[] StatisticsCells(Statistics? statistics, IReadOnlyList<Stage> stages) =>
    [
        XCell.Int(statistics?.N), XCell.Score(statistics?.Mean), XCell.Score(statistics?.Median), XCell.Score(statistics?.Min), XCell.Score(statistics?.Max),
        .. stages.Select(s => XCell.Int(statistics?.StageCounts?.FirstOrDefault(c => c.Stage == s.Key)?.Countries)),
    ];

    private static Statistics? Find(IReadOnlyList<KeyedStatistics> items, string key) => items.FirstOrDefault(i => i.Key == key)?.Statistics;

    private static string Absolute(string range) =>
        string.Join(':', range.Split(':').Select(r => "$" + new string(r.TakeWhile(char.IsLetter).ToArray()) + "$" + new string(r.SkipWhile(char.IsLetter).ToArray())));

    /// <summary>A sheet name Excel accepts (no []:*?/\\, at most 31 characters), not yet in <paramref name="used"/>.</summary>
    public static string UniqueName(string name, HashSet<string> used)
    {
        var clean = new string(name.Where(c => c is not ('[' or ']' or ':' or '*' or '?' or '/' or '\\')).ToArray()).Trim('\'');
        if (clean.Length == 0) clean = "Sheet";
        if (clean.Length > SheetWriter.SheetNameLength) clean = clean[..SheetWriter.SheetNameLength];
        var candidate = clean;
        for (var i = 2; !used.Add(candidate); i++)
        {
            var suffix = $" ({i})";
            candidate = (clean.Length + suffix.Length > SheetWriter.SheetNameLength ? clean[..(SheetWriter.SheetNameLength - suffix.Length)] : clean) + suffix;
        }
        return candidate;
    }
}
