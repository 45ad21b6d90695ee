namespace CopAssessment.Web.Infrastructure;

/// <summary>
/// Database objects EF Core does not model (triggers, functions). Each implementation must be
/// idempotent; all run after every migration, so they survive migrations being regenerated.
/// </summary>
public interface IDatabaseObjects
{
    Task EnsureAsync(CopDbContext db, CancellationToken cancellationToken);
}

/// <summary>Questionnaire versions are immutable: the database itself refuses to change their content.</summary>
public sealed class QuestionnaireVersionGuard : IDatabaseObjects
{
    public Task EnsureAsync(CopDbContext db, CancellationToken cancellationToken) => db.Database.ExecuteSqlRawAsync("""
        CREATE OR REPLACE FUNCTION cop_questionnaire_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'DELETE' THEN
            RAISE EXCEPTION 'questionnaire version % is immutable and cannot be deleted', OLD."Id";
          END IF;
          IF NEW."Content" IS DISTINCT FROM OLD."Content" OR NEW."ContentHash" IS DISTINCT FROM OLD."ContentHash"
             OR NEW."Key" IS DISTINCT FROM OLD."Key" OR NEW."Number" IS DISTINCT FROM OLD."Number" THEN
            RAISE EXCEPTION 'questionnaire version % is immutable', OLD."Id";
          END IF;
          RETURN NEW;
        END $$;
        DROP TRIGGER IF EXISTS questionnaire_version_immutable ON "QuestionnaireVersions";
        CREATE TRIGGER questionnaire_version_immutable BEFORE UPDATE OR DELETE ON "QuestionnaireVersions"
          FOR EACH ROW EXECUTE FUNCTION cop_questionnaire_version_immutable();
        """, cancellationToken);
}
