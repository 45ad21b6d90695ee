using System.Runtime.CompilerServices;
using CopAssessment.Domain.Questionnaires;

namespace CopAssessment.Web.Features.Assessments;

/// <summary>
/// Which answers one save needs: the question's own row, every answer its relevance condition reads (and
/// theirs, transitively) and those its constraint reads. Most questions need only their own row, so an
/// autosave reads one row instead of the whole submission; only a save to a question that other
/// conditions read loads everything, to send back the new list of hidden questions.
/// Computed once per (immutable) definition.
/// </summary>
public sealed class AnswerDependencies
{
    private static readonly ConditionalWeakTable<QuestionnaireDefinition, AnswerDependencies> Cache = new();

    private readonly Dictionary<string, string[]> _needed = new(StringComparer.Ordinal);
    private readonly HashSet<string> _readByOthers = new(StringComparer.Ordinal);

    private AnswerDependencies(QuestionnaireDefinition definition)
    {
        var direct = definition.Questions.ToDictionary(q => q.Key, q => (IEnumerable<string>)(q.Relevance?.ReferencedKeys() ?? new HashSet<string>()), StringComparer.Ordinal);
        foreach (var question in definition.Questions)
        {
            foreach (var key in direct[question.Key]) _readByOthers.Add(key);
            foreach (var key in question.Constraint?.Expression?.ReferencedKeys() ?? new HashSet<string>())
                if (key != question.Key) _readByOthers.Add(key);
        }
        foreach (var question in definition.Questions)
        {
            // The question, what its condition and constraint read, and — transitively — what the
            // conditions of those questions read (a hidden question reads as unanswered).
            var needed = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<string>(direct[question.Key].Append(question.Key)
                .Concat(question.Constraint?.Expression?.ReferencedKeys() ?? new HashSet<string>()));
            while (pending.Count > 0)
            {
                var key = pending.Pop();
                if (!needed.Add(key) || !direct.TryGetValue(key, out var further)) continue;
                foreach (var next in further) pending.Push(next);
            }
            _needed[question.Key] = [.. needed];
        }
    }

    public static AnswerDependencies For(QuestionnaireDefinition definition) => Cache.GetValue(definition, d => new AnswerDependencies(d));

    /// <summary>The keys whose answers decide whether <paramref name="key"/> is shown and valid.</summary>
    public IReadOnlyList<string> NeededFor(string key) => _needed.TryGetValue(key, out var keys) ? keys : [key];

    /// <summary>True when another question's condition or constraint reads this answer.</summary>
    public bool IsReadByOthers(string key) => _readByOthers.Contains(key);
}
