using CopAssessment.Domain.Aggregation;
using CopAssessment.Domain.Questionnaires;

namespace CopAssessment.Domain.Tests.Aggregation;

public class AggregatorTests
{
    private static readonly QuestionnaireDefinition Definition = Definitions.Parse(_ => { });

    private static readonly Dictionary<string, string> Regions = new()
    {
        ["KEN"] = "AFR", ["GHA"] = "AFR", ["NGA"] = "AFR", ["SEN"] = "AFR",
        ["FRA"] = "EUR", ["DEU"] = "EUR",
        ["BRA"] = "AMS",
    };

    /// <summary>A validated result scoring <paramref name="q2"/> on q2 and yes on q1, i.e. (1 + q2score) / 2.</summary>
    private static CountryResult Result(string iso3, string q1, SubmissionStatus status = SubmissionStatus.Validated)
    {
        var answers = new Dictionary<string, AnswerValue> { ["q1"] = AnswerValue.Option(q1) };
        return new CountryResult(iso3, Regions[iso3], status, ScoringEngine.Score(Definition, answers, ScoringMode.Provisional));
    }

    [Fact]
    public void Participation_counts_member_states_submitted_and_validated()
    {
        var report = Aggregator.Aggregate(Definition,
        [
            Result("KEN", "yes"), Result("GHA", "no", SubmissionStatus.Returned), Result("NGA", "no", SubmissionStatus.Draft),
            Result("FRA", "yes", SubmissionStatus.Published),
        ], Regions);

        var africa = report.FindRegion("AFR")!;
        Assert.Equal(4, africa.MemberStates);
        Assert.Equal(2, africa.Submitted);
        Assert.Equal(1, africa.Validated);
        Assert.Equal(0.5, africa.ParticipationRate);
        Assert.Equal(7, report.Global.MemberStates);
        Assert.Equal(3, report.Global.Submitted);
        Assert.Equal(2, report.Global.Validated);
        Assert.Equal(0, report.FindRegion("AMS")!.Submitted);
        Assert.Equal(["AFR", "AMS", "EUR"], report.Regions.Select(r => r.Region));
    }

    [Fact]
    public void Statistics_give_n_mean_median_min_max_and_stage_counts()
    {
        var report = Aggregator.Aggregate(Definition,
            [Result("KEN", "yes"), Result("GHA", "partial"), Result("NGA", "no"), Result("SEN", "no")], Regions);
        var overall = report.FindRegion("AFR")!.Overall;
        Assert.Equal(4, overall.N);
        Assert.Equal(37.5, overall.Mean);
        Assert.Equal(25, overall.Median); // mean of the middle two: 0 and 50
        Assert.Equal(0, overall.Min);
        Assert.Equal(100, overall.Max);
        Assert.Equal([("building", 2), ("developing", 0), ("advanced", 1), ("maturity", 1)],
            overall.StageCounts!.Select(s => (s.Stage, s.Countries)));
        Assert.Equal(4, report.FindRegion("AFR")!.Capabilities.Single(c => c.Key == "c1").Statistics.N);
        Assert.Equal(37.5, report.FindRegion("AFR")!.Domains.Single(d => d.Key == "d1").Statistics.Mean);
    }

    /// <summary>A validated result whose overall index is <paramref name="overall"/> (no domains: only the index is aggregated).</summary>
    private static CountryResult Overall(string iso3, double overall) =>
        new(iso3, Regions[iso3], SubmissionStatus.Validated,
            new Scorecard("q", "1", ScoringMode.Submitted, overall, null, new Completeness(1, 1), []));

    [Theory]
    [InlineData(75.0, 500 / 6.0, 500 / 6.0, 500 / 6.0, 81.25, "81.3")]       // summed as doubles: 81.24999999999999
    [InlineData(100 / 6.0, 200 / 9.0, 500 / 12.0, 400 / 9.0, 31.25, "31.3")] // summed as doubles: 31.249999999999996
    public void A_mean_of_exactly_a_half_is_shown_rounded_away_from_zero(double a, double b, double c, double d, double mean, string shown)
    {
        var report = Aggregator.Aggregate(Definition, [Overall("KEN", a), Overall("GHA", b), Overall("NGA", c), Overall("SEN", d)], Regions);
        Assert.Equal(mean, report.Global.Overall.Mean);
        Assert.Equal(shown, ScoreDisplay.Format(report.Global.Overall.Mean));
        Assert.Equal(shown, ScoreDisplay.Format(report.FindRegion("AFR")!.Overall.Mean));
    }

    [Fact]
    public void Median_of_an_odd_count_is_the_middle_value()
    {
        var report = Aggregator.Aggregate(Definition, [Result("KEN", "yes"), Result("GHA", "partial"), Result("NGA", "no")], Regions);
        Assert.Equal(50, report.Global.Overall.Median);
    }

    [Fact]
    public void Anonymised_output_suppresses_figures_over_fewer_than_three_countries()
    {
        var report = Aggregator.Aggregate(Definition,
            [Result("KEN", "yes"), Result("GHA", "no"), Result("NGA", "no"), Result("FRA", "yes"), Result("DEU", "partial")],
            Regions, new AggregationOptions(PublicationMode.Anonymised));

        var europe = report.FindRegion("EUR")!.Overall;
        Assert.Equal(2, europe.N);
        Assert.True(europe.Suppressed);
        Assert.Null(europe.Mean);
        Assert.Null(europe.Median);
        Assert.Null(europe.Min);
        Assert.Null(europe.Max);
        Assert.Null(europe.StageCounts);

        Assert.False(report.FindRegion("AFR")!.Overall.Suppressed);
        Assert.Equal(5, report.Global.Overall.N);
        Assert.NotNull(report.Global.Overall.Mean);
    }

    [Fact]
    public void Anonymised_output_names_no_country()
    {
        var report = Aggregator.Aggregate(Definition, [Result("KEN", "yes"), Result("GHA", "no"), Result("NGA", "no")],
            Regions, new AggregationOptions(PublicationMode.Anonymised));
        var json = System.Text.Json.JsonSerializer.Serialize(report);
        Assert.All(Regions.Keys, iso3 => Assert.DoesNotContain(iso3, json));
        Assert.Null(report.Global.Countries);
    }

    [Fact]
    public void Named_output_carries_country_rows_sorted_by_code_not_by_score()
    {
        var report = Aggregator.Aggregate(Definition, [Result("KEN", "yes"), Result("GHA", "no"), Result("FRA", "partial")],
            Regions, new AggregationOptions(PublicationMode.Named));
        Assert.Equal(["FRA", "GHA", "KEN"], report.Global.Countries!.Select(c => c.Iso3));
        Assert.Equal(1, report.FindRegion("EUR")!.Overall.N);
        Assert.False(report.FindRegion("EUR")!.Overall.Suppressed);
        Assert.Equal(50, report.FindRegion("EUR")!.Overall.Mean);
    }

    [Fact]
    public void Validated_scores_only_by_default_and_all_submitted_on_request()
    {
        var results = new[] { Result("KEN", "yes"), Result("GHA", "no", SubmissionStatus.InReview), Result("NGA", "no", SubmissionStatus.Draft) };
        var named = new AggregationOptions(PublicationMode.Named);
        Assert.Equal(1, Aggregator.Aggregate(Definition, results, Regions, named).Global.Overall.N);
        Assert.Equal(2, Aggregator.Aggregate(Definition, results, Regions, named with { ScoresFrom = ScoresFrom.Submitted }).Global.Overall.N);
    }

    [Fact]
    public void Country_without_a_score_is_not_counted_in_statistics()
    {
        var results = new[] { Result("KEN", "yes"), new CountryResult("GHA", "AFR", SubmissionStatus.Validated, null) };
        var report = Aggregator.Aggregate(Definition, results, Regions, new AggregationOptions(PublicationMode.Named));
        Assert.Equal(1, report.Global.Overall.N);
        Assert.Equal(2, report.Global.Validated);
    }
}
