using CopAssessment.Domain.Questionnaires;

namespace CopAssessment.Domain.Tests.Questionnaires;

/// <summary>The examples in the docs are code: they must keep parsing and validating.</summary>
public class DocumentationExampleTests
{
    [Fact]
    public void Questionnaire_format_example_parses_and_validates()
    {
        var json = Assert.Single(RepositoryFiles.JsonBlocks("docs/questionnaire-format.md"));
        Assert.Empty(DefinitionValidator.Validate(json));

        var definition = QuestionnaireDefinition.Parse(json);
        Assert.Equal("example", definition.Key);
        Assert.Equal(3, definition.Questions.Count);
        Assert.Equal(4, definition.FindQuestion("pl.stage")!.Options.Count);
        Assert.Equal(["pl.body"], definition.FindQuestion("pl.body.name")!.Relevance!.ReferencedKeys());
    }

    [Fact]
    public void Scoring_worked_example_definition_validates()
    {
        var json = RepositoryFiles.JsonBlocks("docs/scoring.md")[0];
        Assert.Empty(DefinitionValidator.Validate(json));
    }
}
