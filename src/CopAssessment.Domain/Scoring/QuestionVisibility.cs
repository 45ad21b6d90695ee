using CopAssessment.Domain.Questionnaires;

namespace CopAssessment.Domain.Scoring;

/// <summary>Which questions are shown, given the answers so far.</summary>
public static class QuestionVisibility
{
    /// <summary>
    /// Keys of the hidden questions. A hidden question's answer reads as null in other conditions, so hiding
    /// cascades: if A hides B, whatever depends on B's answer sees it unanswered.
    /// </summary>
    public static IReadOnlySet<string> HiddenQuestions(QuestionnaireDefinition definition, IReadOnlyDictionary<string, AnswerValue> answers)
    {
        var lookup = new VisibleAnswers(answers);
        foreach (var question in definition.RelevanceOrder)
        {
            if (question.Relevance is { } relevance && !relevance.IsTrue(lookup))
            {
                lookup.Hidden.Add(question.Key);
            }
        }

        return lookup.Hidden;
    }

    private sealed class VisibleAnswers(IReadOnlyDictionary<string, AnswerValue> answers) : IAnswerLookup
    {
        public HashSet<string> Hidden { get; } = new(StringComparer.Ordinal);

        public AnswerValue? Find(string questionKey) =>
            Hidden.Contains(questionKey) ? null : answers.GetValueOrDefault(questionKey);
    }
}
