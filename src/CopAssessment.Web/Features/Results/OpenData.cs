using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using CopAssessment.Domain.Answers;
using CopAssessment.Web.Features.Assessments;
using CopAssessment.Web.Reporting;
using Cell = CopAssessment.Web.Features.Results.Csv.Cell;

namespace CopAssessment.Web.Features.Results;

/// <summary>A column of an open-data table, as the data dictionary describes it.</summary>
public sealed record Column(string Name, string Type, string Description);

public sealed record Table(string Name, IReadOnlyList<Column> Columns, IReadOnlyList<Cell[]> Rows);

/// <summary>A file ready to send: its bytes, type, the licence it is published under and its entity tag (a hash of the bytes).</summary>
public sealed record OpenDataFile(byte[] Body, string ContentType, string FileName, LicenceInfo Licence)
{
    public string ETag { get; } = "\"" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Body))[..32] + "\"";
}

/// <summary>
/// A published cycle's open data (decision 0019): the scores of every country (named) or region and the world, the
/// participation, the answers of a named cycle, and a data dictionary, as CSV and JSON, in one of the six languages
/// (names of places, measures and stages; codes and column names are the same in all). Made from
/// <see cref="PublicResults.LoadAsync"/>, the figures the page shows, so the publication rule is the page's.
/// </summary>
public sealed class OpenData(PublicResults results, CycleResults answers, IMemoryCache cache, IStringLocalizer<Ui> L)
{
    /// <summary>The rate-limiting policy of the files and the public API (docs/operations.md).</summary>
    public const string RateLimit = "open-data";

    public static readonly string[] Tables = ["scores", "participation", "answers"];

    /// <summary>The files of a cycle: each table as CSV and JSON, and the dictionary; answers only for a named cycle.</summary>
    public static IEnumerable<string> FileNames(bool named) =>
        [.. Tables.Where(t => named || t != "answers").SelectMany(t => new[] { t + ".csv", t + ".json" }), "dictionary.csv"];

    /// <summary>What a file holds, for the list of downloads.</summary>
    public static string Describe(IStringLocalizer L, string file) => file switch
    {
        "scores.csv" => L["Scores of every area and measure (CSV)"],
        "scores.json" => L["Scores of every area and measure (JSON)"],
        "participation.csv" => L["Participation by region (CSV)"],
        "participation.json" => L["Participation by region (JSON)"],
        "answers.csv" => L["Validated answers of every country (CSV)"],
        "answers.json" => L["Validated answers of every country (JSON)"],
        _ => L["Data dictionary: every column of every file, and the licence (CSV)"],
    };

    /// <summary>The file, or null when the cycle is not published, the file does not exist or (answers) the cycle is anonymised.</summary>
    public async Task<OpenDataFile?> FileAsync(int cycleId, string file, string? language)
    {
        if (LocalizationSetup.Supported(language ?? LocalizationSetup.Cultures[0]) is not { } culture) return null;
        var name = Path.GetFileNameWithoutExtension(file);
        var extension = Path.GetExtension(file);
        if (extension is not (".csv" or ".json") || (name == "dictionary" && extension != ".csv")) return null;
        if (!Tables.Contains(name) && name != "dictionary") return null;
        if (await results.LoadAsync(cycleId, culture) is not { } data) return null;
        if (name == "answers" && !data.Named) return null;
        // Built once per cycle version, file and language for a minute (PublicResults.CacheFor): a published cycle is final.
        return await cache.GetOrCreateAsync($"open-data:{cycleId}:{data.Version}:{file}:{culture}", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = PublicResults.CacheFor;
            return await BuildAsync(data, name, extension, culture);
        });
    }

    private async Task<OpenDataFile> BuildAsync(PublicCycle data, string name, string extension, string culture)
    {
        var cycleId = data.Cycle.Id;
        using var _ = CultureScope.Ui(LocalizationSetup.CultureFor(culture));

        var fileName = $"cycle-{cycleId}-{name}-{culture}{extension}";
        if (name == "dictionary") return new OpenDataFile(Dictionary(data), "text/csv; charset=utf-8", fileName, data.Licence);
        var table = name switch
        {
            "scores" => Scores(data),
            "participation" => Participation(data),
            _ => await AnswersAsync(data),
        };
        return extension == ".csv"
            ? new OpenDataFile(Csv.Write([.. table.Columns.Select(c => c.Name)], table.Rows), "text/csv; charset=utf-8", fileName, data.Licence)
            : new OpenDataFile(Json(data, table), "application/json; charset=utf-8", fileName, data.Licence);
    }

    private static string AreaType(AreaType type) => type.ToString().ToLowerInvariant();

    private IEnumerable<PublicArea> Areas(PublicCycle data) => [.. data.Countries, .. data.Regions, data.World];

    private List<Column> AreaColumns() =>
    [
        new("cycle_id", "integer", L["The cycle's number, the same in every file and address of the cycle."]),
        new("area_type", "text", L["country, region or world."]),
        new("area_code", "text", L["ISO 3166-1 alpha-3 code of a country, ITU region code, or WLD for the world."]),
        new("area_name", "text", L["Name of the country or region in the file's language."]),
    ];

    private Table Scores(PublicCycle data)
    {
        Column[] columns =
        [
            .. AreaColumns(),
            new("region_code", "text", L["ITU region of the country or the region itself; empty for the world."]),
            new("measure_type", "text", L["overall (the overall index), domain or capability."]),
            new("measure_key", "text", L["Key of the domain or capability in the questionnaire; overall for the overall index."]),
            new("measure_name", "text", L["Name of the measure in the file's language."]),
            new("domain_key", "text", L["For a capability, the key of its domain."]),
            new("countries", "integer", L["Number of countries the figure comes from (1 for a country's own score)."]),
            new("score", "number", L["Score from 0 to 100, unrounded: a country's validated score or the mean of the area's countries. Empty when there is none or it would come from fewer than 3 countries (anonymised cycles)."]),
            new("stage_key", "text", L["Key of the stage the score reaches."]),
            new("stage_name", "text", L["Name of the stage in the file's language."]),
        ];
        var rows = Areas(data).SelectMany(area => area.Figures.Select(f => new Cell[]
        {
            Cell.Of(data.Cycle.Id), AreaType(area.Type), area.Code, area.Name, area.RegionCode, f.Measure.Type.ToString().ToLowerInvariant(),
            f.Measure.Key, f.Measure.Name, f.Measure.DomainKey, Cell.Of(f.Countries), Cell.Of(f.Score), f.Stage?.Key, f.Stage?.Name.Get(data.Language),
        })).ToList();
        return new Table("scores", columns, rows);
    }

    private Table Participation(PublicCycle data)
    {
        Column[] columns =
        [
            .. AreaColumns(),
            new("member_states", "integer", L["Member States in the area."]),
            new("submitted", "integer", L["Member States that submitted an assessment."]),
            new("validated", "integer", L["Member States whose assessment was validated: only these have scores."]),
            new("participation_rate", "number", L["Submitted divided by Member States, from 0 to 1."]),
        ];
        var rows = (IEnumerable<PublicArea>)[.. data.Regions, data.World];
        return new Table("participation", columns, [.. rows.Select(a => new Cell[]
        {
            Cell.Of(data.Cycle.Id), AreaType(a.Type), a.Code, a.Name, Cell.Of(a.MemberStates), Cell.Of(a.Submitted), Cell.Of(a.Validated), Cell.Of(a.ParticipationRate),
        })]);
    }

    /// <summary>A named cycle's validated answers, by country, in the questionnaire's order: codes, and labels in the file's language.</summary>
    private async Task<Table> AnswersAsync(PublicCycle data)
    {
        var columns = AnswerColumns();
        var stored = await answers.LoadAnswersAsync(data.Cycle.Id, UserScope.Everything, ReportBuilder.PublishedStatuses);
        var rows = new List<Cell[]>();
        foreach (var country in data.Countries.OrderBy(c => c.Code, StringComparer.Ordinal))
        {
            if (stored.GetValueOrDefault(country.Code) is not { } given) continue;
            foreach (var domain in data.Definition.Domains)
            foreach (var capability in domain.Capabilities)
            foreach (var question in capability.Questions)
            {
                if (given.GetValueOrDefault(question.Key) is not { IsAnswered: true } answer) continue;
                var (type, value) = Coded(question, answer);
                rows.Add([Cell.Of(data.Cycle.Id), country.Code, country.Name, domain.Key, capability.Key, question.Key, question.Text.Get(data.Language),
                    type, value, Label(question, answer, data.Language)]);
            }
        }
        return new Table("answers", columns, rows);
    }

    private static (string Type, string? Value) Coded(Domain.Questionnaires.Question question, AnswerValue answer) => answer switch
    {
        { IsNotApplicable: true } => ("not_applicable", null),
        { Kind: AnswerKind.Option } => ("option", answer.OptionKey),
        { Kind: AnswerKind.Options } => ("options", string.Join(";", question.Options.Where(o => answer.SelectedOptions.Contains(o.Key)).Select(o => o.Key))),
        { Kind: AnswerKind.Number } => ("number", answer.NumberOrNull!.Value.ToString(CultureInfo.InvariantCulture)),
        { Kind: AnswerKind.Date } => ("date", answer.DateOrNull!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        _ => ("text", answer.TextOrNull),
    };

    private static string? Label(Domain.Questionnaires.Question question, AnswerValue answer, string language) => answer switch
    {
        { IsNotApplicable: true } => question.Options.FirstOrDefault(o => o.NotApplicable)?.Label.Get(language),
        { Kind: AnswerKind.Option } => question.FindOption(answer.OptionKey!)?.Label.Get(language) ?? answer.OptionKey,
        { Kind: AnswerKind.Options } => string.Join("; ", question.Options.Where(o => answer.SelectedOptions.Contains(o.Key)).Select(o => o.Label.Get(language))),
        _ => Coded(question, answer).Value,
    };

    /// <summary>Every column of every file of the cycle, then the cycle and its licence.</summary>
    private byte[] Dictionary(PublicCycle data)
    {
        var tables = new List<Table> { Scores(data), Participation(data) };
        var rows = tables.SelectMany(t => t.Columns.Select(c => new Cell[] { t.Name, c.Name, c.Type, c.Description })).ToList();
        if (data.Named)
        {
            // The answers' columns without reading the answers.
            rows.AddRange(AnswerColumns().Select(c => new Cell[] { "answers", c.Name, c.Type, c.Description }));
        }
        rows.Add(["*", "cycle", "text", data.Cycle.Name]);
        rows.Add(["*", "licence", "url", $"{data.Licence.ShortName} ({data.Licence.Title}): {data.Licence.Url}"]);
        return Csv.Write(["file", "column", "type", "description"], rows);
    }

    private Column[] AnswerColumns() =>
    [
        new("cycle_id", "integer", L["The cycle's number, the same in every file and address of the cycle."]),
        new("area_code", "text", L["ISO 3166-1 alpha-3 code of a country, ITU region code, or WLD for the world."]),
        new("area_name", "text", L["Name of the country or region in the file's language."]),
        new("domain_key", "text", L["Key of the question's domain."]),
        new("capability_key", "text", L["Key of the question's capability."]),
        new("question_key", "text", L["Key of the question in the questionnaire."]),
        new("question", "text", L["Text of the question in the file's language."]),
        new("answer_type", "text", L["option, options, number, date, text or not_applicable."]),
        new("answer", "text", L["The answer: option keys (several separated by ;), a number, a date (YYYY-MM-DD) or the text as written."]),
        new("answer_label", "text", L["The answer as the questionnaire words it in the file's language."]),
    ];

    /// <summary>The table as JSON: the cycle, its licence, the columns (the dictionary) and one object per row.</summary>
    private static byte[] Json(PublicCycle data, Table table)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartObject("cycle");
            json.WriteNumber("id", data.Cycle.Id);
            json.WriteString("title", data.Cycle.Name);
            json.WriteString("publication_policy", data.Cycle.Policy.ToString().ToLowerInvariant());
            json.WriteString("language", data.Language);
            json.WriteEndObject();
            json.WriteStartObject("licence");
            json.WriteString("name", data.Licence.ShortName);
            json.WriteString("title", data.Licence.Title);
            json.WriteString("url", data.Licence.Url);
            json.WriteEndObject();
            json.WriteString("table", table.Name);
            json.WriteStartArray("columns");
            foreach (var column in table.Columns)
            {
                json.WriteStartObject();
                json.WriteString("name", column.Name);
                json.WriteString("type", column.Type);
                json.WriteString("description", column.Description);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("rows");
            foreach (var row in table.Rows)
            {
                json.WriteStartObject();
                for (var i = 0; i < table.Columns.Count; i++)
                {
                    var cell = row[i];
                    json.WritePropertyName(table.Columns[i].Name);
                    if (cell.IsNumber && cell.Number is { } number) json.WriteNumberValue(number);
                    else if (!cell.IsNumber && cell.Text is { } text) json.WriteStringValue(text);
                    else json.WriteNullValue();
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
