using System.Collections.Concurrent;
using CopAssessment.Domain.Questionnaires;

namespace CopAssessment.Web.Features.Questionnaires;

public sealed record CapabilityInfo(string Key, LocalizedText Name, string DomainKey, LocalizedText DomainName);

/// <summary>
/// Reads questionnaire versions. Versions never change, so their parsed definitions are cached for
/// the life of the process by id.
/// </summary>
public sealed class QuestionnaireCatalog(CopDbContext db)
{
    private static readonly ConcurrentDictionary<int, QuestionnaireDefinition> Definitions = new();

    public async Task<QuestionnaireDefinition> GetDefinitionAsync(int versionId, CancellationToken cancellationToken = default)
    {
        if (Definitions.TryGetValue(versionId, out var cached)) return cached;
        var content = await db.QuestionnaireVersions.Where(v => v.Id == versionId).Select(v => v.Content).SingleOrDefaultAsync(cancellationToken)
            ?? throw new KeyNotFoundException($"Questionnaire version {versionId} does not exist");
        return Definitions.GetOrAdd(versionId, _ => QuestionnaireDefinition.Parse(content));
    }

    public Task<QuestionnaireVersion?> GetLatestVersionAsync(string key = "mnr", CancellationToken cancellationToken = default) =>
        db.QuestionnaireVersions.AsNoTracking().Where(v => v.Key == key).OrderByDescending(v => v.Number).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<CapabilityInfo>> GetCapabilitiesAsync(string key = "mnr", CancellationToken cancellationToken = default)
    {
        var latest = await db.QuestionnaireVersions.Where(v => v.Key == key).OrderByDescending(v => v.Number)
            .Select(v => (int?)v.Id).FirstOrDefaultAsync(cancellationToken);
        if (latest is null) return [];
        var definition = await GetDefinitionAsync(latest.Value, cancellationToken);
        return definition.Domains.Where(d => d.Scored)
            .SelectMany(d => d.Capabilities.Select(c => new CapabilityInfo(c.Key, c.Name, d.Key, d.Name)))
            .ToList();
    }
}
