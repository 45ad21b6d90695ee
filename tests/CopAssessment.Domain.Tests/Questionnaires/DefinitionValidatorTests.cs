using CopAssessment.Domain.Questionnaires;
using static CopAssessment.Domain.Tests.Support.Definitions;

namespace CopAssessment.Domain.Tests.Questionnaires;

public class DefinitionValidatorTests
{
    private static void AssertProblem(IReadOnlyList<DefinitionProblem> problems, string path, string messagePart)
    {
        Assert.True(problems.Any(p => p.Path == path && p.Message.Contains(messagePart, StringComparison.OrdinalIgnoreCase)),
            $"Expected a problem at {path} containing '{messagePart}', got:\n{string.Join("\n", problems)}");
    }

    private static JsonObject Option(string key, double? score) =>
        new() { ["key"] = key, ["label"] = new JsonObject { ["en"] = key }, ["score"] = score };

    [Fact]
    public void Base_definition_has_no_problem() => Assert.Empty(DefinitionValidator.Validate(Base));

    [Fact]
    public void Invalid_json_is_one_problem_at_the_root()
    {
        var problems = DefinitionValidator.Validate("{ \"key\": ");
        var problem = Assert.Single(problems);
        Assert.Equal("$", problem.Path);
        Assert.StartsWith("Invalid JSON", problem.Message);
    }

    [Fact]
    public void Non_object_root_is_refused() => AssertProblem(DefinitionValidator.Validate("[]"), "$", "JSON object");

    [Fact]
    public void Unknown_question_type_is_reported_with_the_known_types() =>
        AssertProblem(Problems(r => Question(r, 0)["type"] = "slider"), $"{Q}[0].type", "Unknown question type 'slider'");

    [Fact]
    public void Duplicate_question_key_is_reported_at_the_second_occurrence() =>
        AssertProblem(Problems(r => Question(r, 3)["key"] = "q1"), $"{Q}[3].key", "Duplicate question key 'q1'");

    [Fact]
    public void Duplicate_question_key_across_capabilities_is_reported()
    {
        var problems = Problems(r =>
        {
            var capabilities = r["domains"]![0]!["capabilities"]!.AsArray();
            var copy = capabilities[0]!.DeepClone().AsObject();
            copy["key"] = "c2";
            capabilities.Add(copy);
        });
        AssertProblem(problems, "$.domains[0].capabilities[1].questions[0].key", "Duplicate question key 'q1'");
    }

    [Fact]
    public void Duplicate_capability_key_is_reported()
    {
        var problems = Problems(r =>
        {
            var capabilities = r["domains"]![0]!["capabilities"]!.AsArray();
            var copy = capabilities[0]!.DeepClone().AsObject();
            foreach (var question in copy["questions"]!.AsArray())
            {
                question!["key"] = question["key"]!.GetValue<string>() + "x";
            }

            capabilities.Add(copy);
        });
        AssertProblem(problems, "$.domains[0].capabilities[1].key", "Duplicate capability key 'c1'");
    }

    [Fact]
    public void Duplicate_domain_key_is_reported()
    {
        var problems = Problems(r =>
        {
            var copy = r["domains"]![0]!.DeepClone().AsObject();
            copy["capabilities"]![0]!["key"] = "c9";
            foreach (var question in copy["capabilities"]![0]!["questions"]!.AsArray())
            {
                question!["key"] = question["key"]!.GetValue<string>() + "x";
            }

            r["domains"]!.AsArray().Add(copy);
        });
        AssertProblem(problems, "$.domains[1].key", "Duplicate domain key 'd1'");
    }

    [Fact]
    public void Duplicate_option_key_within_a_question_is_reported() =>
        AssertProblem(Problems(r => Question(r, 1)["options"]![1]!["key"] = "a"), $"{Q}[1].options[1].key", "Duplicate option key 'a'");

    [Fact]
    public void Condition_naming_an_unknown_question_is_reported() =>
        AssertProblem(Problems(r => Question(r, 3)["relevantWhen"] = "q9 == 'yes'"), $"{Q}[3].relevantWhen", "unknown question 'q9'");

    [Fact]
    public void Condition_referring_to_its_own_question_is_a_cycle() =>
        AssertProblem(Problems(r => Question(r, 0)["relevantWhen"] = "q1 == 'yes'"), $"{Q}[0].relevantWhen", "itself");

    [Fact]
    public void Conditions_forming_a_cycle_are_reported_with_the_cycle()
    {
        var problems = Problems(r =>
        {
            Question(r, 0)["relevantWhen"] = "q2 == 'a'";
            Question(r, 1)["relevantWhen"] = "answered(q4)";
            Question(r, 3)["relevantWhen"] = "q1 in ('yes')";
        });
        var problem = Assert.Single(problems);
        Assert.Contains("q1 → q2 → q4 → q1", problem.Message);
    }

    [Fact]
    public void Expression_syntax_error_is_reported_with_its_position() =>
        AssertProblem(Problems(r => Question(r, 3)["relevantWhen"] = "q1 == 'yes' and"), $"{Q}[3].relevantWhen", "position 15");

    [Fact]
    public void Expression_that_is_not_a_condition_is_reported() =>
        AssertProblem(Problems(r => Question(r, 3)["relevantWhen"] = "q3 + 1"), $"{Q}[3].relevantWhen", "expected a condition");

    [Fact]
    public void Value_in_a_relevance_condition_is_reported() =>
        AssertProblem(Problems(r => Question(r, 3)["relevantWhen"] = "value == 'x'"), $"{Q}[3].relevantWhen", "'value'");

    [Fact]
    public void Condition_comparing_with_an_option_that_does_not_exist_is_reported() =>
        AssertProblem(Problems(r => Question(r, 3)["relevantWhen"] = "q1 in ('yes', 'maybe')"), $"{Q}[3].relevantWhen", "no option 'maybe'");

    [Fact]
    public void Constraint_expression_syntax_error_is_reported() =>
        AssertProblem(Problems(r => Question(r, 2)["constraint"] = new JsonObject { ["expression"] = "value >" }),
            $"{Q}[2].constraint.expression", "position 7");

    [Theory]
    [InlineData(1.5)]
    [InlineData(-0.1)]
    public void Option_score_outside_zero_to_one_is_reported(double score) =>
        AssertProblem(Problems(r => Question(r, 1)["options"]![1]!["score"] = score), $"{Q}[1].options[1].score", "outside [0, 1]");

    [Fact]
    public void Not_applicable_option_with_a_score_is_reported()
    {
        var problems = Problems(r => Question(r, 1)["options"]!.AsArray().Add(new JsonObject
        {
            ["key"] = "na", ["label"] = new JsonObject { ["en"] = "N/A" }, ["score"] = 0, ["notApplicable"] = true,
        }));
        AssertProblem(problems, $"{Q}[1].options[2].score", "not-applicable option has no score");
    }

    [Fact]
    public void Unscored_option_in_a_scored_question_is_reported() =>
        AssertProblem(Problems(r => Question(r, 1)["options"]!.AsArray().Add(Option("c", null))), $"{Q}[1].options[2].score", "needs a score");

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Non_positive_question_weight_is_reported(double weight) =>
        AssertProblem(Problems(r => Question(r, 0)["weight"] = weight), $"{Q}[0].weight", "greater than 0");

    [Fact]
    public void Non_positive_capability_and_domain_weights_are_reported()
    {
        var problems = Problems(r =>
        {
            r["domains"]![0]!["weight"] = 0;
            r["domains"]![0]!["capabilities"]![0]!["weight"] = -1;
        });
        AssertProblem(problems, "$.domains[0].weight", "greater than 0");
        AssertProblem(problems, "$.domains[0].capabilities[0].weight", "greater than 0");
    }

    [Fact]
    public void Missing_english_text_is_reported_everywhere()
    {
        var problems = Problems(r =>
        {
            r["title"] = new JsonObject { ["fr"] = "Test" };
            r["stages"]![1]!["name"] = new JsonObject { ["fr"] = "x" };
            r["domains"]![0]!["name"] = new JsonObject { ["en"] = " " };
            r["domains"]![0]!["capabilities"]![0]!["suggestedActions"]!["advanced"] = new JsonObject { ["fr"] = "x" };
            Question(r, 0)["text"] = new JsonObject { ["fr"] = "x" };
            Question(r, 1)["options"]![0]!["label"] = new JsonObject { ["es"] = "x" };
            Question(r, 2)["constraint"] = new JsonObject { ["min"] = 0, ["message"] = new JsonObject { ["fr"] = "x" } };
        });
        AssertProblem(problems, "$.title", "English");
        AssertProblem(problems, "$.stages[1].name", "English");
        AssertProblem(problems, "$.domains[0].name", "English");
        AssertProblem(problems, "$.domains[0].capabilities[0].suggestedActions.advanced", "English");
        AssertProblem(problems, $"{Q}[0].text", "English");
        AssertProblem(problems, $"{Q}[1].options[0].label", "English");
        AssertProblem(problems, $"{Q}[2].constraint.message", "English");
    }

    [Fact]
    public void Missing_question_text_is_reported() =>
        AssertProblem(Problems(r => Question(r, 0).Remove("text")), $"{Q}[0].text", "required");

    [Fact]
    public void Stages_not_strictly_increasing_are_reported() =>
        AssertProblem(Problems(r => r["stages"]![2]!["minScore"] = 25), "$.stages[2].minScore", "strictly greater");

    [Fact]
    public void First_stage_not_at_zero_is_reported() =>
        AssertProblem(Problems(r => r["stages"]![0]!["minScore"] = 10), "$.stages[0].minScore", "minScore 0");

    [Fact]
    public void Fewer_than_two_stages_are_reported()
    {
        var problems = Problems(r =>
        {
            r["stages"] = new JsonArray(new JsonObject { ["key"] = "only", ["name"] = new JsonObject { ["en"] = "Only" }, ["minScore"] = 0 });
            r["domains"]![0]!["capabilities"]![0]!["suggestedActions"] = new JsonObject { ["only"] = new JsonObject { ["en"] = "x" } };
        });
        AssertProblem(problems, "$.stages", "At least two stages");
    }

    [Fact]
    public void Suggested_action_missing_for_a_stage_is_reported() =>
        AssertProblem(Problems(r => r["domains"]![0]!["capabilities"]![0]!["suggestedActions"]!.AsObject().Remove("maturity")),
            "$.domains[0].capabilities[0].suggestedActions", "stage 'maturity'");

    [Fact]
    public void Suggested_action_for_an_unknown_stage_is_reported() =>
        AssertProblem(Problems(r => r["domains"]![0]!["capabilities"]![0]!["suggestedActions"]!["expert"] = new JsonObject { ["en"] = "x" }),
            "$.domains[0].capabilities[0].suggestedActions.expert", "Unknown stage");

    [Fact]
    public void Choice_question_without_options_is_reported() =>
        AssertProblem(Problems(r => Question(r, 1).Remove("options")), $"{Q}[1].options", "needs options");

    [Fact]
    public void Choice_question_with_empty_options_is_reported() =>
        AssertProblem(Problems(r => Question(r, 1)["options"] = new JsonArray()), $"{Q}[1].options", "at least one option");

    [Fact]
    public void Options_on_a_non_choice_question_are_reported() =>
        AssertProblem(Problems(r => Question(r, 3)["options"] = new JsonArray(Option("a", 1))), $"{Q}[3].options", "only allowed on choice");

    [Fact]
    public void Min_and_max_on_a_text_question_are_reported()
    {
        var problems = Problems(r => Question(r, 3)["constraint"] = new JsonObject { ["min"] = 1, ["max"] = 3 });
        AssertProblem(problems, $"{Q}[3].constraint.min", "number questions only");
        AssertProblem(problems, $"{Q}[3].constraint.max", "number questions only");
    }

    [Fact]
    public void Max_length_and_pattern_on_a_number_question_are_reported()
    {
        var problems = Problems(r => Question(r, 2)["constraint"] = new JsonObject { ["maxLength"] = 5, ["pattern"] = "[0-9]+" });
        AssertProblem(problems, $"{Q}[2].constraint.maxLength", "text, longText and url");
        AssertProblem(problems, $"{Q}[2].constraint.pattern", "text, longText and url");
    }

    [Fact]
    public void Non_positive_max_length_is_reported() =>
        AssertProblem(Problems(r => Question(r, 3)["constraint"] = new JsonObject { ["maxLength"] = 0 }), $"{Q}[3].constraint.maxLength", "positive whole number");

    [Theory]
    [InlineData("^https?://", "anchored at its start only")]
    [InlineData(@"\.pdf$", "anchored at its end only")]
    public void A_pattern_anchored_at_one_end_only_is_reported(string pattern, string message) =>
        AssertProblem(Problems(r => Question(r, 3)["constraint"] = new JsonObject { ["pattern"] = pattern }), $"{Q}[3].constraint.pattern", message);

    [Theory]
    [InlineData("^[A-Z]{2}$")]
    [InlineData("https?://.*")]
    [InlineData(@"[0-9]+\$")]
    public void A_pattern_anchored_at_both_ends_or_neither_is_accepted(string pattern) =>
        Assert.Empty(Problems(r => Question(r, 3)["constraint"] = new JsonObject { ["pattern"] = pattern }));

    [Fact]
    public void Max_length_above_the_built_in_limit_is_reported() =>
        AssertProblem(Problems(r => Question(r, 3)["constraint"] = new JsonObject { ["maxLength"] = 1001 }), $"{Q}[3].constraint.maxLength", "above the limit of 1000");

    [Fact]
    public void Integer_flag_is_read_on_number_questions()
    {
        var node = BaseNode();
        Question(node, 2)["integer"] = true;
        var definition = QuestionnaireDefinition.Parse(node.ToJsonString());
        Assert.True(definition.FindQuestion("q3")!.Integer);
        Assert.False(QuestionnaireDefinition.Parse(Base).FindQuestion("q3")!.Integer);
    }

    [Fact]
    public void Do_not_carry_flag_is_read_and_defaults_to_carrying()
    {
        var node = BaseNode();
        Question(node, 1)["doNotCarry"] = true;
        var definition = QuestionnaireDefinition.Parse(node.ToJsonString());
        Assert.True(definition.FindQuestion("q2")!.DoNotCarry);
        Assert.False(definition.FindQuestion("q1")!.DoNotCarry);
        Assert.False(QuestionnaireDefinition.Parse(Base).FindQuestion("q2")!.DoNotCarry);
    }

    [Fact]
    public void Do_not_carry_flag_that_is_not_a_boolean_is_reported() =>
        AssertProblem(Problems(r => Question(r, 1)["doNotCarry"] = "yes"), $"{Q}[1].doNotCarry", "must be true or false");

    [Fact]
    public void Integer_flag_on_a_text_question_is_reported() =>
        AssertProblem(Problems(r => Question(r, 3)["integer"] = true), $"{Q}[3].integer", "number questions only");

    [Fact]
    public void Invalid_regex_pattern_is_reported() =>
        AssertProblem(Problems(r => Question(r, 3)["constraint"] = new JsonObject { ["pattern"] = "([a-z" }), $"{Q}[3].constraint.pattern", "Invalid regular expression");

    [Fact]
    public void Min_greater_than_max_is_reported() =>
        AssertProblem(Problems(r => Question(r, 2)["constraint"] = new JsonObject { ["min"] = 10, ["max"] = 1 }), $"{Q}[2].constraint", "greater than max");

    [Fact]
    public void Scored_domain_without_a_scored_question_is_reported()
    {
        var problems = Problems(r =>
        {
            var questions = Questions(r);
            questions.RemoveAt(0);
            questions.RemoveAt(0);
        });
        AssertProblem(problems, "$.domains[0]", "no scored question");
    }

    [Fact]
    public void Unscored_domain_without_a_scored_question_is_fine() =>
        Assert.Empty(Problems(r =>
        {
            r["domains"]![0]!["scored"] = false;
            var questions = Questions(r);
            questions.RemoveAt(0);
            questions.RemoveAt(0);
        }));

    [Fact]
    public void Capability_of_a_scored_domain_without_a_scored_question_is_reported()
    {
        var problems = Problems(r =>
        {
            var capabilities = r["domains"]![0]!["capabilities"]!.AsArray();
            var copy = capabilities[0]!.DeepClone().AsObject();
            copy["key"] = "c2";
            copy["questions"] = new JsonArray(new JsonObject { ["key"] = "t1", ["type"] = "text", ["text"] = new JsonObject { ["en"] = "T" } });
            capabilities.Add(copy);
        });
        AssertProblem(problems, "$.domains[0].capabilities[1]", "has no scored question");
    }

    [Fact]
    public void Unknown_property_is_reported_so_typos_do_not_pass() =>
        AssertProblem(Problems(r => Question(r, 0)["requried"] = false), $"{Q}[0].requried", "Unknown property");

    [Fact]
    public void Comment_property_is_allowed_anywhere() =>
        Assert.Empty(Problems(r =>
        {
            r["$comment"] = "top";
            Question(r, 0)["$comment"] = "note for authors";
        }));

    [Theory]
    [InlineData("1.2")]
    [InlineData("value")]
    [InlineData("a..b")]
    [InlineData("with space")]
    public void Question_key_that_expressions_cannot_name_is_reported(string key) =>
        AssertProblem(Problems(r => Question(r, 3)["key"] = key), $"{Q}[3].key", "not a valid question key");

    [Fact]
    public void Wrong_json_kinds_are_reported()
    {
        var problems = Problems(r =>
        {
            r["version"] = 1;
            Question(r, 0)["required"] = "yes";
            Question(r, 0)["weight"] = "2";
        });
        AssertProblem(problems, "$.version", "must be a string");
        AssertProblem(problems, $"{Q}[0].required", "true or false");
        AssertProblem(problems, $"{Q}[0].weight", "must be a number");
    }

    [Fact]
    public void Every_problem_is_listed_at_once()
    {
        var problems = Problems(r =>
        {
            Question(r, 0)["type"] = "slider";
            Question(r, 1)["options"]![0]!["score"] = 2;
            Question(r, 3)["relevantWhen"] = "q9 == 'x'";
            r["stages"]![0]!["minScore"] = 5;
        });
        Assert.True(problems.Count >= 4, string.Join("\n", problems));
    }

    [Fact]
    public void Parse_of_an_invalid_definition_throws_with_every_problem()
    {
        var root = BaseNode();
        Question(root, 0)["type"] = "slider";
        Question(root, 1)["weight"] = 0;
        var error = Assert.Throws<InvalidDefinitionException>(() => QuestionnaireDefinition.Parse(root.ToJsonString()));
        Assert.Equal(2, error.Problems.Count);
    }
}
