// Best-practice library benchmark: 10,000 published practices in six languages, search with two filters.
// Run: ConnectionStrings__Cop=… dotnet run -c Release --project tests/CopAssessment.Benchmarks.Library [-- iterations]
// (scripts/bench-library.sh starts the local cluster and does this.) Creates and drops its own database.
// DB figure: LibrarySearch.SearchAsync (the app's own SQL: count + ranked page + ts_headline), timed
// around the round trip. Page figure: GET /best-practices?q=…&region=…&audience=… over real HTTP (Kestrel).
using CopAssessment.Web.Features.BestPractices;
using Microsoft.AspNetCore.Builder;
using Npgsql;

namespace CopAssessment.Benchmarks.Library;

// An explicit entry class: top-level statements would declare a second 'Program' beside the web app's.
public static class LibraryBenchmark
{
    public static async Task Main(string[] args)
    {
        var iterations = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 400;
        // Second argument: practices to insert (10,000 by default; fewer on a loaded machine).
        var practices = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        var baseConnection = Environment.GetEnvironmentVariable("ConnectionStrings__Cop")
            ?? throw new InvalidOperationException("Set ConnectionStrings__Cop (scripts/bench-library.sh does).");
        var database = "cop_bench_library";
        var admin = new NpgsqlConnectionStringBuilder(baseConnection) { Database = "postgres", Pooling = false }.ConnectionString;
        await Exec(admin, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
        await Exec(admin, $"CREATE DATABASE \"{database}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(baseConnection) { Database = database }.ConnectionString;

        // Outside a test project WebApplicationFactory cannot guess the app's content root; name it.
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CopAssessment.sln"))) root = root.Parent;
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_COPASSESSMENT_WEB",
            Path.Combine(root?.FullName ?? ".", "src", "CopAssessment.Web"));
        await using var app = new BenchApp(connectionString);
        app.UseKestrel(0);
        app.StartServer();
        var http = app.CreateClient();
        http.BaseAddress = app.ClientOptions.BaseAddress;

        var seed = Stopwatch.StartNew();
        await Exec(connectionString, GenerateSql(practices));
        Console.WriteLine($"Inserted {practices:N0} published practices in {seed.Elapsed.TotalSeconds:F1} s");

        // Query words with their language: whole words, inflected forms that only a stemmer joins to the
        // documents' forms (Russian), and Chinese runs of two characters, some from the middle of a word.
        (string Word, string Language)[] words =
        [
            ("helpline", "en"), ("school", "en"), ("grooming", "en"), ("hotline", "en"), ("parents", "en"), ("regulator", "en"),
            ("police", "en"), ("curriculum", "en"), ("reporting", "en"), ("evaluation", "en"),
            ("éducation", "fr"), ("signalement", "fr"), ("famille", "fr"), ("plateforme", "fr"), ("protección", "es"), ("الأطفال", "ar"),
            ("дети", "ru"), ("безопасность", "ru"), ("школы", "ru"), ("родитель", "ru"), ("защиту", "ru"), ("полицию", "ru"),
            ("обучению", "ru"), ("платформам", "ru"),
            ("儿童", "zh"), ("保护", "zh"), ("举报", "zh"), ("热线", "zh"), ("年人", "zh"), ("青少", "zh"), ("络安", "zh"), ("安全", "zh"),
        ];
        string[] regions = ["AFR", "AMS", "ARB", "ASP", "CIS", "EUR"];
        string[] audiences = ["children", "parents-educators", "industry", "policy-makers"];
        var random = new Random(42);
        string language = "";
        LibraryQuery NextQuery()
        {
            var (word, wordLanguage) = words[random.Next(words.Length)];
            language = wordLanguage;
            return new() { Q = word, Region = regions[random.Next(regions.Length)], Audience = audiences[random.Next(audiences.Length)] };
        }

        // Warm up both paths (JIT, plan cache, connection pool).
        for (var i = 0; i < 30; i++)
        {
            await SearchOnce(NextQuery());
            (await http.GetAsync("/best-practices" + NextQuery().ToQueryString())).EnsureSuccessStatusCode();
        }

        var db = new List<double>();
        var dbByLanguage = new Dictionary<string, List<double>>();
        var foundByLanguage = new Dictionary<string, List<int>>();
        var page = new List<double>();
        var found = new List<int>();
        var slowest = new List<(double Ms, string Query, int Total)>();
        for (var i = 0; i < iterations; i++)
        {
            var query = NextQuery();
            var watch = Stopwatch.StartNew();
            var result = await SearchOnce(query);
            db.Add(watch.Elapsed.TotalMilliseconds);
            found.Add(result.Total);
            (dbByLanguage.TryGetValue(language, out var samples) ? samples : dbByLanguage[language] = []).Add(watch.Elapsed.TotalMilliseconds);
            (foundByLanguage.TryGetValue(language, out var counts) ? counts : foundByLanguage[language] = []).Add(result.Total);
            slowest.Add((watch.Elapsed.TotalMilliseconds, query.ToQueryString(), result.Total));

            watch.Restart();
            var response = await http.GetAsync("/best-practices" + query.ToQueryString());
            var body = await response.Content.ReadAsStringAsync();
            page.Add(watch.Elapsed.TotalMilliseconds);
            if (!response.IsSuccessStatusCode || !body.Contains("found</p>", StringComparison.Ordinal))
                throw new InvalidOperationException($"Page failed: {(int)response.StatusCode}");
        }

        Console.WriteLine($"Iterations: {iterations}; matches per query: median {Percentile(found.Select(f => (double)f).ToList(), 50):F0}, max {found.Max()}");
        Report("Search with q + region + audience (DB round trip)", db);
        Report("Whole page GET /best-practices?q=…&region=…&audience=…", page);
        foreach (var (wordLanguage, samples) in dbByLanguage.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            var counts = foundByLanguage[wordLanguage];
            Report($"  DB, {wordLanguage} queries ({samples.Count}; matches median {Percentile(counts.Select(c => (double)c).ToList(), 50):F0}, max {counts.Max()})", samples);
        }
        foreach (var (ms, q, total) in slowest.OrderByDescending(x => x.Ms).Take(5)) Console.WriteLine($"  slowest: {ms:F1} ms {q} ({total} matches)");
        await app.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        // BENCH_KEEP=1 leaves the database for EXPLAIN ANALYZE.
        if (Environment.GetEnvironmentVariable("BENCH_KEEP") != "1")
            await Exec(admin, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");

        async Task<LibraryResult> SearchOnce(LibraryQuery query)
        {
            // Not app.Services: with UseKestrel that is the provider of a host the factory has already
            // disposed (ObjectDisposedException); use the provider of the host that serves the requests.
            await using var scope = app.RunningServices.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<LibrarySearch>().SearchAsync(query);
        }

    }

    private static void Report(string name, List<double> samples) =>
        Console.WriteLine($"{name}: p50 {Percentile(samples, 50):F2} ms, p95 {Percentile(samples, 95):F2} ms, p99 {Percentile(samples, 99):F2} ms, max {samples.Max():F2} ms");

    private static double Percentile(List<double> samples, double p)
    {
        var sorted = samples.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    private static async Task Exec(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    // Deterministic synthetic practices: words drawn by arithmetic on the row number. English, French, Arabic
    // and Spanish practices draw from one mixed vocabulary (as before issue 12), Russian ones from Russian word
    // forms, Chinese ones from Chinese words and characters written without spaces.
    private static string GenerateSql(int count) => $$"""
        CREATE TEMP TABLE w AS SELECT ARRAY[
          'online','safety','children','school','helpline','hotline','grooming','parents','teachers','regulator','industry','platform',
          'reporting','police','investigation','victims','support','curriculum','awareness','campaign','evaluation','research','youth',
          'participation','cyberbullying','privacy','abuse','exploitation','law','justice','training','community','family','media',
          'protección','niñez','educación','denuncia','familia','escuela','éducation','protection','enfants','signalement','plateforme',
          'sécurité','famille','écoute','الأطفال','الحماية','الإنترنت','المدارس'] AS a,
          ARRAY['детей','безопасности','интернете','школах','родителей','защиты','полиции','линии','доверия','обучения','учителей',
          'платформы','жалобы','регулятора','кибербуллинга','эксплуатации','насилия','семьи','кампании','исследования','подростков',
          'программы','сообщества','законы','помощи','оценка','детский','безопасный','школа','родители','защита','полиция','обучение',
          'платформа','жалоба','регулятор','кибербуллинг','насилие','семья','кампания','исследование','подростки','программа','сообщество',
          'закон','помощь','оценки','детская','интернет','учителя','дети','школьники'] AS ru,
          ARRAY['儿童','网络','安全','保护','学校','家长','教师','热线','举报','平台','监管','警察','课程','培训','宣传','研究','评估',
          '隐私','欺凌','诱骗','剥削','未成年人','青少年','家庭','社区','媒体','法律','司法','受害者','支持','参与','意识','活动','政策',
          '行业','企业','设置','内容','有害','求助','咨询','服务','数据','调查','风险','教育','技能','数字','素养','互联网','游戏','社交'] AS zh,
          '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行'
          || '学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天'
          || '政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最'
          || '立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论'
          AS chars;
        -- Word k of row n: a log-uniform (Zipf-like) rank in 1..3000; the 52 domain words sit at ranks
        -- 100, 150, … 2650, so each occurs in roughly 1 to 15 % of the practices, as content words do. Other
        -- ranks are filler: 'w<rank>', or in Chinese two characters chosen by the rank.
        CREATE FUNCTION pg_temp.cop_bench_word(words text[], chars text, n bigint, k int) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
          SELECT CASE WHEN r >= 100 AND r % 50 = 0 AND r / 50 - 1 <= 52 THEN words[r / 50 - 1]
                      WHEN chars IS NULL THEN 'w' || r
                      ELSE substr(chars, 1 + r % length(chars), 1) || substr(chars, 1 + (r / 7) % length(chars), 1) END
          FROM (SELECT floor(exp(((abs(hashint8(n * 100003 + k)) % 1000000) / 1000000.0) * ln(3000)))::int AS r) x
        $f$;
        -- Words of row n joined as its language writes them; Chinese with a comma every twelve words.
        CREATE FUNCTION pg_temp.cop_bench_text(words text[], chars text, n bigint, first int, count int) RETURNS text LANGUAGE sql IMMUTABLE AS $f$
          SELECT CASE WHEN chars IS NULL THEN array_to_string(ARRAY(SELECT pg_temp.cop_bench_word(words, chars, n, first + k) FROM generate_series(1, count) k), ' ')
                      ELSE array_to_string(ARRAY(SELECT pg_temp.cop_bench_word(words, chars, n, first + k) || CASE WHEN k % 12 = 0 THEN '，' ELSE '' END
                                                 FROM generate_series(1, count) k), '') || '。' END
        $f$;
        CREATE TEMP TABLE c AS SELECT array_agg("Iso3" ORDER BY "Iso3") AS a FROM "Countries";
        INSERT INTO "BestPractices" ("OwnerId", "OwnerEmail", "CreatedAt", "FirstPublishedAt")
        SELECT 'bench', 'bench@example.org', now(), now() - make_interval(hours => i) FROM generate_series(1, {{count}}) i;
        INSERT INTO "BestPracticeVersions" ("PracticeId", "Number", "Status", "Title", "Summary", "Description", "Countries", "Organisation",
          "StakeholderGroup", "Audiences", "Capabilities", "StartYear", "EndYear", "Results", "EnablingFactors", "Scalability", "Links",
          "ContactName", "ContactEmail", "Language", "CreatedAt", "CreatedBy", "UpdatedAt", "SubmittedAt", "ReviewedAt", "ReviewedBy")
        SELECT p."Id", 1, 'Published',
          CASE WHEN p.chars IS NULL THEN initcap(p.words[1 + (n * 7) % 52]) || ' ' || p.words[1 + (n * 11) % 52] || ' programme ' || n
               ELSE p.words[1 + (n * 7) % 52] || p.words[1 + (n * 11) % 52] || '项目' || n END,
          pg_temp.cop_bench_text(p.words, p.chars, n, 0, 25),
          pg_temp.cop_bench_text(p.words, p.chars, n, 100, 200),
          ARRAY[c.a[1 + (n * 37) % array_length(c.a, 1)]],
          'Organisation ' || (n % 300),
          (ARRAY['government','regulator','industry','civil-society','academia','international-organisation','children-youth'])[1 + n % 7],
          CASE n % 4 WHEN 0 THEN ARRAY['children','parents-educators'] WHEN 1 THEN ARRAY['industry','policy-makers']
                     WHEN 2 THEN ARRAY['children','policy-makers'] ELSE ARRAY['parents-educators','industry'] END,
          ARRAY[(ARRAY['pg.1.leadership','cj.4.law_enforcement','vs.11.helpline','so.13.education','ind.17.reporting','mc.20.media_reporting'])[1 + n % 6]],
          2005 + n % 20, CASE WHEN n % 3 = 0 THEN NULL ELSE 2006 + n % 20 + n % 4 END,
          pg_temp.cop_bench_text(p.words, p.chars, n, 400, 60),
          'enablers', 'scaling', ARRAY['https://example.org/' || n], 'Contact', 'contact@example.org',
          p.language, now(), 'bench', now(), now(), now() - make_interval(hours => n::int), 'bench'
        FROM (SELECT b."Id", b.n, l.language,
                     CASE l.language WHEN 'ru' THEN w.ru WHEN 'zh' THEN w.zh ELSE w.a END AS words,
                     CASE l.language WHEN 'zh' THEN w.chars END AS chars
              FROM (SELECT "Id", row_number() OVER (ORDER BY "Id") AS n FROM "BestPractices" WHERE "OwnerId" = 'bench') b, w,
                   LATERAL (SELECT (ARRAY['en','fr','ar','es','ru','zh'])[1 + b.n % 6] AS language) l) p, c;
        UPDATE "BestPractices" p SET "PublishedVersionId" = v."Id" FROM "BestPracticeVersions" v WHERE v."PracticeId" = p."Id" AND p."OwnerId" = 'bench';
        ANALYZE;
        """;

}

internal sealed class BenchApp(string connectionString) : WebApplicationFactory<Program>
{
    private IServiceProvider? runningServices;

    // The root provider of the app that Kestrel runs, captured when its pipeline is built.
    public IServiceProvider RunningServices => runningServices
        ?? throw new InvalidOperationException("Start the server first (StartServer).");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Benchmark");
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new CaptureServices(provider => runningServices = provider)));
        foreach (var (key, value) in new Dictionary<string, string?>
        {
            ["ConnectionStrings:Cop"] = connectionString, ["Database:MigrateOnStartup"] = "true", ["Demo:Enabled"] = "true",
            ["Jobs:Enabled"] = "false", ["Logging:LogLevel:Default"] = "Warning",
        })
        {
            builder.UseSetting(key, value);
        }
    }
}

internal sealed class CaptureServices(Action<IServiceProvider> capture) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        capture(app.ApplicationServices);
        next(app);
    };
}
