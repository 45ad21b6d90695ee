namespace CopAssessment.Web.Features.BestPractices;

/// <summary>
/// The full-text search column of the library, created by idempotent SQL after every migration rather than
/// in the migration (migrations are generated from the model, and a generated column needs an IMMUTABLE
/// function the model cannot express). Words match as prefixes in every language, stems in the document's
/// own language (English, French, Arabic, Spanish, Russian), Chinese characters as phrases. See
/// docs/decisions/0004-library-search.md.
/// </summary>
public sealed class LibrarySearchSchema : IDatabaseObjects
{
    private const string Sql = """
        SELECT pg_advisory_xact_lock(728104);
        CREATE EXTENSION IF NOT EXISTS unaccent;
        DO $$
        DECLARE
          language text;
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'cop_unaccent') THEN
            -- "simple" (no stemming, no stop words) with accents removed before lower-casing: every document
            -- has this part, whatever its language, and it serves prefix matching.
            CREATE TEXT SEARCH CONFIGURATION public.cop_unaccent (COPY = pg_catalog.simple);
            ALTER TEXT SEARCH CONFIGURATION public.cop_unaccent
              ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.simple;
          END IF;
          -- One stemming configuration per library language PostgreSQL has a stemmer for, accents removed
          -- first too ("proteccion" and "protección" stem alike). Chinese has none (see cop_cjk_split).
          FOREACH language IN ARRAY ARRAY['english', 'french', 'arabic', 'spanish', 'russian'] LOOP
            IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'cop_' || language) THEN
              EXECUTE format('CREATE TEXT SEARCH CONFIGURATION public.%I (COPY = pg_catalog.%I)', 'cop_' || language, language);
              EXECUTE format('ALTER TEXT SEARCH CONFIGURATION public.%I ALTER MAPPING FOR hword, hword_part, word WITH public.unaccent, pg_catalog.%I',
                'cop_' || language, language || '_stem');
            END IF;
          END LOOP;
        END $$;
        -- Chinese is written without spaces: every Han character becomes a word of its own (a zero-width space
        -- either side, which the parser treats as a separator), and a query's Han characters are matched as a
        -- phrase (cop_prefix_lexeme), so any run of characters finds the text that contains it.
        CREATE OR REPLACE FUNCTION public.cop_cjk_split(body text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
          SELECT regexp_replace(body, E'([\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\U00020000-\U0003134F])', E'\u200B\\1\u200B', 'g')
        $fn$;
        -- The stems of a text in its own language ('' for a language without a stemmer).
        CREATE OR REPLACE FUNCTION public.cop_library_stems(language text, body text) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
          SELECT CASE language
            WHEN 'en' THEN to_tsvector('public.cop_english', body) WHEN 'fr' THEN to_tsvector('public.cop_french', body)
            WHEN 'ar' THEN to_tsvector('public.cop_arabic', body) WHEN 'es' THEN to_tsvector('public.cop_spanish', body)
            WHEN 'ru' THEN to_tsvector('public.cop_russian', body) ELSE ''::tsvector END
        $fn$;
        CREATE OR REPLACE FUNCTION public.cop_library_field(language text, body text, weight "char") RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
          SELECT setweight(to_tsvector('public.cop_unaccent', public.cop_cjk_split(coalesce(body, '')))
                           || public.cop_library_stems(language, coalesce(body, '')), weight)
        $fn$;
        -- The document: per field its words (simple) and its stems (its language), plus a marker lexeme for the
        -- language (' es': no query word starts with a space) that the stem branches of a query require.
        -- Changing what these functions compute needs a new name for this one (the stored column is only
        -- recomputed when its expression changes, below).
        CREATE OR REPLACE FUNCTION public.cop_library_document_v2(language text, title text, summary text, description text, results text)
          RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
          SELECT public.cop_library_field(language, title, 'A') || public.cop_library_field(language, summary, 'B')
              || public.cop_library_field(language, description, 'C') || public.cop_library_field(language, results, 'C')
              || array_to_tsvector(ARRAY[' ' || coalesce(language, '')])
        $fn$;
        -- A lexeme of the simple query as a prefix; one with Han characters as the phrase of its characters.
        CREATE OR REPLACE FUNCTION public.cop_prefix_lexeme(lexeme text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
          SELECT CASE WHEN lexeme ~ E'[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\U00020000-\U0003134F]'
            THEN '(' || (SELECT string_agg('''' || part[1] || ''':*', ' <-> ' ORDER BY k)
                         FROM regexp_matches(lexeme, E'[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\U00020000-\U0003134F]|[^\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\U00020000-\U0003134F]+', 'g')
                              WITH ORDINALITY AS p(part, k)) || ')'
            ELSE '''' || lexeme || ''':*' END
        $fn$;
        -- A query with every lexeme also matching as a prefix (and Han characters as phrases, above).
        CREATE OR REPLACE FUNCTION public.cop_prefix_query(query tsquery) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
          SELECT coalesce(string_agg(CASE WHEN m[1] IS NULL THEN m[2] ELSE public.cop_prefix_lexeme(m[1]) END, '' ORDER BY i), '')::tsquery
          FROM regexp_matches(query::text, '''((?:[^'']|'''')*)''|([^'']+)', 'g') WITH ORDINALITY AS x(m, i)
        $fn$;
        -- The person's words (web-search syntax: quotes, OR, -word) without stemming, every word also matching as a prefix.
        CREATE OR REPLACE FUNCTION public.cop_library_prefix_query(q text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
          SELECT public.cop_prefix_query(websearch_to_tsquery('public.cop_unaccent', q))
        $fn$;
        -- The same words stemmed in one language, for the documents of that language only (their marker).
        CREATE OR REPLACE FUNCTION public.cop_library_stem_query(language text, q text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
          SELECT CASE WHEN numnode(s) = 0 THEN s ELSE ('''' || ' ' || language || '''')::tsquery && s END
          FROM (SELECT CASE language
            WHEN 'en' THEN websearch_to_tsquery('public.cop_english', q) WHEN 'fr' THEN websearch_to_tsquery('public.cop_french', q)
            WHEN 'ar' THEN websearch_to_tsquery('public.cop_arabic', q) WHEN 'es' THEN websearch_to_tsquery('public.cop_spanish', q)
            WHEN 'ru' THEN websearch_to_tsquery('public.cop_russian', q) END AS s) x
        $fn$;
        -- The library query: the words as prefixes in any document, or their stems in a document of that language.
        CREATE OR REPLACE FUNCTION public.cop_library_query(q text) RETURNS tsquery LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
          SELECT public.cop_library_prefix_query(q) || public.cop_library_stem_query('en', q) || public.cop_library_stem_query('fr', q)
              || public.cop_library_stem_query('ar', q) || public.cop_library_stem_query('es', q) || public.cop_library_stem_query('ru', q)
        $fn$;
        -- The stemming configuration of a language, NULL without one (snippets fall back to the simple words).
        CREATE OR REPLACE FUNCTION public.cop_library_stem_config(language text) RETURNS regconfig LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
          SELECT CASE language WHEN 'en' THEN 'public.cop_english'::regconfig WHEN 'fr' THEN 'public.cop_french'::regconfig
            WHEN 'ar' THEN 'public.cop_arabic'::regconfig WHEN 'es' THEN 'public.cop_spanish'::regconfig
            WHEN 'ru' THEN 'public.cop_russian'::regconfig END
        $fn$;
        -- The snippet of a matching text. First in its own language, the query's stems as prefixes of the text's
        -- stems, so an inflected form is marked as it matched ("proteger" marks "protegen"); when that marks
        -- nothing (a word typed in part, another language, Chinese), the query's words as prefixes of the text's
        -- words, as the prefix match found them. Chinese fragments count characters as words, so they are
        -- longer and may start and end on any character.
        CREATE OR REPLACE FUNCTION public.cop_library_headline(language text, body text, q text, start_sel text, stop_sel text)
          RETURNS text LANGUAGE sql STABLE PARALLEL SAFE AS $fn$
          SELECT CASE WHEN strpos(h.stemmed, start_sel) > 0 THEN h.stemmed
                      ELSE ts_headline('public.cop_unaccent', public.cop_cjk_split(body), public.cop_library_prefix_query(q), o.options) END
          FROM (SELECT format('StartSel="%s", StopSel="%s", MaxFragments=2, FragmentDelimiter=" … ", ', start_sel, stop_sel)
                       || CASE WHEN language = 'zh' THEN 'MaxWords=70, MinWords=30, ShortWord=0' ELSE 'MaxWords=35, MinWords=15' END AS options,
                       public.cop_library_stem_config(language) AS config) o,
               LATERAL (SELECT ts_headline(o.config, body, public.cop_prefix_query(websearch_to_tsquery(o.config, q)), o.options) AS stemmed) h
        $fn$;
        DO $$
        BEGIN
          -- A column computed by an older document function is dropped (with its index) and added again below,
          -- which computes every row anew.
          IF EXISTS (SELECT 1 FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
                     WHERE d.adrelid = '"BestPracticeVersions"'::regclass AND a.attname = 'SearchDocument'
                       AND pg_get_expr(d.adbin, d.adrelid) NOT LIKE '%cop_library_document_v2(%') THEN
            ALTER TABLE "BestPracticeVersions" DROP COLUMN "SearchDocument";
          END IF;
        END $$;
        DROP FUNCTION IF EXISTS public.cop_best_practice_document(text, text, text, text);
        ALTER TABLE "BestPracticeVersions" ADD COLUMN IF NOT EXISTS "SearchDocument" tsvector
          GENERATED ALWAYS AS (public.cop_library_document_v2("Language", "Title", "Summary", "Description", "Results")) STORED;
        CREATE INDEX IF NOT EXISTS "IX_BestPracticeVersions_SearchDocument" ON "BestPracticeVersions" USING gin ("SearchDocument") WITH (fastupdate = off);
        ALTER INDEX "IX_BestPracticeVersions_SearchDocument" SET (fastupdate = off);
        """;

    public Task EnsureAsync(CopDbContext db, CancellationToken cancellationToken) => db.RetriedAsync(async () =>
    {
        // The advisory lock is transaction-scoped: two instances migrating at once run this one after the other.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlRawAsync(Sql, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    });
}
