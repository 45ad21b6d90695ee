using System.Net;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CopAssessment.Domain.Aggregation;
using CopAssessment.Web.Tests.Reports;

namespace CopAssessment.Web.Tests.Results;

/// <summary>
/// /results, as an anonymous visitor sees it: published cycles only; a named cycle's map and table give each
/// validated country's overall index; an anonymised cycle's give regions only, with no figure from fewer than three
/// countries, and name no country in any language.
/// </summary>
[Collection(AppCollection.Name)]
public class PublicResultsTests(CopAppFactory app)
{
    private static readonly string[] Languages = ["en", "fr", "ar", "es", "ru", "zh-Hans"];

    private async Task<int> PublishedCycleAsync(PublicationPolicy policy, Func<string, bool> participates, CycleStatus status = CycleStatus.Published)
    {
        var cycle = await CycleSeed.CreateAsync(app, policy, participates);
        await app.WithDbAsync(db => db.Set<AssessmentCycle>().Where(c => c.Id == cycle).ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, status)));
        return cycle;
    }

    [Fact]
    public async Task Only_published_cycles_are_public()
    {
        var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var published = await PublishedCycleAsync(PublicationPolicy.Named, iso3 => iso3 == "KEN");
        var list = await anonymous.GetStringAsync("/results");
        Assert.Contains($"/results/{published}\"", list);
        foreach (var status in new[] { CycleStatus.Planned, CycleStatus.Open, CycleStatus.Closed })
        {
            var hidden = await PublishedCycleAsync(PublicationPolicy.Named, iso3 => iso3 == "KEN", status);
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/results/{hidden}")).StatusCode);
            Assert.DoesNotContain($"/results/{hidden}\"", await anonymous.GetStringAsync("/results"));
        }
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/results/999999")).StatusCode);
    }

    [Fact]
    public async Task A_named_cycles_map_shades_every_validated_country_with_its_overall_index_and_the_table_says_the_same()
    {
        string[] countries = ["KEN", "FRA", "BRA", "JPN", "EGY"];
        var cycle = await PublishedCycleAsync(PublicationPolicy.Named, countries.Contains);
        var anonymous = app.CreateClient();
        var html = await anonymous.GetStringAsync($"/results/{cycle}");

        var svg = XElement.Parse(Regex.Match(html, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"world-map\".*?</svg>", RegexOptions.Singleline).Value);
        XNamespace ns = "http://www.w3.org/2000/svg";
        var areas = svg.Descendants().Where(g => (string?)g.Attribute("class") == "map-area").ToList();
        Assert.Equal(193, areas.Count);
        // Keyboard-reachable: a link for a country with published figures, a focusable group for the others.
        Assert.All(areas, a => Assert.True(a.Name == ns + "a" ? a.Attribute("href") is not null : (string?)a.Attribute("tabindex") == "0", a.ToString()[..80]));
        Assert.Equal(countries.Length, areas.Count(a => a.Name == ns + "a"));
        foreach (var iso3 in countries)
        {
            var expected = CycleSeed.Expected(iso3);
            var name = "";
            await app.WithScopeAsync(async sp => name = await sp.GetRequiredService<Infrastructure.Localization.PlaceNames>().CountryAsync(iso3, "en"));
            var figure = Domain.Scoring.ScoreDisplay.Format(expected.Overall, CultureInfo.InvariantCulture);
            var area = areas.Single(a => ((string?)a.Attribute("aria-label"))!.StartsWith(name + ":", StringComparison.Ordinal));
            Assert.Contains(figure, (string?)area.Attribute("aria-label"));
            Assert.Equal((string?)area.Attribute("aria-label"), area.Element(ns + "title")!.Value);
            // Shaded with its stage's colour, not the "no figure" grey.
            Assert.DoesNotContain(area.Descendants(), e => (string?)e.Attribute("fill") == "#" + Reporting.Maps.WorldMap.NoDataFill);
            Assert.Equal($"/results/{cycle}/{iso3}", (string?)area.Attribute("href"));
            Assert.Matches($@"<td>\s*<a href=""/results/{cycle}/{iso3}"">{Regex.Escape(System.Net.WebUtility.HtmlEncode(name))}</a>\s*</td>\s*<td class=""text-end"">{Regex.Escape(figure)}</td>", html);
        }
        var unscored = areas.Single(a => ((string?)a.Attribute("aria-label"))!.StartsWith("Ghana:", StringComparison.Ordinal));
        Assert.Contains("no validated assessment", (string?)unscored.Attribute("aria-label"));
    }

    [Fact]
    public async Task An_anonymised_cycle_shows_regions_only_and_no_figure_from_fewer_than_three_countries_in_every_language()
    {
        // Every country of Africa and Europe; two CIS countries (too few for a figure).
        var regions = ReportTestData.CountryRegions;
        var cycle = await PublishedCycleAsync(PublicationPolicy.Anonymised, iso3 => regions[iso3] is "AFR" or "EUR" || iso3 is "RUS" or "KAZ");
        var anonymous = app.CreateClient();
        var names = await app.WithDbAsync(db => db.CountryNames.AsNoTracking().Select(n => n.Name).ToListAsync());
        names.AddRange(await app.WithDbAsync(db => db.Countries.AsNoTracking().Select(c => c.Name).ToListAsync()));
        foreach (var language in Languages)
        {
            var html = await anonymous.GetStringAsync($"/results/{cycle}?culture={language}&ui-culture={language}");
            var svg = Regex.Match(html, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"world-map\".*?</svg>", RegexOptions.Singleline).Value;
            var labels = Regex.Matches(svg, "aria-label=\"([^\"]*)\"").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
            Assert.Equal(7, labels.Count); // the map's own name and the six regions
            var main = Regex.Match(html, "<main.*?</main>", RegexOptions.Singleline).Value;
            var text = System.Net.WebUtility.HtmlDecode(Regex.Replace(main, "<[^>]+>", " "));
            var named = names.Where(n => n.Length > 2 && Regex.IsMatch(text, $@"(?<!\p{{L}}){Regex.Escape(n)}(?!\p{{L}})")).Distinct().ToList();
            Assert.True(named.Count == 0, $"{language}: names {string.Join(", ", named)}");
        }

        var english = System.Net.WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/results/{cycle}"));
        Assert.Contains("Commonwealth of Independent States: Fewer than 3 countries: no figure is shown.", english);
        var africa = CycleSeed.ExpectedMean(regions.Where(r => r.Value == "AFR").Select(r => r.Key));
        Assert.Contains($"Africa: {Domain.Scoring.ScoreDisplay.Format(africa, CultureInfo.InvariantCulture)}", english);
    }

    [Fact]
    public async Task A_named_cycles_country_page_shows_its_published_scorecard_and_other_pages_are_not_found()
    {
        var cycle = await PublishedCycleAsync(PublicationPolicy.Named, iso3 => iso3 is "KEN" or "UGA" or "TZA" or "FRA");
        var anonymous = app.CreateClient();
        var response = await anonymous.GetAsync($"/results/{cycle}/KEN");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var expected = CycleSeed.Expected("KEN");
        Assert.Contains("<h1 class=\"h3\">Kenya</h1>", html);
        Assert.Contains($"Overall index: <strong>{Domain.Scoring.ScoreDisplay.Format(expected.Overall, CultureInfo.InvariantCulture)}</strong>", html);
        string F(double? score) => score is null ? "no figure" : Domain.Scoring.ScoreDisplay.Format(score, CultureInfo.InvariantCulture)!;
        foreach (var domain in ReportTestData.Definition.Domains.Where(d => d.Scored))
        {
            Assert.Matches($@"<th scope=""row"">{Regex.Escape(domain.Name.Get("en"))}</th>\s*<td class=""text-end"">{Regex.Escape(F(expected.FindDomain(domain.Key)?.Score))}</td>", html);
            foreach (var capability in domain.Capabilities.Where(c => c.IsScored))
                Assert.Matches($@"<td class=""ps-4"">{Regex.Escape(capability.Name.Get("en"))}</td>\s*<td class=""text-end"">{Regex.Escape(F(expected.FindCapability(capability.Key)?.Score))}</td>", html);
        }
        // The regional mean beside it: Africa's three countries.
        var regional = ReportTestData.Definition.Domains.Where(d => d.Scored).Select(d => d.Key).First();
        var mean = new[] { "KEN", "UGA", "TZA" }.Select(c => CycleSeed.Expected(c).FindDomain(regional)?.Score).Where(s => s is not null).Average();
        Assert.Contains($"<td class=\"text-end\">{F(mean)}</td>", html);
        Assert.Contains("Kenya", await anonymous.GetStringAsync($"/results/{cycle}/ken"));

        // Not validated, not a country, not published, anonymised: nothing to show.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/results/{cycle}/GHA")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/results/{cycle}/XYZ")).StatusCode);
        var closed = await PublishedCycleAsync(PublicationPolicy.Named, iso3 => iso3 == "KEN", CycleStatus.Closed);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/results/{closed}/KEN")).StatusCode);
        var anonymised = await PublishedCycleAsync(PublicationPolicy.Anonymised, iso3 => iso3 is "KEN" or "UGA" or "TZA" or "FRA");
        foreach (var language in Languages)
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/results/{anonymised}/KEN?culture={language}&ui-culture={language}")).StatusCode);
        Assert.DoesNotMatch($@"/results/{anonymised}/[A-Za-z]{{3}}""", await anonymous.GetStringAsync($"/results/{anonymised}"));
    }

    [Fact]
    public async Task A_country_page_shows_the_change_since_the_countrys_previous_published_cycle_only()
    {
        var definition = ReportTestData.Definition;
        Scorecard Card(int seed) => ScoringEngine.Score(definition, ReportTestData.Answers(definition, seed), ScoringMode.Submitted);
        async Task<int> CycleInAsync(int year, CycleStatus status, Scorecard kenya, PublicationPolicy policy = PublicationPolicy.Named)
        {
            var id = await PublishedCycleAsync(policy, iso3 => iso3 is "KEN" or "UGA" or "TZA", status);
            await app.WithDbAsync(async db =>
            {
                await db.Set<AssessmentCycle>().Where(c => c.Id == id).ExecuteUpdateAsync(u => u.SetProperty(c => c.OpensOn, new DateOnly(year, 1, 1)));
                return await db.Set<Submission>().Where(x => x.CycleId == id && x.CountryIso3 == "KEN")
                    .ExecuteUpdateAsync(u => u.SetProperty(x => x.ScoreSnapshot, ScoreSnapshot.Serialize(kenya)));
            });
            return id;
        }
        var tag = Guid.NewGuid().GetHashCode() & 0xffff;
        var earlier = Card(tag + 1);
        var hidden = Card(tag + 2);
        await CycleInAsync(2090, CycleStatus.Published, earlier);
        var closed = await CycleInAsync(2091, CycleStatus.Closed, hidden); // later than the published one, but not public
        // Published, but anonymised: Kenya's own score in it is not public.
        var anonymised = await CycleInAsync(2091, CycleStatus.Published, hidden, PublicationPolicy.Anonymised);
        var current = await CycleInAsync(2092, CycleStatus.Published, CycleSeed.Expected("KEN"));
        var html = System.Net.WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync($"/results/{current}/KEN"));
        var row = Regex.Match(html, @"<tr data-key=""overall"">.*?</tr>", RegexOptions.Singleline).Value;
        Assert.NotEmpty(row);
        var now = CycleSeed.Expected("KEN").Overall;
        Assert.Contains($">{ScoreDisplay.Format(earlier.Overall, CultureInfo.InvariantCulture)}<", row);
        Assert.Contains($">{ScoreDisplay.Format(now, CultureInfo.InvariantCulture)}<", row);
        Assert.Contains(Trends.FormatChange(Trends.Difference(earlier.Overall, now), CultureInfo.InvariantCulture), row);
        var closedName = await app.WithDbAsync(db => db.Set<AssessmentCycle>().Where(c => c.Id == closed).Select(c => c.Name).SingleAsync());
        Assert.DoesNotContain(closedName, html);
        Assert.DoesNotContain(await app.WithDbAsync(db => db.Set<AssessmentCycle>().Where(c => c.Id == anonymised).Select(c => c.Name).SingleAsync()), html);
        Assert.DoesNotContain($">{ScoreDisplay.Format(hidden.Overall, CultureInfo.InvariantCulture)}<", row);
    }
}
