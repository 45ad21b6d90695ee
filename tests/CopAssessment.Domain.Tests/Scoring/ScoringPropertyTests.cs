namespace CopAssessment.Domain.Tests.Scoring;

/// <summary>Properties over thousands of seeded random answer sets (deterministic: same seeds every run).</summary>
public class ScoringPropertyTests
{
    [Fact]
    public void Every_score_stays_within_0_to_100_over_thousands_of_random_answer_sets()
    {
        for (var seed = 1; seed <= 20; seed++)
        {
            var definition = GeneratedDefinition.Create(domains: 3, capabilities: 7, questions: 40, seed: seed);
            var random = new Random(seed);
            for (var i = 0; i < 250; i++)
            {
                var answers = GeneratedDefinition.Answers(definition, random, complete: false);
                foreach (var mode in new[] { ScoringMode.Provisional, ScoringMode.Submitted })
                {
                    var card = ScoringEngine.Score(definition, answers, mode);
                    AssertInRange(card.Overall);
                    Assert.Equal(card.Overall is null, card.Stage is null);
                    foreach (var domain in card.Domains)
                    {
                        AssertInRange(domain.Score);
                        Assert.InRange(domain.Completeness.Ratio, 0, 1);
                        foreach (var capability in domain.Capabilities)
                        {
                            AssertInRange(capability.Score);
                            foreach (var question in capability.Questions.Where(q => q.Score is not null))
                            {
                                Assert.InRange(question.Score!.Value, 0, 1);
                            }
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void Complete_answers_are_fully_complete_and_give_an_overall_score()
    {
        var definition = GeneratedDefinition.Create(seed: 7);
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var card = ScoringEngine.Score(definition, GeneratedDefinition.Answers(definition, random, complete: true), ScoringMode.Submitted);
            Assert.Equal(card.Completeness.Required, card.Completeness.Answered);
            Assert.DoesNotContain(card.Domains.SelectMany(d => d.Capabilities).SelectMany(c => c.Questions),
                q => q.Outcome is QuestionOutcome.Unanswered or QuestionOutcome.UnansweredCountedZero);
            Assert.NotNull(card.Overall);
        }
    }

    [Fact]
    public void Submitted_score_never_exceeds_provisional_score_for_the_same_capability()
    {
        // Submitted only adds zeros for unanswered required questions, so it can only pull a mean down.
        var definition = GeneratedDefinition.Create(domains: 2, capabilities: 5, questions: 30, seed: 3);
        var random = new Random(3);
        for (var i = 0; i < 1000; i++)
        {
            var answers = GeneratedDefinition.Answers(definition, random, complete: false);
            var provisional = ScoringEngine.Score(definition, answers, ScoringMode.Provisional);
            var submitted = ScoringEngine.Score(definition, answers, ScoringMode.Submitted);
            foreach (var capability in submitted.Domains.SelectMany(d => d.Capabilities))
            {
                var before = provisional.FindCapability(capability.Key)!.Score;
                if (before is not null)
                {
                    Assert.True(capability.Score <= before + 1e-9);
                }
            }
        }
    }

    [Fact]
    public void Scoring_is_deterministic()
    {
        var definition = GeneratedDefinition.Create(seed: 11);
        var answers = GeneratedDefinition.Answers(definition, new Random(11), complete: false);
        var first = JsonSerializer.Serialize(ScoringEngine.Score(definition, answers, ScoringMode.Submitted));
        for (var i = 0; i < 20; i++)
        {
            // Same definition parsed again and answers inserted in reverse order: same bytes out.
            var again = GeneratedDefinition.Create(seed: 11);
            var reversed = answers.Reverse().ToDictionary(p => p.Key, p => p.Value);
            Assert.Equal(first, JsonSerializer.Serialize(ScoringEngine.Score(again, reversed, ScoringMode.Submitted)));
        }
    }

    private static void AssertInRange(double? score)
    {
        if (score is { } value)
        {
            Assert.InRange(value, 0, 100);
        }
    }
}
