using CopAssessment.Domain.Questionnaires;

namespace CopAssessment.Domain.Scoring;

/// <summary>The one pure function from (definition, answers) to a scorecard. Rules: docs/scoring.md.</summary>
public static class ScoringEngine
{
    public static Scorecard Score(QuestionnaireDefinition definition, IReadOnlyDictionary<string, AnswerValue> answers, ScoringMode mode)
    {
        var hidden = QuestionVisibility.HiddenQuestions(definition, answers);
        var domains = new List<DomainScore>(definition.Domains.Count);
        var overall = new WeightedMean();
        int answeredTotal = 0, requiredTotal = 0;

        foreach (var domain in definition.Domains)
        {
            var capabilities = new List<CapabilityScore>(domain.Capabilities.Count);
            var domainMean = new WeightedMean();
            int answered = 0, required = 0;
            foreach (var capability in domain.Capabilities)
            {
                var questions = new List<QuestionScore>(capability.Questions.Count);
                var capabilityMean = new WeightedMean();
                foreach (var question in capability.Questions)
                {
                    var result = ScoreQuestion(question, hidden.Contains(question.Key), answers.GetValueOrDefault(question.Key), mode);
                    questions.Add(result);
                    if (result.Score is { } score)
                    {
                        capabilityMean.Add(score, question.Weight);
                    }

                    if (result.Required)
                    {
                        required++;
                        answered += result.Answered ? 1 : 0;
                    }
                }

                var capabilityScore = capabilityMean.Percent;
                capabilities.Add(new CapabilityScore(capability.Key, capability.Weight, capabilityScore,
                    definition.StageFor(capabilityScore)?.Key, questions));
                if (capabilityScore is { } value)
                {
                    domainMean.Add(value, capability.Weight);
                }
            }

            var domainScore = domainMean.Mean;
            domains.Add(new DomainScore(domain.Key, domain.Scored, domain.Weight, domainScore,
                definition.StageFor(domainScore)?.Key, new Completeness(answered, required), capabilities));
            if (domain.Scored && domainScore is { } scored)
            {
                overall.Add(scored, domain.Weight);
            }

            answeredTotal += answered;
            requiredTotal += required;
        }

        var overallScore = overall.Mean;
        return new Scorecard(definition.Key, definition.Version, mode, overallScore, definition.StageFor(overallScore)?.Key,
            new Completeness(answeredTotal, requiredTotal), domains);
    }

    private static QuestionScore ScoreQuestion(Question question, bool isHidden, AnswerValue? answer, ScoringMode mode)
    {
        if (isHidden)
        {
            return new QuestionScore(question.Key, QuestionOutcome.Hidden, null, question.Weight, Required: false, Answered: false);
        }

        var reading = AnswerReading.Read(question, answer);
        var answered = reading.Valid;
        QuestionOutcome outcome;
        double? score = null;
        if (!question.IsScored)
        {
            outcome = QuestionOutcome.NotScored;
        }
        else if (reading.NotApplicable)
        {
            outcome = QuestionOutcome.NotApplicable;
        }
        else if (reading.Score is { } value)
        {
            outcome = QuestionOutcome.Scored;
            score = value;
        }
        else if (question.Required && mode == ScoringMode.Submitted)
        {
            outcome = QuestionOutcome.UnansweredCountedZero;
            score = 0;
        }
        else
        {
            outcome = QuestionOutcome.Unanswered;
        }

        return new QuestionScore(question.Key, outcome, score, question.Weight, question.Required, answered);
    }

    /// <summary>Accumulates Σw·x and Σw; a mean over nothing is null, never 0.</summary>
    private struct WeightedMean
    {
        private double _sum;
        private double _weights;

        public void Add(double value, double weight)
        {
            _sum += value * weight;
            _weights += weight;
        }

        // Clamped because Σw·x/Σw can land an ulp outside its bounds; scores are promised to stay in 0–100.
        public readonly double? Mean => _weights > 0 ? Math.Clamp(_sum / _weights, 0, 100) : null;

        public readonly double? Percent => _weights > 0 ? Math.Clamp(100 * _sum / _weights, 0, 100) : null;
    }
}
