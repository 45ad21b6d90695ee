using CopAssessment.Domain.Questionnaires;
using Npgsql;

namespace CopAssessment.Web.Features.Questionnaires;

public enum ImportOutcome { Invalid, Unchanged, Imported }

/// <summary><see cref="Warnings"/> (missing translations) never stop an import; they are listed beside its outcome.</summary>
public sealed record ImportResult(ImportOutcome Outcome, QuestionnaireVersion? Version, IReadOnlyList<DefinitionProblem> Problems,
    IReadOnlyList<DefinitionProblem>? Warnings = null)
{
    public IReadOnlyList<DefinitionProblem> Warnings { get; } = Warnings ?? [];
}

/// <summary>
/// Validates a definition and stores it as an immutable version keyed by the SHA-256 of its bytes:
/// identical content is a no-op, changed content becomes the next version number.
/// </summary>
public sealed class QuestionnaireImporter(CopDbContext db, Audit audit)
{
    public static ImportResult Validate(byte[] content)
    {
        var loaded = DefinitionValidator.Load(content);
        return new ImportResult(loaded.Problems.Count == 0 ? ImportOutcome.Unchanged : ImportOutcome.Invalid, null, loaded.Problems, loaded.Warnings);
    }

    public async Task<ImportResult> ImportAsync(byte[] content, string importedBy, CancellationToken cancellationToken = default)
    {
        // Only content that validated was ever stored, so a known hash needs no second parse (every start
        // re-imports the samples); its warnings are not repeated either.
        var hash = ContentHash.Sha256Hex(content);
        var existing = await db.QuestionnaireVersions.AsNoTracking().SingleOrDefaultAsync(v => v.ContentHash == hash, cancellationToken);
        if (existing is not null) return new ImportResult(ImportOutcome.Unchanged, existing, []);

        var loaded = DefinitionValidator.Load(content);
        if (loaded.Definition is null || loaded.Problems.Count > 0)
            return new ImportResult(ImportOutcome.Invalid, null, loaded.Problems, loaded.Warnings);
        var definition = loaded.Definition;

        var number = 1 + (await db.QuestionnaireVersions.Where(v => v.Key == definition.Key).MaxAsync(v => (int?)v.Number, cancellationToken) ?? 0);
        var version = new QuestionnaireVersion
        {
            Key = definition.Key, Number = number, Label = definition.Version, Title = definition.Title.Get("en"),
            ContentHash = hash, Content = System.Text.Encoding.UTF8.GetString(content).TrimStart('\uFEFF'), QuestionCount = definition.Questions.Count,
            ImportedBy = importedBy,
        };
        db.QuestionnaireVersions.Add(version);
        audit.Record("questionnaire-imported", $"{version.Key} v{version.Number}", $"{version.Label} {hash[..12]}", user: null);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Someone imported the same content (or the same number) at the same moment: theirs stands.
            db.ChangeTracker.Clear();
            var winner = await db.QuestionnaireVersions.AsNoTracking().SingleOrDefaultAsync(v => v.ContentHash == hash, cancellationToken);
            if (winner is not null) return new ImportResult(ImportOutcome.Unchanged, winner, []);
            throw;
        }
        return new ImportResult(ImportOutcome.Imported, version, [], loaded.Warnings);
    }
}
