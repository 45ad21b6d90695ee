using CopAssessment.Domain.Questionnaires;
using CopAssessment.Web.Reporting.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Validation;

namespace CopAssessment.Web.Tests.Reports;

public class ExcelReportTests
{
    private static readonly ExcelReportWriter Writer = new(ReportTestData.Localizer());

    [Theory]
    [InlineData(ReportKind.Global, PublicationMode.Named, "en")]
    [InlineData(ReportKind.Global, PublicationMode.Anonymised, "fr")]
    [InlineData(ReportKind.Regional, PublicationMode.Named, "ar")]
    [InlineData(ReportKind.Country, PublicationMode.Named, "en")]
    public void Workbook_is_valid_open_xml(ReportKind kind, PublicationMode policy, string culture)
    {
        var data = ReportTestData.Build(kind, policy, culture, region: kind == ReportKind.Regional ? "AFR" : null, iso3: kind == ReportKind.Country ? "KEN" : null);
        using var document = Open(Writer.Write(data));
        var errors = new OpenXmlValidator().Validate(document).Select(e => $"{e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Take(20)));
        Assert.Equal(data.Title, document.PackageProperties.Title);
        Assert.False(string.IsNullOrEmpty(document.PackageProperties.Creator));
        Assert.NotNull(document.PackageProperties.Created);
    }

    [Fact]
    public void Global_workbook_has_the_sheets_and_the_scoring_engines_numbers()
    {
        var sources = ReportTestData.Sources();
        var data = ReportTestData.Build(ReportKind.Global, sources: sources);
        using var document = Open(Writer.Write(data));

        var names = SheetNames(document);
        Assert.Equal(["Summary", "Domains", "Heat map", .. data.ScoredDomains.Select(d => d.Name.Get("en")), "Answers", "Best practices", "About"],
            names.Select(n => n).ToList());

        // Heat map: one row per country, the engine's unrounded values in numeric cells.
        var heat = Read(document, "Heat map");
        var capabilities = data.ScoredCapabilities.ToList();
        foreach (var iso3 in new[] { "KEN", "FRA", "BRA", "EGY", "JPN" })
        {
            var source = sources.Single(s => s.Iso3 == iso3);
            var row = heat.RowOf(0, iso3);
            Assert.Equal(source.Name, heat.Text(row, 1));
            if (source.Scorecard is null) { Assert.Null(heat.Number(row, 4)); continue; }
            Assert.Equal(source.Scorecard.Overall!.Value, heat.Number(row, 4)!.Value, 9);
            for (var i = 0; i < capabilities.Count; i++)
            {
                Assert.Equal(source.Scorecard.FindCapability(capabilities[i].Key)!.Score!.Value, heat.Number(row, 5 + i)!.Value, 9);
            }
        }

        // Domains: regional means equal an independent computation over the validated scorecards.
        var domains = Read(document, "Domains");
        foreach (var (region, domainKey) in new[] { ("AFR", "policy"), ("EUR", "justice"), ("ASP", "industry") })
        {
            var validated = sources.Where(s => s.Region == region && s.Status is Domain.Workflow.SubmissionStatus.Validated).ToList();
            var expected = validated.Average(s => s.Scorecard!.FindDomain(domainKey)!.Score!.Value);
            var domainName = data.Definition.Domains.Single(d => d.Key == domainKey).Name.Get("en");
            var row = domains.Rows.Single(r => domains.Text(r, 0) == domainName && domains.Text(r, 1) == ReportTestData.RegionNames[region]);
            Assert.Equal(validated.Count, (int)domains.Number(row, 2)!.Value);
            Assert.Equal(expected, domains.Number(row, 3)!.Value, 9);
            Assert.Equal(validated.Min(s => s.Scorecard!.FindDomain(domainKey)!.Score!.Value), domains.Number(row, 5)!.Value, 9);
        }

        // Summary: participation as a fraction with a percent format.
        var summary = Read(document, "Summary");
        var global = summary.RowOf(0, "Global");
        Assert.Equal(sources.Count(s => s.Status != Domain.Workflow.SubmissionStatus.Draft) / 193.0, summary.Number(global, 4)!.Value, 9);
        Assert.Equal((uint)XStyle.Percent, summary.Style(global, 4));
        Assert.Equal((uint)XStyle.Score, summary.Style(global, 6));

        // Answers: one row per country, typed values.
        var answers = Read(document, "Answers");
        var ken = answers.RowOf(0, "KEN");
        var kenya = sources.Single(s => s.Iso3 == "KEN").Answers!;
        var numberQuestion = data.Definition.Questions.First(q => q.Type == Domain.Questionnaires.QuestionType.Number && kenya.ContainsKey(q.Key));
        var column = answers.ColumnOf(1, numberQuestion.Key);
        Assert.Equal((double)kenya[numberQuestion.Key].NumberOrNull!.Value, answers.Number(ken, column));
    }

    [Fact]
    public void Heat_map_is_frozen_filtered_and_coloured_by_stage()
    {
        using var document = Open(Writer.Write(ReportTestData.Build(ReportKind.Regional, region: "EUR")));
        var part = SheetPart(document, "Heat map");
        var pane = part.Worksheet.Descendants<Pane>().Single();
        Assert.Equal(1d, pane.VerticalSplit!.Value);
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.NotNull(part.Worksheet.Descendants<AutoFilter>().SingleOrDefault());
        var rules = part.Worksheet.Descendants<ConditionalFormattingRule>().ToList();
        Assert.Equal(4, rules.Count);
        Assert.Contains(rules, r => r.InnerText.Contains(">=75"));
        Assert.NotEmpty(part.Worksheet.Descendants<Column>());
    }

    [Fact]
    public void Anonymised_workbook_names_no_country_and_suppresses_small_groups()
    {
        // Two validated countries in CIS, plenty elsewhere.
        var sources = ReportTestData.Sources(only: iso3 => ReportTestData.CountryRegions[iso3] != "CIS" || iso3 is "RUS" or "KAZ");
        var data = ReportTestData.Build(ReportKind.Global, PublicationMode.Anonymised, sources: sources,
            bestPractices: [new ReportBestPractice("Helpline", "Kenya", "A national helpline.", null)]);
        using var document = Open(Writer.Write(data));
        var texts = SheetNames(document).SelectMany(n => Read(document, n).AllTexts()).ToList();
        foreach (var (iso3, name, _) in ReportTestData.Countries)
        {
            var pattern = new Regex($@"\b{Regex.Escape(name)}\b");
            Assert.DoesNotContain(texts, t => pattern.IsMatch(t) || t == iso3);
        }

        var heat = Read(document, "Heat map");
        var cis = heat.RowOf(0, ReportTestData.RegionNames["CIS"]);
        Assert.Equal(2, (int)heat.Number(cis, 1)!.Value);
        Assert.Null(heat.Number(cis, 2));
        Assert.All(Enumerable.Range(3, data.ScoredCapabilities.Count()), c => Assert.Null(heat.Number(cis, c)));
        var eur = heat.RowOf(0, ReportTestData.RegionNames["EUR"]);
        Assert.NotNull(heat.Number(eur, 2));
    }

    [Fact]
    public void Anonymised_workbook_counts_best_practices_per_theme_and_lists_none_of_them()
    {
        // Three countries' practices on education (Society), one country's on leadership (Policy).
        var practices = new[] { ("KEN", "Kenya", "so.13.education"), ("GHA", "Ghana", "so.13.education"), ("NGA", "Nigeria", "so.13.education"), ("KEN", "Kenya", "pg.1.leadership") }
            .Select((p, i) => new ReportBestPractice($"Online safety lessons in {p.Item2} ({i})", p.Item2, $"Every school of {p.Item2} teaches it.", $"/best-practices/{i}")
            {
                CountryCodes = [p.Item1], CapabilityKeys = [p.Item3],
            }).ToList();

        using (var named = Open(Writer.Write(ReportTestData.Build(ReportKind.Global, bestPractices: practices))))
        {
            Assert.Contains(practices[0].Title, Read(named, "Best practices").AllTexts());
        }

        foreach (var (kind, region) in new[] { (ReportKind.Global, (string?)null), (ReportKind.Regional, "AFR") })
        {
            using var document = Open(Writer.Write(ReportTestData.Build(kind, PublicationMode.Anonymised, region: region, bestPractices: practices)));
            var sheet = Read(document, "Best practices");
            var texts = sheet.AllTexts().ToList();
            Assert.DoesNotContain(texts, t => t.Contains("Kenya") || t.Contains("Ghana") || t.Contains("Nigeria") || t.Contains("Online safety"));
            var society = sheet.RowOf(0, "Society");
            Assert.Equal(3, sheet.Number(society, 1));
            Assert.Equal(3, sheet.Number(society, 2));
            // One country's practice is a figure about that country: left empty.
            var policy = sheet.RowOf(0, "Policy and governance");
            Assert.Null(sheet.Number(policy, 1));
            Assert.Null(sheet.Number(policy, 2));
        }
    }

    [Fact]
    public void A_mean_of_exactly_a_half_is_written_as_that_half_so_its_one_decimal_format_rounds_it_up()
    {
        // Four validated countries whose overall indices average to exactly 81.25 (81.24999999999999 summed as doubles).
        static Scorecard Card(double overall) => new("mnr", "1", ScoringMode.Submitted, overall, null, new Completeness(1, 1), []);
        var sources = new[] { ("KEN", 75.0), ("GHA", 500 / 6.0), ("NGA", 500 / 6.0), ("SEN", 500 / 6.0) }
            .Select(c => new ReportSource(c.Item1, c.Item1, "AFR", SubmissionStatus.Validated, Card(c.Item2))).ToList();
        var data = ReportTestData.Build(ReportKind.Global, sources: sources);
        using var document = Open(Writer.Write(data));

        var summary = Read(document, "Summary");
        foreach (var area in new[] { "Global", ReportTestData.RegionNames["AFR"] })
        {
            Assert.Equal(81.25, summary.Number(summary.RowOf(0, area), 6));
            Assert.Equal((uint)XStyle.Score, summary.Style(summary.RowOf(0, area), 6));
        }
        Assert.Equal("81.3", data.Format(data.Aggregate.Global.Overall.Mean));
        // A single score carrying binary noise is written as the decimal it stands for.
        Assert.Equal(62.25, XCell.Score(62.250000000000007).Number);
        Assert.Equal(48.75, XCell.Score(48.74999999999999).Number);
    }

    [Theory]
    [InlineData(ReportKind.Country)]
    [InlineData(ReportKind.Global)]
    public void Number_and_date_answers_are_typed_cells(ReportKind kind)
    {
        var sources = ReportTestData.Sources();
        var data = ReportTestData.Build(kind, iso3: kind == ReportKind.Country ? "KEN" : null, sources: sources);
        using var document = Open(Writer.Write(data));
        var answers = Read(document, "Answers");
        var kenya = sources.Single(s => s.Iso3 == "KEN").Answers!;
        var number = data.Definition.Questions.First(q => kenya.GetValueOrDefault(q.Key) is { Kind: AnswerKind.Number, IsNotApplicable: false });
        var date = data.Definition.Questions.First(q => kenya.GetValueOrDefault(q.Key) is { Kind: AnswerKind.Date, IsNotApplicable: false });
        var text = data.Definition.Questions.First(q => q.Type == QuestionType.Text && kenya.GetValueOrDefault(q.Key) is { Kind: AnswerKind.Text });

        // The scorecard has one row per question (answer in column D); the cycle workbook one row per country, one column per question.
        (int Row, int Column) Cell(Question q) => kind == ReportKind.Country
            ? (answers.RowOf(0, q.Key), 3)
            : (answers.RowOf(0, "KEN"), answers.ColumnOf(1, q.Key));

        var (row, column) = Cell(number);
        Assert.Equal((double)kenya[number.Key].NumberOrNull!.Value, answers.Number(row, column));
        (row, column) = Cell(date);
        Assert.Equal(kenya[date.Key].DateOrNull!.Value.ToDateTime(TimeOnly.MinValue).ToOADate(), answers.Number(row, column));
        Assert.Equal("yyyy-mm-dd", NumberFormatOf(document, answers.Style(row, column)));
        (row, column) = Cell(text);
        Assert.Equal(kenya[text.Key].TextOrNull, answers.Text(row, column));
    }

    private static string? NumberFormatOf(SpreadsheetDocument document, uint? style)
    {
        var stylesheet = document.WorkbookPart!.WorkbookStylesPart!.Stylesheet;
        var formatId = stylesheet.CellFormats!.Elements<CellFormat>().ElementAt((int)(style ?? 0)).NumberFormatId!.Value;
        return stylesheet.NumberingFormats!.Elements<NumberingFormat>().SingleOrDefault(f => f.NumberFormatId!.Value == formatId)?.FormatCode?.Value;
    }

    internal static SpreadsheetDocument Open(byte[] bytes) => SpreadsheetDocument.Open(new MemoryStream(bytes), false);

    internal static List<string> SheetNames(SpreadsheetDocument document) =>
        document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();

    private static WorksheetPart SheetPart(SpreadsheetDocument document, string name)
    {
        var sheet = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == name);
        return (WorksheetPart)document.WorkbookPart.GetPartById(sheet.Id!);
    }

    internal static SheetContent Read(SpreadsheetDocument document, string name) => new(SheetPart(document, name));

    internal sealed class SheetContent
    {
        private readonly Dictionary<(int Row, int Column), Cell> _cells = [];

        public SheetContent(WorksheetPart part)
        {
            foreach (var cell in part.Worksheet.Descendants<Cell>())
            {
                var reference = cell.CellReference!.Value!;
                var letters = new string(reference.TakeWhile(char.IsLetter).ToArray());
                var column = letters.Aggregate(0, (acc, c) => acc * 26 + (c - 'A' + 1)) - 1;
                _cells[(int.Parse(reference[letters.Length..]), column)] = cell;
            }
        }

        public IEnumerable<int> Rows => _cells.Keys.Select(k => k.Row).Distinct().Order();

        public string? Text(int row, int column) =>
            _cells.TryGetValue((row, column), out var cell) && cell.DataType?.Value == CellValues.InlineString ? cell.InlineString!.InnerText : null;

        public double? Number(int row, int column) =>
            _cells.TryGetValue((row, column), out var cell) && cell.DataType is null && cell.CellValue is { } value
                ? double.Parse(value.Text, System.Globalization.CultureInfo.InvariantCulture) : null;

        public uint? Style(int row, int column) => _cells.TryGetValue((row, column), out var cell) ? cell.StyleIndex?.Value : null;

        public int RowOf(int column, string text) => Rows.First(r => Text(r, column) == text);

        public int ColumnOf(int row, string text) => _cells.Keys.Where(k => k.Row == row).Select(k => k.Column).First(c => Text(row, c) == text);

        public IEnumerable<string> AllTexts() => _cells.Values.Where(c => c.DataType?.Value == CellValues.InlineString).Select(c => c.InlineString!.InnerText);
    }
}
