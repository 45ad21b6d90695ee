// Scoring and aggregation benchmark: 193 member states scored and aggregated by region and globally.
// Run: dotnet run -c Release --project tests/CopAssessment.Benchmarks [-- iterations]
// A Stopwatch harness rather than BenchmarkDotNet: no extra package, and the figure we care about
// (one stocktaking recomputation) is milliseconds, far above timer resolution.
using CopAssessment.Domain.Questionnaires;

const int Countries = 193;
var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 500;
string[] regionCodes = ["AFR", "AMS", "ARB", "ASP", "CIS", "EUR"];

var root = FindRoot();
var mnrPath = Path.Combine(root, "samples", "questionnaires", "mnr.json");
QuestionnaireDefinition definition;
string source;
if (File.Exists(mnrPath))
{
    definition = QuestionnaireDefinition.Parse(File.ReadAllBytes(mnrPath));
    source = "samples/questionnaires/mnr.json";
}
else
{
    definition = GeneratedDefinition.Create(domains: 6, capabilities: 21, questions: 130, seed: 1);
    source = "generated (6 domains, 21 capabilities, 130 questions)";
}

// Deterministic inputs: 193 complete answer sets and a country → region table.
var random = new Random(20260101);
var countries = Enumerable.Range(0, Countries).Select(i => $"C{i:D3}").ToArray();
var regions = countries.Select((iso3, i) => (iso3, region: regionCodes[i % regionCodes.Length]))
    .ToDictionary(p => p.iso3, p => p.region);
var answerSets = countries.Select(_ => (IReadOnlyDictionary<string, AnswerValue>)GeneratedDefinition.Answers(definition, random, complete: true))
    .ToArray();

Console.WriteLine($"Definition: {source}: {definition.Domains.Count} domains, " +
    $"{definition.Domains.Sum(d => d.Capabilities.Count)} capabilities, {definition.Questions.Count} questions");

AggregateReport Run(out long allocatedForScoring)
{
    var before = GC.GetAllocatedBytesForCurrentThread();
    var results = new CountryResult[Countries];
    for (var i = 0; i < Countries; i++)
    {
        var card = ScoringEngine.Score(definition, answerSets[i], ScoringMode.Submitted);
        results[i] = new CountryResult(countries[i], regions[countries[i]], SubmissionStatus.Validated, card);
    }

    allocatedForScoring = GC.GetAllocatedBytesForCurrentThread() - before;
    return Aggregator.Aggregate(definition, results, regions, new AggregationOptions(PublicationMode.Anonymised));
}

// Warm up: JIT tiers and PGO settle before timing.
for (var i = 0; i < 50; i++)
{
    Run(out _);
}

var totals = new double[iterations];
var scoringOnly = new double[iterations];
long allocated = 0;
AggregateReport? last = null;
for (var i = 0; i < iterations; i++)
{
    var start = Stopwatch.GetTimestamp();
    last = Run(out allocated);
    totals[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

    start = Stopwatch.GetTimestamp();
    foreach (var answers in answerSets)
    {
        ScoringEngine.Score(definition, answers, ScoringMode.Submitted);
    }

    scoringOnly[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
}

static double Percentile(double[] values, double p)
{
    var sorted = values.Order().ToArray();
    return sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];
}

Console.WriteLine($"Iterations: {iterations} (after 50 warm-up runs)");
Console.WriteLine($"Score {Countries} + aggregate (6 regions + global): median {Percentile(totals, 0.5):F2} ms, p95 {Percentile(totals, 0.95):F2} ms");
Console.WriteLine($"Score {Countries} only:                          median {Percentile(scoringOnly, 0.5):F2} ms, p95 {Percentile(scoringOnly, 0.95):F2} ms");
Console.WriteLine($"Allocated per scorecard: {allocated / Countries:N0} bytes");
Console.WriteLine($"Check: global mean overall {ScoreDisplay.Format(last!.Global.Overall.Mean)}, n = {last.Global.Overall.N}");
Console.WriteLine($"Target < 20 ms total: {(Percentile(totals, 0.95) < 20 ? "met" : "MISSED")}");

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "CopAssessment.sln")))
        {
            return dir.FullName;
        }
    }

    return Directory.GetCurrentDirectory();
}
