using System.Net;
using System.Net.Sockets;
using CopAssessment.Web.Infrastructure.Mail;
using CopAssessment.Web.Tests.Reports;
using Xunit.Abstractions;
using static CopAssessment.Web.Tests.Assessments.AssessmentTestKit;

namespace CopAssessment.Web.Tests.Platform;

/// <summary>
/// Two instances of the built app (child processes, as scripts/run-cluster.sh starts them: jobs on, nothing migrated
/// at start-up) on one fresh database that the <c>migrate</c> command prepared, and nginx in front of them with the
/// repository's configuration. The in-process app of <see cref="ClusterDatabase"/> runs no jobs; it is the tests' way
/// into the database. Bounded: each wait below has its limit, and the whole class takes well under a minute and a half.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    /// <summary>Sign-in attempts per client address per minute on each instance: the forwarded-header cases count to it.</summary>
    public const int AttemptsPerMinute = 30;

    private readonly ClusterDatabase _database = new();

    public CopAppFactory Database => _database;
    public AppInstance A { get; private set; } = null!;
    public AppInstance B { get; private set; } = null!;
    public Nginx? Proxy { get; private set; }

    /// <summary>Data Protection keys in the database after <c>migrate</c>, before any instance ran.</summary>
    public int KeysAfterMigrate => _database.KeysAfterMigrate;

    /// <summary>Mail queued once both instances run (subjects start with <see cref="MailSubject"/>), sent while the other cases run.</summary>
    public const int MailCount = 40;

    public string MailSubject { get; } = $"Cluster {Guid.NewGuid():N} ";

    /// <summary>A closed cycle with five validated countries, for the export.</summary>
    public int ExportCycle { get; private set; }

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        // The accounts the cases sign in with, as the demo seeds them (the rest of the demo data is not needed).
        await Database.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<ApplicationUser>>();
            foreach (var account in Seeder.DemoAccounts.Where(a => a.Email is "admin@demo.local" or "reviewer@demo.local" or "focal.ken@demo.local" or "focal.gha@demo.local" or "focal.bra@demo.local"))
            {
                var user = new ApplicationUser { UserName = account.Email, Email = account.Email, EmailConfirmed = true, DisplayName = account.Name, CountryIso3 = account.Country };
                Assert.True((await users.CreateAsync(user, CopAppFactory.DemoPassword)).Succeeded);
                await users.AddToRoleAsync(user, account.Role);
            }
        });
        ExportCycle = await CycleSeed.CreateAsync(Database, PublicationPolicy.Named, iso3 => iso3 is "KEN" or "GHA" or "NGA" or "SEN" or "FRA");
        // Started together, as compose starts its replicas.
        A = new AppInstance("A", Database.ConnectionString);
        B = new AppInstance("B", Database.ConnectionString);
        await Task.WhenAll(A.StartAsync(), B.StartAsync());
        if (Nginx.Binary is not null) Proxy = await Nginx.StartAsync(A.Port, B.Port);
        // Queued as a page queues mail (the outbox, saved with the change), while both instances run jobs.
        await Database.WithScopeAsync(async services =>
        {
            var outbox = services.GetRequiredService<Outbox>();
            for (var i = 0; i < MailCount; i++) outbox.Enqueue($"person{i}@cluster.test", MailSubject + i, "Body");
            await services.GetRequiredService<CopDbContext>().SaveChangesAsync();
        });
    }

    public async Task DisposeAsync()
    {
        Proxy?.Dispose();
        await Task.WhenAll(A.StopAsync(), B.StopAsync());
        await Database.DisposeAsync();
    }
}

/// <summary>
/// The cluster's database, migrated and seeded (reference data, no demo) by the app's <c>migrate</c> command in a
/// process of its own, as scripts/run-cluster.sh and docker-compose.yml do it, before anything else runs on it.
/// </summary>
public sealed class ClusterDatabase : CopAppFactory
{
    /// <summary>Data Protection keys in the database after <c>migrate</c>, before any instance ran.</summary>
    public int KeysAfterMigrate { get; private set; }

    protected override IDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Database:MigrateOnStartup"] = "false", ["Demo:Enabled"] = "false",
    };

    protected override async Task BeforeStartAsync()
    {
        var migrate = await AppProcess.RunAsync(new Dictionary<string, string?> { ["ConnectionStrings__Cop"] = ConnectionString, ["Demo__Enabled"] = "false" }, ["migrate"]);
        if (migrate.ExitCode != 0) throw new InvalidOperationException($"migrate failed: {migrate.Output}{migrate.Error}");
        await using var connection = new Npgsql.NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("""SELECT count(*) FROM "DataProtectionKeys" """, connection);
        KeysAfterMigrate = Convert.ToInt32(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}

public class ClusterTests(ClusterFixture cluster, ITestOutputHelper output) : IClassFixture<ClusterFixture>
{
    private static readonly TimeSpan JobWait = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Signing_in_on_one_instance_carries_to_the_other_with_its_cookie_and_antiforgery_tokens()
    {
        // One key ring: made by `migrate`, not by whichever instance served first.
        Assert.Equal(1, cluster.KeysAfterMigrate);
        var browser = Browser();
        // The sign-in form from A, sent to B: B accepts A's antiforgery token.
        var login = await browser.GetStringAsync(cluster.A.Url("/account/login"));
        var signIn = await browser.PostAsync(cluster.B.Url("/account/login"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "focal.ken@demo.local", ["Password"] = CopAppFactory.DemoPassword,
            ["__RequestVerificationToken"] = HttpClientExtensions.AntiforgeryToken(login),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        // B's sign-in cookie is good on A, and a form token A issues is good on B.
        var dashboard = await browser.GetAsync(cluster.A.Url("/"));
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Kenya Focal Point", await dashboard.Content.ReadAsStringAsync());
        var cycle = await OpenCycleAsync(cluster.Database);
        var id = await SubmissionIdAsync(cluster.Database, cycle, "KEN");
        var token = HttpClientExtensions.AntiforgeryToken(await browser.GetStringAsync(cluster.A.Url($"/assessments/{id}/policy")));
        var saved = await AutosaveAsync(browser, token, id, cluster.B.Url(""), "pg.1.1", 0, "yes");
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(1, await cluster.Database.WithDbAsync(db => db.DataProtectionKeys.CountAsync()));
    }

    [Fact]
    public async Task A_stale_autosave_on_the_second_instance_gets_a_conflict_after_a_save_on_the_first()
    {
        var id = await SubmissionIdAsync(cluster.Database, await OpenCycleAsync(cluster.Database), "GHA");
        var first = await SignedInAsync(cluster.A, "focal.gha@demo.local");
        var second = await SignedInAsync(cluster.B, "focal.gha@demo.local");
        var firstToken = HttpClientExtensions.AntiforgeryToken(await first.GetStringAsync(cluster.A.Url($"/assessments/{id}/policy")));
        var secondToken = HttpClientExtensions.AntiforgeryToken(await second.GetStringAsync(cluster.B.Url($"/assessments/{id}/policy")));

        // Both pages showed no answer (version 0).
        Assert.Equal(HttpStatusCode.OK, (await AutosaveAsync(first, firstToken, id, cluster.A.Url(""), "pg.1.1", 0, "yes")).StatusCode);
        var conflict = await AutosaveAsync(second, secondToken, id, cluster.B.Url(""), "pg.1.1", 0, "no");
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal("yes", (await JsonAsync(conflict)).GetProperty("theirs").GetProperty("value").GetProperty("option").GetString());
        Assert.Equal(1, await cluster.Database.WithDbAsync(db => db.Set<AnswerHistory>().CountAsync(h => h.SubmissionId == id && h.QuestionKey == "pg.1.1")));
    }

    [Fact]
    public async Task With_both_instances_running_jobs_every_mail_is_sent_once()
    {
        var mine = await SentAsync(m => m.Subject.StartsWith(cluster.MailSubject), ClusterFixture.MailCount);
        Assert.Equal(ClusterFixture.MailCount, mine.Count);
        AssertSentOnce(mine);
    }

    /// <summary>The messages <paramref name="which"/> once <paramref name="count"/> of them are all sent, or as they are when the wait is over.</summary>
    private async Task<List<OutboxMessage>> SentAsync(System.Linq.Expressions.Expression<Func<OutboxMessage, bool>> which, int count)
    {
        List<OutboxMessage> messages = [];
        await PollAsync(JobWait, async () =>
        {
            messages = await cluster.Database.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(which).ToListAsync());
            return messages.Count == count && messages.All(m => m.SentAt != null);
        });
        return messages;
    }

    /// <summary>
    /// Sent, at the first attempt, and by one instance: each delivers to its own pickup folder (files named by the
    /// message's id), so a message sent by both would be in both.
    /// </summary>
    private void AssertSentOnce(List<OutboxMessage> messages)
    {
        Assert.All(messages, m => Assert.True(m.SentAt is not null && m.Attempts == 0, $"mail {m.Id} to {m.To}: sent {m.SentAt}, attempts {m.Attempts}, {m.LastError}"));
        var a = cluster.A.MailFiles();
        var b = cluster.B.MailFiles();
        Assert.All(messages, m => Assert.True(a.Contains(m.Id) ^ b.Contains(m.Id), $"mail {m.Id}: in A {a.Contains(m.Id)}, in B {b.Contains(m.Id)}"));
    }

    [Fact]
    public async Task With_both_instances_running_jobs_every_reminder_is_queued_once()
    {
        var cycle = await OpenCycleAsync(cluster.Database, deadlineInDays: 6);
        var focalPoints = await cluster.Database.WithDbAsync(db => db.Users.CountAsync(u => u.CountryIso3 != null && u.Email != null));
        // The hourly job, now, on both instances at once: the dashboard's "Trigger now" on each.
        var admins = await Task.WhenAll(SignedInAsync(cluster.A, "admin@demo.local"), SignedInAsync(cluster.B, "admin@demo.local"));
        await Task.WhenAll(TriggerAsync(admins[0], cluster.A, "deadline-reminders"), TriggerAsync(admins[1], cluster.B, "deadline-reminders"));
        var prefix = $"reminder:{cycle}:";
        var reminders = await SentAsync(m => m.DeduplicationKey!.StartsWith(prefix), focalPoints);
        // One per focal point of the not-submitted countries (all of them), whichever instance ran the job, and each sent once.
        Assert.Equal(focalPoints, reminders.Count);
        AssertSentOnce(reminders);
    }

    /// <summary>Runs a recurring job now, as an administrator does from the jobs dashboard (with its page's antiforgery token).</summary>
    private static async Task TriggerAsync(HttpClient admin, AppInstance instance, string job)
    {
        var page = await admin.GetStringAsync(instance.Url("/admin/jobs/recurring"));
        var meta = Regex.Matches(page, "<meta name=\"csrf-(header|token)\" content=\"([^\"]*)\"").ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        using var request = new HttpRequestMessage(HttpMethod.Post, instance.Url("/admin/jobs/recurring/trigger"))
        {
            Content = new FormUrlEncodedContent([new("jobs[]", job)]),
        };
        request.Headers.Add(meta["header"], meta["token"]);
        using var response = await admin.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"trigger {job} on {instance.Url("")}: {(int)response.StatusCode}");
    }

    [Fact]
    public async Task An_export_whose_instance_is_killed_mid_job_is_completed_once_by_the_other()
    {
        var reviewer = await SignedInAsync(cluster.A, "reviewer@demo.local");
        // B pauses so that A's worker is the one that takes the export; then A dies, B carries on.
        cluster.B.Suspend();
        Guid id;
        try
        {
            var page = await reviewer.GetStringAsync(cluster.A.Url("/reports"));
            var requested = await reviewer.PostAsync(cluster.A.Url("/reports/exports"), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Kind"] = "Global", ["CycleId"] = cluster.ExportCycle.ToString(CultureInfo.InvariantCulture), ["RegionCode"] = "", ["CountryIso3"] = "",
                ["Format"] = "Pdf", ["Language"] = "en", ["__RequestVerificationToken"] = HttpClientExtensions.AntiforgeryToken(page),
            }));
            Assert.Equal(HttpStatusCode.Redirect, requested.StatusCode);
            id = Guid.Parse(requested.Headers.Location!.OriginalString.Split('/').Last());
            var running = await PollAsync(TimeSpan.FromSeconds(30), async () =>
                (await ExportAsync(id)).Status == ExportStatus.Running);
            Assert.True(running, $"A did not start the export: {Describe(await ExportAsync(id))}");
            cluster.A.Kill();
        }
        finally
        {
            cluster.B.Resume();
        }
        try
        {
            await CompletedByBAsync(reviewer, id);
        }
        finally
        {
            // The other cases need A again.
            await cluster.A.StartAsync();
        }
    }

    private async Task CompletedByBAsync(HttpClient reviewer, Guid id)
    {
        var killed = DateTime.UtcNow;
        var before = await ExportAsync(id);
        Assert.Equal(ExportStatus.Running, before.Status);
        Assert.Equal(1, before.Attempts);

        // B's status URL, with the cookie A issued, until the export is done.
        string? status = null;
        var done = await PollAsync(TimeSpan.FromSeconds(60), async () =>
        {
            using var response = await reviewer.GetAsync(cluster.B.Url($"/reports/exports/{id}/status"));
            status = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString();
            return status is "done" or "failed";
        });
        var recovered = DateTime.UtcNow - killed;
        output.WriteLine($"Export {id} done on B {recovered.TotalSeconds:F1} s after A was killed.");
        Assert.True(done && status == "done", $"after {recovered.TotalSeconds:F0} s: {status}; {Describe(await ExportAsync(id))}");
        var after = await ExportAsync(id);
        // A's interrupted attempt and B's one; nothing ran it a third time.
        Assert.Equal(2, after.Attempts);
        var download = await reviewer.GetAsync(cluster.B.Url($"/reports/exports/{id}/download"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await download.Content.ReadAsByteArrayAsync())[..4]));
        Assert.Equal(1, await cluster.Database.WithDbAsync(db => db.Set<ReportExport>().CountAsync(e => e.CycleId == cluster.ExportCycle)));
    }

    [Fact]
    public async Task A_forwarded_address_is_believed_from_nginx_only()
    {
        // A program on this machine that connects to A directly (from 127.0.0.1, not from nginx's address): however
        // X-Forwarded-For is forged, the attempts count for the one sender and the limit is reached.
        var direct = await SignInAttemptsAsync(cluster.A.Url("/account/login"), from: null, ClusterFixture.AttemptsPerMinute + 1);
        Assert.Equal(HttpStatusCode.TooManyRequests, direct[^1]);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, direct[..^1]);
        // From nginx's address the header is believed: each forwarded address has its own allowance.
        var proxied = await SignInAttemptsAsync(cluster.A.Url("/account/login"), from: Nginx.SourceAddress, ClusterFixture.AttemptsPerMinute + 5);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, proxied);
        Assert.True(cluster.Proxy is not null, "nginx is not installed (scripts/install-deps.sh test installs it)");
        // Through nginx, which replaces the header with the address it sees: limited again, over both instances.
        var throughNginx = await SignInAttemptsAsync(cluster.Proxy!.Url("/account/login"), from: "127.0.0.4", 2 * ClusterFixture.AttemptsPerMinute + 2);
        Assert.Contains(HttpStatusCode.TooManyRequests, throughNginx);
    }

    [Fact]
    public async Task Nginx_balances_round_robin_and_a_session_works_through_it()
    {
        Assert.True(cluster.Proxy is not null, "nginx is not installed (scripts/install-deps.sh test installs it)");
        var proxy = cluster.Proxy!;
        var browser = Browser();
        var login = await browser.GetStringAsync(proxy.Url("/account/login"));
        var signIn = await browser.PostAsync(proxy.Url("/account/login"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "focal.bra@demo.local", ["Password"] = CopAppFactory.DemoPassword,
            ["__RequestVerificationToken"] = HttpClientExtensions.AntiforgeryToken(login),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var id = await SubmissionIdAsync(cluster.Database, await OpenCycleAsync(cluster.Database), "BRA");
        var token = HttpClientExtensions.AntiforgeryToken(await browser.GetStringAsync(proxy.Url($"/assessments/{id}/policy")));
        var requests = proxy.AccessLog().Length;
        uint version = 0;
        for (var i = 0; i < 4; i++)
        {
            var saved = await AutosaveAsync(browser, token, id, proxy.Url(""), "pg.1.1", version, i % 2 == 0 ? "yes" : "no");
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            version = (await JsonAsync(saved)).GetProperty("version").GetUInt32();
        }
        // nginx's log names the instance of each request: the saves alternated between the two.
        string[] Upstreams() => [.. proxy.AccessLog()[requests..].Where(l => l.Contains("/answers")).Select(l => l[(l.LastIndexOf("upstream=", StringComparison.Ordinal) + 9)..])];
        // nginx writes a request's line once its response is sent: the last one may come a moment after.
        await PollAsync(TimeSpan.FromSeconds(5), () => Task.FromResult(Upstreams().Length == 4));
        var upstreams = Upstreams();
        Assert.Equal(4, upstreams.Length);
        Assert.Equal(2, upstreams.Distinct().Count());
        Assert.All(upstreams.Zip(upstreams.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
        Assert.Equal(4, await cluster.Database.WithDbAsync(db => db.Set<AnswerHistory>().CountAsync(h => h.SubmissionId == id && h.QuestionKey == "pg.1.1")));

        // nginx's body limit is above the app's (21 MB): a body a little too large gets the app's own message.
        using var tooLarge = new HttpRequestMessage(HttpMethod.Post, proxy.Url("/account/login")) { Content = new ByteArrayContent(new byte[22 * 1024 * 1024]) };
        tooLarge.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        tooLarge.Headers.Add("Accept", "application/json");
        using var refused = await browser.SendAsync(tooLarge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Contains("The file is larger than 20 MB.", await refused.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// Where the cases' browsers connect from: not 127.0.0.1, whose sign-in allowance the forwarded-address case
    /// spends on purpose (the limiter is per address and per instance).
    /// </summary>
    private const string BrowserAddress = "127.0.0.5";

    private static HttpClient Browser(string? from = BrowserAddress) => new(new SocketsHttpHandler
    {
        CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseCookies = true,
        ConnectCallback = from is null ? null : async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(from), 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    }) { Timeout = TimeSpan.FromSeconds(30) };

    private static async Task<HttpClient> SignedInAsync(AppInstance instance, string email)
    {
        var client = Browser();
        var login = await client.GetStringAsync(instance.Url("/account/login"));
        var response = await client.PostAsync(instance.Url("/account/login"), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = CopAppFactory.DemoPassword, ["__RequestVerificationToken"] = HttpClientExtensions.AntiforgeryToken(login),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static async Task<HttpResponseMessage> AutosaveAsync(HttpClient client, string token, int submissionId, string baseUrl, string key, uint version, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, baseUrl + $"/assessments/{submissionId}/answers")
        {
            Content = new FormUrlEncodedContent([new("key", key), new("version", version.ToString(CultureInfo.InvariantCulture)), new("value", value)]),
        };
        request.Headers.Add("RequestVerificationToken", token);
        request.Headers.Add("Accept", "application/json");
        return await client.SendAsync(request);
    }

    /// <summary>Sign-in posts (refused for their missing token once counted), each claiming another forwarded address.</summary>
    private static async Task<HttpStatusCode[]> SignInAttemptsAsync(string url, string? from, int count)
    {
        using var client = Browser(from);
        var statuses = new HttpStatusCode[count];
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new FormUrlEncodedContent([new("Email", $"nobody{i}@cluster.test"), new("Password", "x")]),
            };
            request.Headers.Add("X-Forwarded-For", $"198.51.{(from ?? "1")[^1]}.{i + 1}");
            using var response = await client.SendAsync(request);
            statuses[i] = response.StatusCode;
        }
        return statuses;
    }

    private Task<ReportExport> ExportAsync(Guid id) =>
        cluster.Database.WithDbAsync(db => db.Set<ReportExport>().AsNoTracking().SingleAsync(e => e.Id == id));

    private static string Describe(ReportExport e) => $"{e.Status}, {e.Progress} %, attempts {e.Attempts}, heartbeat {e.HeartbeatAt:HH:mm:ss}, error {e.Error}";

    private static async Task<bool> PollAsync(TimeSpan limit, Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(100);
        }
        return false;
    }
}

/// <summary>One instance of the built app in its own process, on a free port of 127.0.0.1.</summary>
public sealed class AppInstance(string name, string connectionString)
{
    private Process? _process;
    private readonly System.Text.StringBuilder _log = new();

    public int Port { get; } = FreePort();
    public string MailDirectory { get; } = Directory.CreateTempSubdirectory($"cop-mail-{name}-").FullName;

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    public async Task StartAsync()
    {
        if (_process is { HasExited: false }) return;
        var dll = Path.Combine(AppContext.BaseDirectory, "CopAssessment.Web.dll");
        var start = new ProcessStartInfo("dotnet", [dll, "--urls", Url("")])
        {
            // The content root the app has under scripts/run.sh and WebApplicationFactory.
            WorkingDirectory = RepositoryPaths.File("src", "CopAssessment.Web"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Testing",
            ["ConnectionStrings__Cop"] = connectionString,
            ["Database__MigrateOnStartup"] = "false",
            ["Jobs__Enabled"] = "true",
            ["ForwardedHeaders__KnownProxies__0"] = Nginx.SourceAddress,
            ["Security__SignInAttemptsPerMinute"] = ClusterFixture.AttemptsPerMinute.ToString(CultureInfo.InvariantCulture),
            ["Security__SignInAttemptsPerAccountPerMinute"] = "1000",
            ["Mail__PickupDirectory"] = MailDirectory,
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.AspNetCore.DataProtection"] = "Error",
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) break;
            try
            {
                if ((await client.GetAsync(Url("/health/ready"))).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(200);
        }
        throw new InvalidOperationException($"Instance {name} did not start on :{Port}:\n{Log}");
    }

    public string Log { get { lock (_log) return _log.ToString(); } }

    /// <summary>The ids of the messages this instance wrote to its pickup folder (files are named by id).</summary>
    public HashSet<long> MailFiles() =>
        [.. Directory.GetFiles(MailDirectory, "*.eml").Select(f => long.Parse(Path.GetFileNameWithoutExtension(f), CultureInfo.InvariantCulture))];

    /// <summary>kill -9 of the app and what it started (Chromium): a crash, nothing shut down cleanly.</summary>
    public void Kill()
    {
        _process!.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public void Suspend() => Signal("STOP");

    public void Resume() => Signal("CONT");

    private void Signal(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process!.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited) return;
        Resume();
        // SIGTERM: the host's graceful shutdown; then whatever is left.
        using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])) await term.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
        }
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// Debian's nginx with deploy/nginx/run-cluster.conf and cop-site.conf as scripts/run-cluster.sh runs them, only on
/// free ports instead of 5000–5002 (the three addresses are replaced, and must each be found once).
/// </summary>
public sealed class Nginx : IDisposable
{
    /// <summary>Where nginx's connections to the instances come from (proxy_bind in run-cluster.conf).</summary>
    public const string SourceAddress = "127.0.0.2";

    public static string? Binary { get; } = new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists);

    private readonly Process _process;
    private readonly string _prefix;

    public int Port { get; }

    private Nginx(Process process, string prefix, int port) => (_process, _prefix, Port) = (process, prefix, port);

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    public string[] AccessLog()
    {
        using var stream = new FileStream(Path.Combine(_prefix, "access.log"), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public static async Task<Nginx> StartAsync(int first, int second)
    {
        var prefix = Directory.CreateTempSubdirectory("cop-nginx-").FullName;
        // Run as root, nginx's workers are 'nobody': they must reach the temporary folders under the prefix.
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(prefix, (UnixFileMode)0b111_101_101);
        var port = AppInstance.FreePort();
        var config = await File.ReadAllTextAsync(RepositoryPaths.File("deploy", "nginx", "run-cluster.conf"));
        foreach (var (from, to) in new[] { ("127.0.0.1:5000", $"127.0.0.1:{port}"), ("127.0.0.1:5001", $"127.0.0.1:{first}"), ("127.0.0.1:5002", $"127.0.0.1:{second}") })
        {
            Assert.Single(Regex.Matches(config, Regex.Escape(from) + ";"));
            config = config.Replace(from + ";", to + ";");
        }
        await File.WriteAllTextAsync(Path.Combine(prefix, "run-cluster.conf"), config);
        File.Copy(RepositoryPaths.File("deploy", "nginx", "cop-site.conf"), Path.Combine(prefix, "cop-site.conf"));
        var process = Process.Start(new ProcessStartInfo(Binary!, ["-p", prefix + "/", "-c", Path.Combine(prefix, "run-cluster.conf")])
        {
            RedirectStandardError = true,
        })!;
        var nginx = new Nginx(process, prefix, port);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < 50; i++)
        {
            if (process.HasExited) break;
            try
            {
                if ((await client.GetAsync(nginx.Url("/health/ready"))).IsSuccessStatusCode) return nginx;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        var error = process.HasExited ? await process.StandardError.ReadToEndAsync() : "";
        nginx.Dispose();
        throw new InvalidOperationException("nginx did not start: " + error + File.ReadAllText(Path.Combine(prefix, "error.log")));
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: nginx's fast shutdown, workers included; then whatever is left.
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])) term.WaitForExit();
            if (!_process.WaitForExit(5000)) _process.Kill(entireProcessTree: true);
        }
        _process.Dispose();
    }
}
