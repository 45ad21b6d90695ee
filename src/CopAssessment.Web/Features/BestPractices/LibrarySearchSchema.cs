namespace CopAssessment.Web.Features.BestPractices;

/// <summary>
/// The full-text search column of the library, created by idempotent SQL after every migration rather than
/// in the migration (migrations are generated from the model, and a generated column needs an IMMUTABLE
/// function the model cannot express). See docs/decisions/0004-library-search.md.
/// </summary>
public sealed class LibrarySearchSchema : IDatabaseObjects
{
    private const string Sql = """
        SELECT pg_advisory_xact_lock(728104);
        CREATE EXTENSION IF NOT EXISTS unaccent;
        DO $$
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'cop_unaccent') THEN
            -- "simple" (no stemming, no stop words: the library holds English, French, Arabic and Spanish)
            -- with accents removed before lower-casing, for documents, queries and ts_headline alike.
            CREATE TEXT SEARCH CONFIGURATION public.cop_unaccent (COPY = pg_catalog.simple);
            ALTER TEXT SEARCH CONFIGURATION public.cop_unaccent
              ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.simple;
          END IF;
        END $$;
        CREATE OR REPLACE FUNCTION public.cop_best_practice_document(title text, summary text, description text, results text)
          RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
          SELECT setweight(to_tsvector('public.cop_unaccent', coalesce(title, '')), 'A')
              || setweight(to_tsvector('public.cop_unaccent', coalesce(summary, '')), 'B')
              || setweight(to_tsvector('public.cop_unaccent', coalesce(description, '')), 'C')
              || setweight(to_tsvector('public.cop_unaccent', coalesce(results, '')), 'C')
          $fn$;
        ALTER TABLE "BestPracticeVersions" ADD COLUMN IF NOT EXISTS "SearchDocument" tsvector
          GENERATED ALWAYS AS (public.cop_best_practice_document("Title", "Summary", "Description", "Results")) STORED;
        CREATE INDEX IF NOT EXISTS "IX_BestPracticeVersions_SearchDocument" ON "BestPracticeVersions" USING gin ("SearchDocument") WITH (fastupdate = off);
        ALTER INDEX "IX_BestPracticeVersions_SearchDocument" SET (fastupdate = off);
        """;

    public async Task EnsureAsync(CopDbContext db, CancellationToken cancellationToken)
    {
        // The advisory lock is transaction-scoped: two instances migrating at once run this one after the other.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(Sql, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
