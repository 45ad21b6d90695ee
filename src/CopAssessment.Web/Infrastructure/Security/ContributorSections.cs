using CopAssessment.Domain.Questionnaires;
using QDomain = CopAssessment.Domain.Questionnaires.Domain;

namespace CopAssessment.Web.Infrastructure.Security;

/// <summary>
/// A national contributor's part of their country's assessment (<see cref="UserScope.Sections"/>): the sections
/// they edit, each a domain or a capability key, as stored in <see cref="ContributorAssignment"/> when the request began.
/// </summary>
public sealed record ContributorSections(string UserId, IReadOnlySet<string> Keys, bool OthersHidden)
{
    /// <summary>The sections a question belongs to: its domain and its capability.</summary>
    public static string[] SectionsOf(QuestionnaireDefinition definition, string questionKey) =>
        definition.DomainOf(questionKey) is { } domain ? [domain.Key, definition.CapabilityOf(questionKey)!.Key] : [];

    /// <summary>Every key that can be assigned, in questionnaire order: each domain, then its capabilities.</summary>
    public static IReadOnlyList<string> KeysOf(QuestionnaireDefinition definition) =>
        [.. definition.Domains.SelectMany(d => d.Capabilities.Select(c => c.Key).Prepend(d.Key))];

    /// <summary>Whether the contributor may edit the question.</summary>
    public bool Covers(QuestionnaireDefinition definition, string questionKey) => SectionsOf(definition, questionKey).Any(Keys.Contains);

    /// <summary>Answered required questions out of required questions, counting only the contributor's sections.</summary>
    public Completeness ProgressIn(Scorecard scorecard) => ProgressIn(scorecard.Domains);

    /// <summary>The same within one domain.</summary>
    public Completeness ProgressIn(DomainScore domain) => ProgressIn([domain]);

    private Completeness ProgressIn(IEnumerable<DomainScore> domains)
    {
        var required = domains.SelectMany(d => d.Capabilities.Where(c => Keys.Contains(d.Key) || Keys.Contains(c.Key)))
            .SelectMany(c => c.Questions).Where(q => q.Required).ToList();
        return new Completeness(required.Count(q => q.Answered), required.Count);
    }

    /// <summary>Whether some question of the domain is the contributor's.</summary>
    public bool Touches(QDomain domain) => Keys.Contains(domain.Key) || domain.Capabilities.Any(c => Keys.Contains(c.Key));
}
