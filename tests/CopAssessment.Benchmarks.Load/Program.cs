// Deadline-day load: many signed-in sessions autosaving answers against a running app on loopback.
// Usage: CopAssessment.Benchmarks.Load BASE_URL CONNECTION_STRING [sessions] [seconds] [rate]
//   rate > 0: open loop — saves arrive at `rate` per second in all, spread evenly over the sessions
//             (each session is one person's browser: one connection, one save at a time), and latency
//             is measured from when the save was due, so a server falling behind shows as latency
//             instead of silently slowing the load (no coordinated omission).
//   rate = 0: closed loop — every session saves again as soon as the last save returns: the saturation
//             throughput of the machine.
// Prints saves/second, latency percentiles, acknowledged saves vs history rows (lost writes), and the
// render time of the largest domain page. scripts/bench-autosave.sh starts the app first.
// COP_BENCH_RESTART_AT=SECONDS with COP_BENCH_RESTART_COMMAND="…": runs the command (a database restart) that many
// seconds after the load starts and counts what the saves got meanwhile (scripts/bench-restart.sh).
using System.Collections.Concurrent;
using System.Net;
using CopAssessment.Domain.Questionnaires;
using Npgsql;

var baseUrl = args.ElementAtOrDefault(0) ?? "http://127.0.0.1:5077";
var connectionString = args.ElementAtOrDefault(1) ?? throw new ArgumentException("connection string required");
var sessions = int.Parse(args.ElementAtOrDefault(2) ?? "128");
var seconds = int.Parse(args.ElementAtOrDefault(3) ?? "20");
var rate = double.Parse(args.ElementAtOrDefault(4) ?? "1000", System.Globalization.CultureInfo.InvariantCulture);

var root = new DirectoryInfo(AppContext.BaseDirectory);
while (!File.Exists(Path.Combine(root.FullName, "CopAssessment.sln"))) root = root.Parent!;
var definition = QuestionnaireDefinition.Parse(File.ReadAllText(Path.Combine(root.FullName, "samples", "questionnaires", "mnr.json")));
// Questions that are always shown and take yes/partial/no: any of them can be saved at any time.
var keys = definition.Questions.Where(q => q.RelevantWhen is null && q.Type == QuestionType.YesPartialNo).Select(q => q.Key).ToArray();
var largestDomain = definition.Domains.OrderByDescending(d => d.Capabilities.Sum(c => c.Questions.Count)).First().Key;
string[] values = ["yes", "partial", "no"];

await using var data = NpgsqlDataSource.Create(connectionString);
var drafts = new List<int>();
await using (var command = data.CreateCommand("""SELECT "Id" FROM "Submissions" WHERE "Status" = 'Draft' ORDER BY "Id" LIMIT $1"""))
{
    command.Parameters.AddWithValue(sessions);
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync()) drafts.Add(reader.GetInt32(0));
}
if (drafts.Count < sessions) throw new InvalidOperationException($"Only {drafts.Count} draft submissions for {sessions} sessions");
long HistoryRows()
{
    using var command = data.CreateCommand("""SELECT count(*) FROM "AnswerHistory" WHERE "SubmissionId" = ANY($1)""");
    command.Parameters.AddWithValue(drafts.ToArray());
    return (long)command.ExecuteScalar()!;
}
var historyBefore = HistoryRows();
// Each session starts from what its page showed: the current version of every answer.
var shown = new Dictionary<int, Dictionary<string, uint>>();
await using (var command = data.CreateCommand("""SELECT "SubmissionId", "QuestionKey", xmin FROM "Answers" WHERE "SubmissionId" = ANY($1)"""))
{
    command.Parameters.AddWithValue(drafts.ToArray());
    await using var reader = await command.ExecuteReaderAsync();
    while (await reader.ReadAsync())
    {
        if (!shown.TryGetValue(reader.GetInt32(0), out var page)) shown[reader.GetInt32(0)] = page = [];
        page[reader.GetString(1)] = reader.GetFieldValue<uint>(2);
    }
}

async Task<(HttpClient Client, string Token)> SignInAsync()
{
    var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, MaxConnectionsPerServer = 1 }) { BaseAddress = new Uri(baseUrl) };
    var login = await client.GetStringAsync("/account/login");
    var token = Regex.Match(login, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
    var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
    {
        ["Email"] = "admin@demo.local", ["Password"] = "Demo-Password-2026", ["__RequestVerificationToken"] = token,
    }));
    if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"sign-in failed: {response.StatusCode}");
    var page = await client.GetStringAsync($"/assessments/{drafts[0]}/{largestDomain}");
    return (client, Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
}

var clients = new List<(HttpClient Client, string Token)>();
for (var i = 0; i < sessions; i++) clients.Add(await SignInAsync());
const int WarmUpSeconds = 10;
Console.WriteLine($"{sessions} sessions signed in; {keys.Length} candidate questions; " +
    (rate > 0 ? $"open loop at {rate:F0} saves/s" : "closed loop (saturation)") + $"; {seconds} s measured after {WarmUpSeconds} s warm-up");

var latencies = new ConcurrentBag<double>();
long acknowledged = 0, failures = 0, conflicts = 0, completedInWindow = 0, serverErrors = 0, unavailable = 0, unavailableWithoutRetryAfter = 0;
var clock = Stopwatch.StartNew();
var warmEnd = TimeSpan.FromSeconds(WarmUpSeconds);
var stop = TimeSpan.FromSeconds(WarmUpSeconds + seconds);
// Open loop: session i's saves are due at i/rate, (i + sessions)/rate, … — `rate` per second in all.
var period = rate > 0 ? TimeSpan.FromSeconds(sessions / rate) : TimeSpan.Zero;
var tasks = clients.Select((session, index) => Task.Run(async () =>
{
    var submission = drafts[index];
    var random = new Random(index);
    var versions = shown.TryGetValue(submission, out var page) ? page : [];
    var due = rate > 0 ? TimeSpan.FromSeconds(index / rate) : TimeSpan.Zero;
    while (true)
    {
        if (rate > 0)
        {
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
        }
        else due = clock.Elapsed;
        if (due >= stop) break;
        var key = keys[random.Next(keys.Length)];
        var previous = versions.GetValueOrDefault(key);
        var value = values[random.Next(values.Length)];
        var content = new FormUrlEncodedContent([new("key", key), new("version", previous.ToString()), new("value", value)]);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/assessments/{submission}/answers") { Content = content };
        request.Headers.Add("RequestVerificationToken", session.Token);
        request.Headers.Add("Accept", "application/json");
        using var response = await session.Client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var done = clock.Elapsed;
        var version = Regex.Match(body, "\"version\":(\\d+)");
        if (version.Success) versions[key] = uint.Parse(version.Groups[1].Value);
        var saved = response.IsSuccessStatusCode && body.Contains("\"outcome\":\"saved\"");
        // Every acknowledged save counts, warm-up included: all of them must be in the history.
        if (saved) Interlocked.Increment(ref acknowledged);
        else if (response.StatusCode == HttpStatusCode.Conflict) Interlocked.Increment(ref conflicts);
        else if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            Interlocked.Increment(ref unavailable);
            if (response.Headers.RetryAfter is null) Interlocked.Increment(ref unavailableWithoutRetryAfter);
        }
        else if ((int)response.StatusCode >= 500) Interlocked.Increment(ref serverErrors);
        else if (!body.Contains("\"outcome\":\"unchanged\"")) Interlocked.Increment(ref failures);
        if (due >= warmEnd)
        {
            latencies.Add((done - due).TotalMilliseconds);
            if (done <= stop) Interlocked.Increment(ref completedInWindow);
        }
        due += period;
    }
})).ToArray();
var restart = Environment.GetEnvironmentVariable("COP_BENCH_RESTART_AT") is { Length: > 0 } at
    ? Task.Run(async () =>
    {
        await Task.Delay(TimeSpan.FromSeconds(double.Parse(at, System.Globalization.CultureInfo.InvariantCulture)));
        var started = Stopwatch.GetTimestamp();
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", Environment.GetEnvironmentVariable("COP_BENCH_RESTART_COMMAND")!]))!;
        await process.WaitForExitAsync();
        Console.WriteLine($"database restarted at {at} s (exit {process.ExitCode}) in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms");
    })
    : Task.CompletedTask;
await Task.WhenAll(tasks);
await restart;

var sorted = latencies.Order().ToArray();
double P(double p) => sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p / 100 * sorted.Length) - 1)];
// After a restart the generator's own idle connections are dead too: count on fresh ones.
data.Clear();
var historyAfter = HistoryRows();
Console.WriteLine($"saves completed in the {seconds} s window: {completedInWindow} = {completedInWindow / (double)seconds:F0} saves/s" +
    (rate > 0 ? $" (offered {rate:F0}/s)" : ""));
Console.WriteLine($"latency ms{(rate > 0 ? " (from when each save was due)" : "")}: p50 {P(50):F1}  p95 {P(95):F1}  p99 {P(99):F1}  max {sorted.LastOrDefault():F1}  ({sorted.Length} saves)");
Console.WriteLine($"acknowledged saves: {acknowledged}; history rows added: {historyAfter - historyBefore}; lost writes: {acknowledged - (historyAfter - historyBefore)}");
Console.WriteLine($"conflicts: {conflicts}; 503 (Retry-After): {unavailable} ({unavailableWithoutRetryAfter} without the header); other 5xx: {serverErrors}; other failures: {failures}");

// Render time of the largest domain page, one session at a time.
var renders = new List<double>();
var (pageClient, _) = clients[0];
for (var i = 0; i < 220; i++)
{
    var started = Stopwatch.GetTimestamp();
    using var response = await pageClient.GetAsync($"/assessments/{drafts[i % drafts.Count]}/{largestDomain}");
    await response.Content.ReadAsByteArrayAsync();
    if (i >= 20) renders.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
}
renders.Sort();
Console.WriteLine($"largest domain page ('{largestDomain}', {definition.Domains.First(d => d.Key == largestDomain).Capabilities.Sum(c => c.Questions.Count)} questions): " +
    $"p50 {renders[renders.Count / 2]:F1} ms  p95 {renders[(int)(renders.Count * 0.95)]:F1} ms (client-measured, includes loopback)");
return acknowledged == historyAfter - historyBefore ? 0 : 1;
