namespace CopAssessment.Domain.Tests.Questionnaires;

/// <summary>
/// Keeps the published JSON Schema in step with the reader. (No schema validator here: System.Text.Json only,
/// so the full checks are DefinitionValidator's; these guard the parts that drift.)
/// </summary>
public class SchemaTests
{
    private static readonly JsonElement Schema =
        JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("samples/questionnaires/questionnaire.schema.json"))).RootElement;

    private static JsonElement Def(string name) => Schema.GetProperty("$defs").GetProperty(name);

    private static IEnumerable<string> PropertyNames(JsonElement objectSchema) =>
        objectSchema.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order();

    [Fact]
    public void Schema_is_draft_2020_12() =>
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", Schema.GetProperty("$schema").GetString());

    [Fact]
    public void Schema_lists_exactly_the_question_types_the_reader_knows()
    {
        var types = Def("question").GetProperty("properties").GetProperty("type").GetProperty("enum")
            .EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["yesPartialNo", "maturity", "singleChoice", "multipleChoice", "number", "text", "longText", "date", "url"], types);
        Assert.Equal(Enum.GetValues<CopAssessment.Domain.Questionnaires.QuestionType>().Length, types.Count);
    }

    [Fact]
    public void Schema_properties_match_the_format()
    {
        Assert.Equal(["$comment", "$schema", "description", "domains", "key", "stages", "title", "version"], PropertyNames(Schema));
        Assert.Equal(["$comment", "capabilities", "description", "key", "name", "scored", "weight"], PropertyNames(Def("domain")));
        Assert.Equal(["$comment", "description", "key", "name", "questions", "suggestedActions", "weight"], PropertyNames(Def("capability")));
        Assert.Equal(["$comment", "constraint", "doNotCarry", "evidenceExpected", "help", "integer", "key", "options", "relevantWhen", "required", "text", "type", "weight"],
            PropertyNames(Def("question")));
        Assert.Equal(["$comment", "key", "label", "notApplicable", "score"], PropertyNames(Def("option")));
        Assert.Equal(["$comment", "expression", "max", "maxLength", "message", "min", "pattern"], PropertyNames(Def("constraint")));
    }
}
