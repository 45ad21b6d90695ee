using CopAssessment.Domain.Questionnaires;
using CopAssessment.Domain.Tests.Support;

namespace CopAssessment.Domain.Tests.Questionnaires;

/// <summary>The real MNR definition shipped in samples/. Deliberately fails (no skip) while the file is missing.</summary>
public class MnrQuestionnaireTests
{
    private static readonly string MnrPath = RepositoryFiles.PathOf("samples/questionnaires/mnr.json");

    [Fact]
    public void Mnr_definition_validates_without_problems()
    {
        Assert.True(File.Exists(MnrPath), $"{MnrPath} is missing.");
        var problems = DefinitionValidator.Validate(File.ReadAllBytes(MnrPath));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void Mnr_definition_has_the_model_national_response_shape()
    {
        Assert.True(File.Exists(MnrPath), $"{MnrPath} is missing.");
        var definition = QuestionnaireDefinition.Parse(File.ReadAllBytes(MnrPath));
        var scoredDomains = definition.Domains.Where(d => d.Scored).ToList();
        Assert.True(definition.Questions.Count >= 110, $"{definition.Questions.Count} questions");
        Assert.Equal(6, scoredDomains.Count);
        Assert.Equal(21, scoredDomains.SelectMany(d => d.Capabilities).Count(c => c.IsScored));
        Assert.Equal(4, definition.Stages.Count);
    }
}
