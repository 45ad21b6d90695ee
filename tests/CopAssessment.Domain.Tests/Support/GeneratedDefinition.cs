using System.Text.Json.Nodes;
using CopAssessment.Domain.Answers;
using CopAssessment.Domain.Questionnaires;

namespace CopAssessment.Domain.Tests.Support;

/// <summary>
/// Deterministic synthetic questionnaires and answer sets, shared by the property tests and the benchmark
/// (which links this file). Every question type, weights, not-applicable options and relevance conditions.
/// </summary>
public static class GeneratedDefinition
{
    private static readonly string[] StageKeys = ["building", "developing", "advanced", "maturity"];

    public static string Json(int domains, int capabilities, int questions, int seed)
    {
        var random = new Random(seed);
        var stages = new JsonArray();
        for (var s = 0; s < StageKeys.Length; s++)
        {
            stages.Add(new JsonObject { ["key"] = StageKeys[s], ["name"] = Text(StageKeys[s]), ["minScore"] = s * 25 });
        }

        var domainArray = new JsonArray();
        var questionNumber = 0;
        var capabilityCounter = 0;
        for (var d = 0; d < domains; d++)
        {
            var capabilityArray = new JsonArray();
            var capabilitiesHere = capabilities / domains + (d < capabilities % domains ? 1 : 0);
            for (var c = 0; c < capabilitiesHere; c++)
            {
                var capabilityIndex = capabilityCounter++;
                var questionArray = new JsonArray();
                var questionsHere = questions / capabilities + (capabilityIndex < questions % capabilities ? 1 : 0);
                string? gate = null;
                for (var q = 0; q < questionsHere; q++)
                {
                    var key = $"q{++questionNumber}";
                    // The first question of a capability is always scored, so every capability has a score.
                    var type = q == 0 ? "yesPartialNo" : Types[random.Next(Types.Length)];
                    var question = new JsonObject
                    {
                        ["key"] = key,
                        ["type"] = type,
                        ["text"] = Text($"Question {key}"),
                        ["weight"] = 1 + random.Next(3),
                        ["required"] = random.Next(5) > 0,
                    };
                    if (type == "yesPartialNo" && random.Next(3) == 0)
                    {
                        question["options"] = new JsonArray(
                            Option("yes", 1), Option("partial", 0.5), Option("no", 0),
                            new JsonObject { ["key"] = "na", ["label"] = Text("Not applicable"), ["notApplicable"] = true });
                    }
                    else if (type is "singleChoice" or "multipleChoice")
                    {
                        question["options"] = new JsonArray(Option("a", 1), Option("b", 0.6), Option("c", 0.3), Option("d", 0));
                    }
                    else if (type == "number")
                    {
                        question["constraint"] = new JsonObject { ["min"] = 0, ["max"] = 1000 };
                    }

                    if (q > 0 && gate is not null && random.Next(4) == 0)
                    {
                        question["relevantWhen"] = $"{gate} in ('yes', 'partial')";
                    }

                    if (type == "yesPartialNo")
                    {
                        gate = key;
                    }

                    questionArray.Add(question);
                }

                var actions = new JsonObject();
                foreach (var stage in StageKeys)
                {
                    actions[stage] = Text($"Action for {stage}");
                }

                capabilityArray.Add(new JsonObject
                {
                    ["key"] = $"d{d + 1}.c{c + 1}",
                    ["name"] = Text($"Capability {d + 1}.{c + 1}"),
                    ["weight"] = 1 + random.Next(2),
                    ["suggestedActions"] = actions,
                    ["questions"] = questionArray,
                });
            }

            domainArray.Add(new JsonObject
            {
                ["key"] = $"d{d + 1}",
                ["name"] = Text($"Domain {d + 1}"),
                ["weight"] = 1 + random.Next(2),
                ["capabilities"] = capabilityArray,
            });
        }

        return new JsonObject
        {
            ["key"] = "generated",
            ["version"] = seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["title"] = Text("Generated"),
            ["stages"] = stages,
            ["domains"] = domainArray,
        }.ToJsonString();
    }

    public static QuestionnaireDefinition Create(int domains = 6, int capabilities = 21, int questions = 130, int seed = 1) =>
        QuestionnaireDefinition.Parse(Json(domains, capabilities, questions, seed));

    /// <summary>
    /// A random answer set. <paramref name="complete"/> answers every question with a valid value; otherwise
    /// some questions are left out, marked not applicable, or answered with values that do not fit.
    /// </summary>
    public static Dictionary<string, AnswerValue> Answers(QuestionnaireDefinition definition, Random random, bool complete)
    {
        var answers = new Dictionary<string, AnswerValue>(StringComparer.Ordinal);
        foreach (var question in definition.Questions)
        {
            var roll = complete ? 10 : random.Next(12);
            if (roll < 2)
            {
                continue;
            }

            if (roll == 2)
            {
                answers[question.Key] = AnswerValue.NotApplicable;
                continue;
            }

            if (roll == 3)
            {
                answers[question.Key] = Misfit(random);
                continue;
            }

            answers[question.Key] = Valid(question, random);
        }

        return answers;
    }

    private static AnswerValue Valid(Question question, Random random) => question.Type switch
    {
        QuestionType.MultipleChoice => AnswerValue.Options(question.Options.Where(_ => random.Next(2) == 0).Select(o => o.Key)
            .DefaultIfEmpty(question.Options[0].Key)),
        QuestionType.Number => AnswerValue.Number(random.Next(1000)),
        QuestionType.Date => AnswerValue.Date(new DateOnly(2000, 1, 1).AddDays(random.Next(9000))),
        QuestionType.Url => AnswerValue.Text("https://example.org/" + random.Next(100)),
        QuestionType.Text or QuestionType.LongText => AnswerValue.Text("text " + random.Next(100)),
        _ => AnswerValue.Option(question.Options[random.Next(question.Options.Count)].Key),
    };

    private static AnswerValue Misfit(Random random) => random.Next(4) switch
    {
        0 => AnswerValue.Option("nonsense"),
        1 => AnswerValue.Number(-5),
        2 => AnswerValue.Options("x", "y"),
        _ => AnswerValue.Text(""),
    };

    private static readonly string[] Types =
        ["yesPartialNo", "yesPartialNo", "maturity", "singleChoice", "multipleChoice", "number", "text", "longText", "date", "url"];

    private static JsonObject Option(string key, double score) =>
        new() { ["key"] = key, ["label"] = Text(key), ["score"] = score };

    private static JsonObject Text(string en) => new() { ["en"] = en, ["fr"] = en + " (fr)" };
}
