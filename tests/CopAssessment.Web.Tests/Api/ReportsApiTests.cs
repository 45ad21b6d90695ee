using System.Net;
using CopAssessment.Web.Features.Reports;
using CopAssessment.Web.Tests.Reports;

namespace CopAssessment.Web.Tests.Api;

[Collection(AppCollection.Name)]
public class ReportsApiTests(CopAppFactory app)
{
    // Four African countries, two in Europe (fewer than three: suppressed when anonymised).
    private static bool Participants(string iso3) => iso3 is "KEN" or "GHA" or "NGA" or "SEN" or "FRA" or "DEU";

    [Fact]
    public async Task Scorecard_is_scoped_and_equals_the_scoring_engine()
    {
        var cycle = await CycleSeed.CreateAsync(app, PublicationPolicy.Named, Participants);
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var json = JsonDocument.Parse(await ken.GetStringAsync($"/api/v1/cycles/{cycle}/countries/KEN/scorecard")).RootElement;
        var expected = CycleSeed.Expected("KEN");
        Assert.Equal(expected.Overall!.Value, json.GetProperty("overall").GetDouble(), 9);
        var policy = json.GetProperty("domains").EnumerateArray().Single(d => d.GetProperty("key").GetString() == "policy");
        Assert.Equal(expected.FindDomain("policy")!.Score!.Value, policy.GetProperty("score").GetDouble(), 9);
        Assert.Equal(HttpStatusCode.NotFound, (await ken.GetAsync($"/api/v1/cycles/{cycle}/countries/GHA/scorecard")).StatusCode);
    }

    [Fact]
    public async Task Scorecard_lists_capability_scores_and_a_planned_cycle_has_none()
    {
        var cycle = await CycleSeed.CreateAsync(app, PublicationPolicy.Named, Participants);
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var json = JsonDocument.Parse(await ken.GetStringAsync($"/api/v1/cycles/{cycle}/countries/KEN/scorecard")).RootElement;
        var expected = CycleSeed.Expected("KEN");
        var capabilities = json.GetProperty("domains").EnumerateArray().SelectMany(d => d.GetProperty("capabilities").EnumerateArray()).ToList();
        Assert.Equal(ReportTestData.Definition.Domains.Sum(d => d.Capabilities.Count), capabilities.Count);
        var scored = ReportTestData.Definition.Domains.Where(d => d.Scored).SelectMany(d => d.Capabilities).First(c => c.IsScored).Key;
        var capability = capabilities.Single(c => c.GetProperty("key").GetString() == scored);
        Assert.Equal(expected.FindCapability(scored)!.Score!.Value, capability.GetProperty("score").GetDouble(), 9);

        await app.WithDbAsync(db => db.Set<AssessmentCycle>().Where(c => c.Id == cycle)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, CycleStatus.Planned)));
        Assert.Equal(HttpStatusCode.NotFound, (await ken.GetAsync($"/api/v1/cycles/{cycle}/countries/KEN/scorecard")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ken.GetAsync($"/api/v1/cycles/{cycle}/scores")).StatusCode);
    }

    [Fact]
    public async Task A_submitted_but_unvalidated_scorecard_has_no_score_but_its_real_completeness()
    {
        var cycle = await CycleSeed.CreateAsync(app, PublicationPolicy.Named, Participants);
        await app.WithDbAsync(db => db.Set<Submission>().Where(s => s.CycleId == cycle && s.CountryIso3 == "KEN")
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SubmissionStatus.Submitted)
                .SetProperty(x => x.ScoreSnapshot, (string?)null).SetProperty(x => x.ValidatedAt, (DateTimeOffset?)null)));
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var json = JsonDocument.Parse(await ken.GetStringAsync($"/api/v1/cycles/{cycle}/countries/KEN/scorecard")).RootElement;

        // What the review and overview pages show: the engine's completeness over the current answers.
        var expected = CycleSeed.Expected("KEN");
        Assert.Equal("Submitted", json.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("overall").ValueKind);
        Assert.True(expected.Completeness.Ratio > 0.5);
        Assert.Equal(expected.Completeness.Ratio, json.GetProperty("completeness").GetDouble(), 12);
        foreach (var domain in json.GetProperty("domains").EnumerateArray())
        {
            var key = domain.GetProperty("key").GetString()!;
            Assert.Equal(expected.FindDomain(key)!.Completeness.Ratio, domain.GetProperty("completeness").GetDouble(), 12);
            Assert.Equal(JsonValueKind.Null, domain.GetProperty("score").ValueKind);
        }
    }

    [Fact]
    public async Task Unscored_domains_are_listed_with_their_completeness_and_no_score()
    {
        var cycle = await CycleSeed.CreateAsync(app, PublicationPolicy.Named, Participants);
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var json = JsonDocument.Parse(await ken.GetStringAsync($"/api/v1/cycles/{cycle}/countries/KEN/scorecard")).RootElement;
        var expected = CycleSeed.Expected("KEN");
        var unscored = json.GetProperty("domains").EnumerateArray().Where(d => !d.GetProperty("scored").GetBoolean()).ToList();
        Assert.Equal(ReportTestData.Definition.Domains.Where(d => !d.Scored).Select(d => d.Key), unscored.Select(d => d.GetProperty("key").GetString()));
        foreach (var domain in unscored)
        {
            Assert.Equal(expected.FindDomain(domain.GetProperty("key").GetString()!)!.Completeness.Ratio, domain.GetProperty("completeness").GetDouble(), 12);
            Assert.Equal(JsonValueKind.Null, domain.GetProperty("score").ValueKind);
            Assert.All(domain.GetProperty("capabilities").EnumerateArray(), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("score").ValueKind));
        }
    }

    [Fact]
    public async Task Named_scores_list_only_the_callers_countries()
    {
        var cycle = await CycleAsync(PublicationPolicy.Named);
        var coordinator = await app.SignedInClientAsync("coordinator.afr@demo.local");
        var json = JsonDocument.Parse(await coordinator.GetStringAsync($"/api/v1/cycles/{cycle}/scores")).RootElement;
        var countries = json.GetProperty("countries").EnumerateArray().Select(c => c.GetProperty("iso3").GetString()).ToList();
        Assert.Equal(["GHA", "KEN", "NGA", "SEN"], countries);
        var afr = json.GetProperty("regions").EnumerateArray().Single(r => r.GetProperty("region").GetString() == "AFR");
        var expectedMean = new[] { "GHA", "KEN", "NGA", "SEN" }.Average(c => CycleSeed.Expected(c).Overall!.Value);
        Assert.Equal(expectedMean, afr.GetProperty("overall").GetProperty("mean").GetDouble(), 9);
    }

    [Fact]
    public async Task Coordinators_and_focal_points_receive_only_their_own_regions_figures()
    {
        var cycle = await CycleAsync(PublicationPolicy.Named);
        foreach (var user in new[] { "coordinator.afr@demo.local", "focal.ken@demo.local" })
        {
            var client = await app.SignedInClientAsync(user);
            var body = await client.GetStringAsync($"/api/v1/cycles/{cycle}/scores");
            var json = JsonDocument.Parse(body).RootElement;
            var regions = json.GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("region").GetString()).ToList();
            Assert.Equal(["AFR"], regions);
            Assert.DoesNotContain("\"EUR\"", body);
            // The global means are in every report they may see (the scorecard and the regional report).
            Assert.Equal(JsonValueKind.Object, json.GetProperty("global").ValueKind);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/cycles/{cycle}/scores?region=EUR")).StatusCode);
        }

        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var own = JsonDocument.Parse(await ken.GetStringAsync($"/api/v1/cycles/{cycle}/scores?region=AFR")).RootElement;
        Assert.Equal(["KEN"], own.GetProperty("countries").EnumerateArray().Select(c => c.GetProperty("iso3").GetString()).ToList());
        Assert.Equal("AFR", own.GetProperty("regions").EnumerateArray().Single().GetProperty("region").GetString());

        // The Secretariat still receives every region.
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var all = JsonDocument.Parse(await reviewer.GetStringAsync($"/api/v1/cycles/{cycle}/scores")).RootElement;
        var allRegions = all.GetProperty("regions").EnumerateArray().Select(r => r.GetProperty("region").GetString()).ToList();
        Assert.Contains("AFR", allRegions);
        Assert.Contains("EUR", allRegions);
    }

    [Fact]
    public async Task Anonymised_scores_name_no_country_and_suppress_small_groups()
    {
        var cycle = await CycleAsync(PublicationPolicy.Anonymised);
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var body = await reviewer.GetStringAsync($"/api/v1/cycles/{cycle}/scores?region=EUR");
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Empty(json.GetProperty("countries").EnumerateArray());
        Assert.DoesNotContain("FRA", body);
        var eur = json.GetProperty("regions").EnumerateArray().Single();
        Assert.Equal(2, eur.GetProperty("overall").GetProperty("n").GetInt32());
        Assert.Equal(JsonValueKind.Null, eur.GetProperty("overall").GetProperty("mean").ValueKind);
        Assert.True(eur.GetProperty("overall").GetProperty("suppressed").GetBoolean());
    }

    [Fact]
    public async Task Api_answers_401_json_without_a_cookie_and_publishes_an_openapi_document()
    {
        var anonymous = app.CreateBrowserClient();
        var response = await anonymous.GetAsync("/api/v1/cycles");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("json", response.Content.Headers.ContentType!.MediaType);
        var contributor = await app.SignedInClientAsync("contributor@demo.local");
        Assert.Equal(HttpStatusCode.Forbidden, (await contributor.GetAsync("/api/v1/cycles")).StatusCode);

        var openApi = await anonymous.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/cycles/{cycleId}/scores", openApi);
        Assert.Contains("/api/v1/cycles/{cycleId}/countries/{iso3}/scorecard", openApi);
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        Assert.Equal(JsonValueKind.Array, JsonDocument.Parse(await ken.GetStringAsync("/api/v1/cycles")).RootElement.ValueKind);
    }

    /// <summary>The API's country rows and figures follow the reports' publication rule: the same countries, statuses and means.</summary>
    [Theory]
    [InlineData(PublicationPolicy.Named)]
    [InlineData(PublicationPolicy.Anonymised)]
    public async Task Api_scores_show_what_the_global_and_regional_reports_show(PublicationPolicy policy)
    {
        var cycle = await CycleAsync(policy);
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        foreach (var (kind, region) in new[] { (ReportKind.Global, (string?)null), (ReportKind.Regional, "AFR"), (ReportKind.Regional, "EUR") })
        {
            var json = JsonDocument.Parse(await reviewer.GetStringAsync($"/api/v1/cycles/{cycle}/scores" + (region is null ? "" : $"?region={region}"))).RootElement;
            ReportData? report = null;
            await app.WithScopeAsync(async sp => report = await sp.GetRequiredService<ReportLoader>()
                .LoadAsync(new ReportScope(kind, cycle, region), "en", UserScope.Everything));

            var api = json.GetProperty("countries").EnumerateArray().Select(c => (
                c.GetProperty("iso3").GetString(), c.GetProperty("name").GetString(), c.GetProperty("status").GetString(),
                c.GetProperty("overall").ValueKind == JsonValueKind.Null ? (double?)null : c.GetProperty("overall").GetDouble())).ToList();
            var shown = report!.Countries.Select(c => ((string?)c.Iso3, c.Name, (string?)c.Status.ToString(), c.Scorecard?.Overall)).ToList();
            Assert.Equal(shown, api);
            Assert.Equal(policy == PublicationPolicy.Named, api.Count > 0);

            var area = region is null ? json.GetProperty("global") : json.GetProperty("regions").EnumerateArray().Single();
            var figures = region is null ? report.Aggregate.Global : report.Area;
            var overall = area.GetProperty("overall");
            Assert.Equal(figures.Overall.N, overall.GetProperty("n").GetInt32());
            Assert.Equal(figures.Overall.Suppressed, overall.GetProperty("suppressed").GetBoolean());
            Assert.Equal(figures.Overall.Mean, overall.GetProperty("mean").ValueKind == JsonValueKind.Null ? null : overall.GetProperty("mean").GetDouble());
        }
    }

    private Task<int> CycleAsync(PublicationPolicy policy) => CycleSeed.CreateAsync(app, policy, Participants);
}
