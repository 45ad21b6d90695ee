using Npgsql;

// Report generation for 193 validated submissions of the full MNR questionnaire (docs/benchmarks.md, "Reports").
// Usage: ConnectionStrings__Cop=... dotnet run -c Release --project tests/CopAssessment.Benchmarks.Reports
var sources = ReportTestData.Sources(only: _ => true);
Console.WriteLine($"{sources.Count} validated submissions, {ReportTestData.Definition.Questions.Count} questions each");

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    ContentRootPath = Path.Combine(ReportTestData.RepositoryRoot(), "src", "CopAssessment.Web"),
    ApplicationName = typeof(ReportData).Assembly.GetName().Name,
    EnvironmentName = "Production",
});
builder.Logging.ClearProviders();
builder.Services.AddControllersWithViews().AddApplicationPart(typeof(ReportData).Assembly);
builder.Services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
builder.Services.AddTransient(typeof(IStringLocalizer<>), typeof(StringLocalizer<>));
builder.Services.AddReportWriters(builder.Configuration);
await using var app = builder.Build();

ReportData Global() => ReportTestData.Build(ReportKind.Global, sources: sources);
var excel = app.Services.GetRequiredService<ExcelReportWriter>();

// Floor: read the same data from PostgreSQL the way the app stores it (a jsonb snapshot per submission,
// one JSON answer row per question) and deserialise it.
double? dbSeconds = null;
if (Environment.GetEnvironmentVariable("ConnectionStrings__Cop") is { Length: > 0 } connectionString)
{
    await using var connection = new NpgsqlConnection(connectionString);
    await connection.OpenAsync();
    await Exec(connection, "DROP TABLE IF EXISTS bench_submissions; DROP TABLE IF EXISTS bench_answers; " +
        "CREATE TABLE bench_submissions (iso3 text primary key, snapshot jsonb not null); " +
        "CREATE TABLE bench_answers (iso3 text not null, question_key text not null, value text not null, primary key (iso3, question_key));");
    using (var writer = await connection.BeginBinaryImportAsync("COPY bench_submissions (iso3, snapshot) FROM STDIN (FORMAT BINARY)"))
    {
        foreach (var s in sources) { await writer.StartRowAsync(); await writer.WriteAsync(s.Iso3); await writer.WriteAsync(JsonSerializer.Serialize(s.Scorecard), NpgsqlTypes.NpgsqlDbType.Jsonb); }
        await writer.CompleteAsync();
    }
    using (var writer = await connection.BeginBinaryImportAsync("COPY bench_answers (iso3, question_key, value) FROM STDIN (FORMAT BINARY)"))
    {
        foreach (var s in sources)
            foreach (var (key, value) in s.Answers!) { await writer.StartRowAsync(); await writer.WriteAsync(s.Iso3); await writer.WriteAsync(key); await writer.WriteAsync(JsonSerializer.Serialize(value)); }
        await writer.CompleteAsync();
    }
    dbSeconds = Median(5, () => { ReadAllAsync(connection).GetAwaiter().GetResult(); });
    await Exec(connection, "DROP TABLE bench_submissions; DROP TABLE bench_answers;");
}

var build = Median(5, () => { Global(); });
var data = Global();
var excelSeconds = Median(5, () => { excel.Write(data); });
var excelBytes = excel.Write(data).Length;

long peak = 0;
using var sampler = new Timer(_ => peak = Math.Max(peak, GC.GetTotalMemory(false)), null, 0, 10);
GC.Collect();
var baseline = GC.GetTotalMemory(true);
peak = baseline;

await using var scope = app.Services.CreateAsyncScope();
var pdf = scope.ServiceProvider.GetRequiredService<PdfReportWriter>();
var watch = Stopwatch.StartNew();
var globalPdf = await pdf.WriteAsync(data);
var pdfCold = watch.Elapsed.TotalSeconds;
watch.Restart();
globalPdf = await pdf.WriteAsync(Global());
var pdfWarm = watch.Elapsed.TotalSeconds;

var country = ReportTestData.Build(ReportKind.Country, iso3: "KEN", sources: sources);
var countryTimes = new List<double>();
for (var i = 0; i < 5; i++)
{
    watch.Restart();
    await pdf.WriteAsync(country);
    countryTimes.Add(watch.Elapsed.TotalSeconds);
}
countryTimes.Sort();

Console.WriteLine($"| ReportData for the global report (aggregate + build) | {build * 1000:0} ms |");
if (dbSeconds is { } db) Console.WriteLine($"| PostgreSQL read + deserialise (193 snapshots, {sources.Sum(s => s.Answers!.Count)} answers) | {db * 1000:0} ms |");
Console.WriteLine($"| Global stocktaking Excel ({excelBytes / 1024} KiB) | {excelSeconds * 1000:0} ms |");
if (dbSeconds is { } floor) Console.WriteLine($"| Ratio Excel / DB read | {excelSeconds / floor:0.0} |");
Console.WriteLine($"| Global stocktaking PDF, cold browser ({PdfRenderer.PageCount(globalPdf)} pages, {globalPdf.Length / 1024} KiB) | {pdfCold:0.00} s |");
Console.WriteLine($"| Global stocktaking PDF, warm browser | {pdfWarm:0.00} s |");
Console.WriteLine($"| Country scorecard PDF, warm browser (median of 5) | {countryTimes[2] * 1000:0} ms |");
Console.WriteLine($"| Peak managed memory during the PDF exports (above {baseline / 1048576} MiB baseline) | {(peak - baseline) / 1048576.0:0} MiB |");

static double Median(int runs, Action work)
{
    work();
    var times = new List<double>();
    for (var i = 0; i < runs; i++) { var w = Stopwatch.StartNew(); work(); times.Add(w.Elapsed.TotalSeconds); }
    times.Sort();
    return times[runs / 2];
}

static async Task Exec(NpgsqlConnection connection, string sql)
{
    await using var command = new NpgsqlCommand(sql, connection);
    await command.ExecuteNonQueryAsync();
}

static async Task<int> ReadAllAsync(NpgsqlConnection connection)
{
    var count = 0;
    await using (var command = new NpgsqlCommand("SELECT iso3, snapshot FROM bench_submissions", connection))
    await using (var reader = await command.ExecuteReaderAsync())
        while (await reader.ReadAsync()) { JsonSerializer.Deserialize<Scorecard>(reader.GetString(1)); count++; }
    await using (var command = new NpgsqlCommand("SELECT iso3, question_key, value FROM bench_answers", connection))
    await using (var reader = await command.ExecuteReaderAsync())
        while (await reader.ReadAsync()) { JsonSerializer.Deserialize<AnswerValue>(reader.GetString(2)); count++; }
    return count;
}
