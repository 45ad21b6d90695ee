using CopAssessment.Domain.Questionnaires;

namespace CopAssessment.Domain.Tests.Scoring;

public class ScoringEngineTests
{
    // One capability: ypn (with a not-applicable option), maturity, single choice, multiple choice, and the
    // recorded types. Weights differ so weighted means are visible.
    private static readonly QuestionnaireDefinition Definition = Definitions.WithQuestions("""
        [
          { "key": "ypn", "type": "yesPartialNo", "text": { "en": "ypn" }, "weight": 2,
            "options": [ { "key": "yes", "label": { "en": "Yes" }, "score": 1 },
                         { "key": "partial", "label": { "en": "Partly" }, "score": 0.5 },
                         { "key": "no", "label": { "en": "No" }, "score": 0 },
                         { "key": "na", "label": { "en": "N/A" }, "notApplicable": true } ] },
          { "key": "mat", "type": "maturity", "text": { "en": "mat" } },
          { "key": "single", "type": "singleChoice", "text": { "en": "single" },
            "options": [ { "key": "a", "label": { "en": "A" }, "score": 1 }, { "key": "b", "label": { "en": "B" }, "score": 0.25 } ] },
          { "key": "multi", "type": "multipleChoice", "text": { "en": "multi" }, "required": false,
            "options": [ { "key": "x", "label": { "en": "X" }, "score": 0.4 }, { "key": "y", "label": { "en": "Y" }, "score": 0.4 },
                         { "key": "z", "label": { "en": "Z" }, "score": 0.4 } ] },
          { "key": "plain", "type": "singleChoice", "text": { "en": "unscored" },
            "options": [ { "key": "a", "label": { "en": "A" } }, { "key": "b", "label": { "en": "B" } } ] },
          { "key": "num", "type": "number", "text": { "en": "num" } },
          { "key": "txt", "type": "text", "text": { "en": "txt" }, "required": false },
          { "key": "long", "type": "longText", "text": { "en": "long" }, "required": false },
          { "key": "when", "type": "date", "text": { "en": "when" }, "required": false },
          { "key": "link", "type": "url", "text": { "en": "link" }, "required": false,
            "relevantWhen": "ypn in ('yes', 'partial')" }
        ]
        """);

    private static Scorecard Score(ScoringMode mode, params (string Key, AnswerValue Value)[] answers) =>
        ScoringEngine.Score(Definition, answers.ToDictionary(a => a.Key, a => a.Value), mode);

    private static QuestionScore Question(Scorecard card, string key) => card.FindQuestion(key)!;

    [Theory]
    [InlineData("yes", 1)]
    [InlineData("partial", 0.5)]
    [InlineData("no", 0)]
    public void Yes_partial_no_scores_one_half_zero(string option, double expected) =>
        Assert.Equal(expected, Question(Score(ScoringMode.Provisional, ("ypn", AnswerValue.Option(option))), "ypn").Score);

    [Fact]
    public void Partial_answer_scores_half() =>
        Assert.Equal(50, Score(ScoringMode.Provisional, ("ypn", AnswerValue.Option("partial"))).Overall);

    [Theory]
    [InlineData("building", 0)]
    [InlineData("developing", 1 / 3.0)]
    [InlineData("advanced", 2 / 3.0)]
    [InlineData("maturity", 1)]
    public void Maturity_level_k_of_n_scores_k_over_n_minus_one(string stage, double expected) =>
        Assert.Equal(expected, Question(Score(ScoringMode.Provisional, ("mat", AnswerValue.Option(stage))), "mat").Score!.Value, 12);

    [Fact]
    public void Single_choice_scores_its_option() =>
        Assert.Equal(0.25, Question(Score(ScoringMode.Provisional, ("single", AnswerValue.Option("b"))), "single").Score);

    [Fact]
    public void Multiple_choice_sums_chosen_scores_capped_at_one()
    {
        Assert.Equal(0.8, Question(Score(ScoringMode.Provisional, ("multi", AnswerValue.Options("x", "y"))), "multi").Score!.Value, 12);
        Assert.Equal(1, Question(Score(ScoringMode.Provisional, ("multi", AnswerValue.Options("x", "y", "z"))), "multi").Score);
    }

    [Fact]
    public void Recorded_types_are_not_scored_but_count_as_answered()
    {
        var card = Score(ScoringMode.Submitted,
            ("plain", AnswerValue.Option("a")), ("num", AnswerValue.Number(3)), ("txt", AnswerValue.Text("t")),
            ("long", AnswerValue.Text("l")), ("when", AnswerValue.Date(new DateOnly(2024, 1, 1))));
        foreach (var key in new[] { "plain", "num", "txt", "long", "when" })
        {
            Assert.Equal(QuestionOutcome.NotScored, Question(card, key).Outcome);
            Assert.Null(Question(card, key).Score);
            Assert.True(Question(card, key).Answered);
        }
    }

    [Fact]
    public void Capability_score_is_the_weighted_mean_of_its_questions()
    {
        // ypn (weight 2) yes = 1, mat (weight 1) building = 0 → (2·1 + 1·0) / 3
        var card = Score(ScoringMode.Provisional, ("ypn", AnswerValue.Option("yes")), ("mat", AnswerValue.Option("building")));
        Assert.Equal(200 / 3.0, card.FindCapability("c1")!.Score!.Value, 10);
    }

    [Fact]
    public void Not_applicable_leaves_the_denominator()
    {
        var card = Score(ScoringMode.Submitted, ("ypn", AnswerValue.Option("na")), ("mat", AnswerValue.Option("maturity")),
            ("single", AnswerValue.Option("a")));
        Assert.Equal(QuestionOutcome.NotApplicable, Question(card, "ypn").Outcome);
        Assert.Equal(100, card.Overall);
    }

    [Fact]
    public void Not_applicable_flag_counts_only_where_the_question_offers_it()
    {
        var card = Score(ScoringMode.Submitted, ("ypn", AnswerValue.NotApplicable), ("mat", AnswerValue.NotApplicable),
            ("single", AnswerValue.Option("a")));
        Assert.Equal(QuestionOutcome.NotApplicable, Question(card, "ypn").Outcome);
        Assert.Equal(QuestionOutcome.UnansweredCountedZero, Question(card, "mat").Outcome);
        Assert.Equal(50, card.Overall);
    }

    [Fact]
    public void Hidden_question_is_neither_required_nor_scored_and_its_answer_is_ignored()
    {
        var card = Score(ScoringMode.Submitted, ("ypn", AnswerValue.Option("no")), ("link", AnswerValue.Text("https://x.org")));
        var link = Question(card, "link");
        Assert.Equal(QuestionOutcome.Hidden, link.Outcome);
        Assert.False(link.Required);
        Assert.False(link.Answered);
    }

    [Fact]
    public void Relevant_question_is_shown_when_its_condition_holds() =>
        Assert.Equal(QuestionOutcome.NotScored, Question(Score(ScoringMode.Submitted, ("ypn", AnswerValue.Option("yes"))), "link").Outcome);

    [Fact]
    public void Unanswered_required_question_is_left_out_before_submission()
    {
        var card = Score(ScoringMode.Provisional, ("ypn", AnswerValue.Option("yes")));
        Assert.Equal(QuestionOutcome.Unanswered, Question(card, "mat").Outcome);
        Assert.Equal(100, card.Overall);
    }

    [Fact]
    public void Unanswered_required_question_counts_zero_once_submitted()
    {
        var card = Score(ScoringMode.Submitted, ("ypn", AnswerValue.Option("yes")));
        Assert.Equal(QuestionOutcome.UnansweredCountedZero, Question(card, "mat").Outcome);
        Assert.Equal(0, Question(card, "mat").Score);
        Assert.Equal(50, card.Overall); // ypn 2·1, mat 1·0, single 1·0 → 2/4
    }

    [Fact]
    public void Unanswered_optional_question_is_always_left_out()
    {
        var card = Score(ScoringMode.Submitted, ("ypn", AnswerValue.Option("yes")), ("mat", AnswerValue.Option("maturity")),
            ("single", AnswerValue.Option("a")));
        Assert.Equal(QuestionOutcome.Unanswered, Question(card, "multi").Outcome);
        Assert.Equal(100, card.Overall);
    }

    [Fact]
    public void Answer_that_does_not_fit_its_question_reads_as_unanswered()
    {
        var card = Score(ScoringMode.Submitted, ("ypn", AnswerValue.Option("maybe")), ("mat", AnswerValue.Number(3)),
            ("multi", AnswerValue.Options("x", "nope")));
        Assert.Equal(QuestionOutcome.UnansweredCountedZero, Question(card, "ypn").Outcome);
        Assert.Equal(QuestionOutcome.UnansweredCountedZero, Question(card, "mat").Outcome);
        Assert.Equal(QuestionOutcome.Unanswered, Question(card, "multi").Outcome);
    }

    [Fact]
    public void No_score_when_nothing_is_applicable()
    {
        var card = Score(ScoringMode.Provisional);
        Assert.Null(card.Overall);
        Assert.Null(card.Stage);
        Assert.Null(card.Domains[0].Score);
        Assert.Null(card.FindCapability("c1")!.Score);
    }

    [Fact]
    public void Completeness_counts_answered_required_visible_questions()
    {
        // Required and visible: ypn, mat, single, plain, num (link is optional, hidden anyway).
        var card = Score(ScoringMode.Provisional, ("ypn", AnswerValue.Option("na")), ("num", AnswerValue.Number(1)),
            ("txt", AnswerValue.Text("optional")));
        Assert.Equal(new Completeness(2, 5), card.Completeness);
        Assert.Equal(0.4, card.Completeness.Ratio);
        Assert.Equal(card.Completeness, card.Domains[0].Completeness);
    }

    [Fact]
    public void Stages_follow_the_definition_thresholds()
    {
        var card = Score(ScoringMode.Provisional, ("ypn", AnswerValue.Option("partial")));
        Assert.Equal("advanced", card.Stage);
        Assert.Equal("advanced", card.Domains[0].Stage);
        Assert.Equal("advanced", card.FindCapability("c1")!.Stage);
    }

    [Fact]
    public void Domain_weights_shape_the_overall_and_unscored_domains_stay_out()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(Definitions.Base)!.AsObject();
        var domains = json["domains"]!.AsArray();
        var second = domains[0]!.DeepClone().AsObject();
        second["key"] = "d2";
        second["weight"] = 3;
        second["capabilities"]![0]!["key"] = "c2";
        foreach (var q in second["capabilities"]![0]!["questions"]!.AsArray())
        {
            q!["key"] = "b" + q["key"]!.GetValue<string>();
        }

        var context = second.DeepClone().AsObject();
        context["key"] = "ctx";
        context["scored"] = false;
        context["capabilities"]![0]!["key"] = "c3";
        foreach (var q in context["capabilities"]![0]!["questions"]!.AsArray())
        {
            q!["key"] = "c" + q["key"]!.GetValue<string>();
        }

        domains.Add(second);
        domains.Add(context);
        var definition = QuestionnaireDefinition.Parse(json.ToJsonString());
        var answers = new Dictionary<string, AnswerValue>
        {
            ["q1"] = AnswerValue.Option("yes"), ["q2"] = AnswerValue.Option("a"),   // d1: 100
            ["bq1"] = AnswerValue.Option("no"), ["bq2"] = AnswerValue.Option("b"), // d2: 0, weight 3
            ["cbq1"] = AnswerValue.Option("yes"), ["cbq2"] = AnswerValue.Option("a"), // ctx: 100, not in overall
        };
        var card = ScoringEngine.Score(definition, answers, ScoringMode.Submitted);
        Assert.Equal(25, card.Overall);
        Assert.Equal(100, card.FindDomain("ctx")!.Score);
        Assert.False(card.FindDomain("ctx")!.Scored);
    }

    [Fact]
    public void Hiding_cascades_through_conditions_on_hidden_questions()
    {
        var definition = Definitions.WithQuestions("""
            [
              { "key": "a", "type": "yesPartialNo", "text": { "en": "a" } },
              { "key": "b", "type": "yesPartialNo", "text": { "en": "b" }, "relevantWhen": "a == 'yes'" },
              { "key": "c", "type": "yesPartialNo", "text": { "en": "c" }, "relevantWhen": "b == 'yes'" }
            ]
            """);
        var answers = new Dictionary<string, AnswerValue>
        {
            ["a"] = AnswerValue.Option("no"), ["b"] = AnswerValue.Option("yes"), ["c"] = AnswerValue.Option("yes"),
        };
        Assert.Equal(new HashSet<string> { "b", "c" }, QuestionVisibility.HiddenQuestions(definition, answers));
        Assert.Equal(0, ScoringEngine.Score(definition, answers, ScoringMode.Submitted).Overall);
    }

    [Fact]
    public void Scorecard_round_trips_through_json_for_snapshots()
    {
        var card = Score(ScoringMode.Submitted, ("ypn", AnswerValue.Option("partial")), ("mat", AnswerValue.Option("advanced")));
        var json = System.Text.Json.JsonSerializer.Serialize(card);
        var back = System.Text.Json.JsonSerializer.Deserialize<Scorecard>(json)!;
        Assert.Equal(card.Overall, back.Overall);
        Assert.Equal(json, System.Text.Json.JsonSerializer.Serialize(back));
    }

    [Theory]
    [InlineData(62.25, 62.3)]
    [InlineData(62.24, 62.2)]
    [InlineData(99.95, 100.0)]
    [InlineData(0.04, 0.0)]
    public void Display_rounding_is_one_decimal_half_away_from_zero(double score, double expected) =>
        Assert.Equal(expected, ScoreDisplay.Round(score));

    [Theory]
    [InlineData(48.74999999999999, "48.8")]  // 48.75 reached through floating-point arithmetic
    [InlineData(81.24999999999999, "81.3")]
    [InlineData(31.249999999999996, "31.3")]
    [InlineData(62.250000000000007, "62.3")]
    [InlineData(48.7499, "48.7")]
    public void A_half_reached_through_floating_point_noise_rounds_away_from_zero(double score, string shown)
    {
        Assert.Equal(shown, ScoreDisplay.Format(score));
        Assert.Equal(double.Parse(shown, System.Globalization.CultureInfo.InvariantCulture), ScoreDisplay.Round(score));
    }

    [Fact]
    public void Display_format_shows_a_dash_for_no_score()
    {
        Assert.Equal("–", ScoreDisplay.Format(null));
        Assert.Equal("43.5", ScoreDisplay.Format(1175 / 27.0));
        Assert.Equal("43,5", ScoreDisplay.Format(1175 / 27.0, System.Globalization.CultureInfo.GetCultureInfo("fr-FR")));
    }
}
