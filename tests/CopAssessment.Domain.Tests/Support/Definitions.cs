using CopAssessment.Domain.Questionnaires;

namespace CopAssessment.Domain.Tests.Support;

/// <summary>A small valid definition that tests change one detail of.</summary>
public static class Definitions
{
    public const string Base = """
        {
          "key": "test", "version": "1", "title": { "en": "Test" },
          "stages": [
            { "key": "building", "name": { "en": "Building" }, "minScore": 0 },
            { "key": "developing", "name": { "en": "Developing" }, "minScore": 25 },
            { "key": "advanced", "name": { "en": "Advanced" }, "minScore": 50 },
            { "key": "maturity", "name": { "en": "Maturity" }, "minScore": 75 }
          ],
          "domains": [
            { "key": "d1", "name": { "en": "Domain 1" },
              "capabilities": [
                { "key": "c1", "name": { "en": "Capability 1" },
                  "suggestedActions": { "building": { "en": "b" }, "developing": { "en": "d" }, "advanced": { "en": "a" }, "maturity": { "en": "m" } },
                  "questions": [
                    { "key": "q1", "type": "yesPartialNo", "text": { "en": "Q1" } },
                    { "key": "q2", "type": "singleChoice", "text": { "en": "Q2" },
                      "options": [ { "key": "a", "label": { "en": "A" }, "score": 1 }, { "key": "b", "label": { "en": "B" }, "score": 0 } ] },
                    { "key": "q3", "type": "number", "text": { "en": "Q3" } },
                    { "key": "q4", "type": "text", "text": { "en": "Q4" } }
                  ] }
              ] }
          ]
        }
        """;

    public const string Q = "$.domains[0].capabilities[0].questions";

    public static JsonObject BaseNode() => JsonNode.Parse(Base)!.AsObject();

    public static JsonObject Question(JsonObject root, int index) =>
        root["domains"]![0]!["capabilities"]![0]!["questions"]![index]!.AsObject();

    public static JsonArray Questions(JsonObject root) => root["domains"]![0]!["capabilities"]![0]!["questions"]!.AsArray();

    public static IReadOnlyList<DefinitionProblem> Problems(Action<JsonObject> change)
    {
        var root = BaseNode();
        change(root);
        return DefinitionValidator.Validate(root.ToJsonString());
    }

    public static QuestionnaireDefinition Parse(Action<JsonObject> change)
    {
        var root = BaseNode();
        change(root);
        return QuestionnaireDefinition.Parse(root.ToJsonString());
    }

    /// <summary>A definition with one capability holding the given questions (JSON array text).</summary>
    public static QuestionnaireDefinition WithQuestions(string questionsJson)
    {
        var root = BaseNode();
        root["domains"]![0]!["capabilities"]![0]!["questions"] = JsonNode.Parse(questionsJson);
        return QuestionnaireDefinition.Parse(root.ToJsonString());
    }
}
