using CopAssessment.Domain.Questionnaires;
using CopAssessment.Web.Features.Assessments;

namespace CopAssessment.Web.Tests.Assessments;

public class AnswerDependenciesTests
{
    private static QuestionnaireDefinition Mnr()
    {
        return QuestionnaireDefinition.Parse(File.ReadAllText(CopAssessment.Tests.RepositoryPaths.File("samples", "questionnaires", "mnr.json")));
    }

    [Fact]
    public void A_follow_up_needs_the_answer_that_reveals_it_and_a_plain_question_only_itself()
    {
        var dependencies = AnswerDependencies.For(Mnr());
        Assert.Equal(["pg.1.1", "pg.1.2"], dependencies.NeededFor("pg.1.2").Order());
        Assert.Equal(["pg.1.4"], dependencies.NeededFor("pg.1.4"));
        Assert.True(dependencies.IsReadByOthers("pg.1.1"));
        Assert.False(dependencies.IsReadByOthers("pg.1.4"));
    }

    [Fact]
    public void Every_question_needs_everything_its_condition_reads_transitively()
    {
        var definition = Mnr();
        var dependencies = AnswerDependencies.For(definition);
        foreach (var question in definition.Questions)
        {
            var needed = dependencies.NeededFor(question.Key).ToHashSet();
            Assert.Contains(question.Key, needed);
            foreach (var key in question.Relevance?.ReferencedKeys() ?? new HashSet<string>())
            {
                Assert.Contains(key, needed);
                Assert.True(dependencies.IsReadByOthers(key));
                Assert.Superset(dependencies.NeededFor(key).ToHashSet(), needed);
            }
        }
    }
}
