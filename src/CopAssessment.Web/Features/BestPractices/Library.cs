using System.Data.Common;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Npgsql;
using NpgsqlTypes;

namespace CopAssessment.Web.Features.BestPractices;

/// <summary>The library's query string: search words and filters, all optional, all combined with AND.</summary>
public sealed class LibraryQuery
{
    public const int PageSize = 20;

    public string? Q { get; set; }
    public string? Region { get; set; }
    public string? Country { get; set; }
    public string? Group { get; set; }
    public string? Audience { get; set; }
    public string? Capability { get; set; }
    public int? Year { get; set; }
    public string? Language { get; set; }
    public int Page { get; set; } = 1;

    /// <summary>Beyond this page there is nothing to show (10,000 pages of 20); it also keeps the OFFSET far from overflowing.</summary>
    public const int MaxPage = 10_000;

    /// <summary><see cref="Page"/> as served: whatever the address says, between 1 and <see cref="MaxPage"/>.</summary>
    public int CurrentPage => Math.Clamp(Page, 1, MaxPage);

    public string? SearchText => string.IsNullOrWhiteSpace(Q) ? null : Q.Trim()[..Math.Min(Q.Trim().Length, 200)];

    /// <summary>The same query as a query string, optionally on another page: links keep every filter.</summary>
    public string ToQueryString(int? page = null)
    {
        var parts = new List<string>();
        void Add(string name, string? value) { if (!string.IsNullOrEmpty(value)) parts.Add(name + "=" + Uri.EscapeDataString(value)); }
        Add("q", SearchText); Add("region", Region); Add("country", Country); Add("group", Group); Add("audience", Audience);
        Add("capability", Capability); Add("year", Year?.ToString(CultureInfo.InvariantCulture)); Add("language", Language);
        if (page is > 1) parts.Add("page=" + page.Value.ToString(CultureInfo.InvariantCulture));
        return parts.Count == 0 ? "" : "?" + string.Join("&", parts);
    }
}

public sealed record LibraryItem(int Id, string Title, string Summary, string[] Countries, string Organisation,
    string StakeholderGroup, string[] Audiences, string[] Capabilities, int? StartYear, int? EndYear, string Language,
    DateTimeOffset PublishedAt, DateTimeOffset FirstPublishedAt, double Rank, string? SnippetHtml);

public sealed record LibraryResult(LibraryQuery Query, IReadOnlyList<LibraryItem> Items, int Total)
{
    public int Pages => Math.Max(1, (Total + LibraryQuery.PageSize - 1) / LibraryQuery.PageSize);
}

/// <summary>
/// Searches published practices in PostgreSQL: filters on indexed columns, full-text match and rank on
/// the generated "SearchDocument" column, ts_headline only for the rows of the page. Written as SQL
/// because the search column is not part of the EF model (decision 0004).
/// </summary>
public sealed partial class LibrarySearch(CopDbContext db)
{
    // Unusual markers that no text contains; after the whole snippet is encoded, their encoded form
    // (and only that) becomes <mark> tags.
    private const string StartMarker = "\u27e6\u2063\u27e6";
    private const string StopMarker = "\u27e7\u2063\u27e7";
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly string EncodedStart = Encoder.Encode(StartMarker);
    private static readonly string EncodedStop = Encoder.Encode(StopMarker);

    /// <summary>
    /// The person's words as a query (web-search syntax: quotes, OR, -word), built in SQL
    /// (LibrarySearchSchema): every word matches as a prefix in any practice ("école" finds "écoles",
    /// Chinese characters as a phrase), or by its stem in a practice of that stem's language ("детей"
    /// finds "дети"). The reader need not know the practice's language.
    /// </summary>
    private const string TsQuery = "public.cop_library_query(@q)";

    /// <summary>Rank weights D, C, B, A: D is only the document's language marker, which must not count.</summary>
    private const string RankWeights = "'{0, 0.2, 0.4, 1.0}'::real[]";

    public Task<LibraryResult> SearchAsync(LibraryQuery query, CancellationToken cancellationToken = default) =>
        RunAsync(query, (query.CurrentPage - 1) * LibraryQuery.PageSize, LibraryQuery.PageSize, snippets: true, cancellationToken);

    /// <summary>Every row of the filtered list (the export), capped so one request cannot dump a huge table at once.</summary>
    public Task<LibraryResult> AllAsync(LibraryQuery query, int max = 10000, CancellationToken cancellationToken = default) =>
        RunAsync(query, 0, max, snippets: false, cancellationToken);

    private async Task<LibraryResult> RunAsync(LibraryQuery query, int offset, int limit, bool snippets, CancellationToken cancellationToken)
    {
        var where = new StringBuilder("p.\"PublishedVersionId\" IS NOT NULL");
        var parameters = new List<NpgsqlParameter>();
        void Filter(string sql, string name, object value, NpgsqlDbType? type = null)
        {
            where.Append(" AND ").Append(sql);
            parameters.Add(type is null ? new NpgsqlParameter(name, value) : new NpgsqlParameter(name, type.Value) { Value = value });
        }
        var text = query.SearchText;
        if (text is not null) Filter($"v.\"SearchDocument\" @@ {TsQuery}", "q", text);
        if (query.Region is not null)
            Filter("v.\"Countries\" && ARRAY(SELECT c.\"Iso3\" FROM \"Countries\" c WHERE c.\"RegionCode\" = @region)::text[]", "region", query.Region);
        if (query.Country is not null) Filter("v.\"Countries\" @> @country", "country", new[] { query.Country }, NpgsqlDbType.Array | NpgsqlDbType.Text);
        if (query.Group is not null) Filter("v.\"StakeholderGroup\" = @group", "group", query.Group);
        if (query.Audience is not null) Filter("v.\"Audiences\" @> @audience", "audience", new[] { query.Audience }, NpgsqlDbType.Array | NpgsqlDbType.Text);
        if (query.Capability is not null) Filter("v.\"Capabilities\" @> @capability", "capability", new[] { query.Capability }, NpgsqlDbType.Array | NpgsqlDbType.Text);
        if (query.Year is not null)
            Filter("v.\"StartYear\" <= @year AND coalesce(v.\"EndYear\", v.\"StartYear\") >= @year", "year", query.Year.Value);
        if (query.Language is not null) Filter("v.\"Language\" = @language", "language", query.Language);

        var from = $"FROM \"BestPractices\" p JOIN \"BestPracticeVersions\" v ON v.\"Id\" = p.\"PublishedVersionId\" WHERE {where}";
        var rank = text is null ? "0::real" : $"ts_rank({RankWeights}, v.\"SearchDocument\", {TsQuery})";
        var order = text is null ? "v.\"ReviewedAt\" DESC, p.\"Id\" DESC" : "rank DESC, v.\"ReviewedAt\" DESC, p.\"Id\" DESC";
        var headline = text is not null && snippets
            ? $"public.cop_library_headline(page.\"Language\", page.\"Description\" || E'\\n' || page.\"Results\", @q, '{StartMarker}', '{StopMarker}')"
            : "NULL::text";
        // One pass: the window count gives the total of the filtered set beside the page, so the
        // matching rows are found (and their documents read) once, not twice.
        var sql = $"""
            SELECT page."Id", page."Title", page."Summary", page."Countries", page."Organisation", page."StakeholderGroup", page."Audiences",
                   page."Capabilities", page."StartYear", page."EndYear", page."Language", page."ReviewedAt", page."FirstPublishedAt", page.rank,
                   {headline}, page.total
            FROM (SELECT p."Id", p."FirstPublishedAt", v."Title", v."Summary", v."Description", v."Results", v."Countries", v."Organisation",
                         v."StakeholderGroup", v."Audiences", v."Capabilities", v."StartYear", v."EndYear", v."Language", v."ReviewedAt",
                         {rank} AS rank, count(*) OVER () AS total
                  {from} ORDER BY {order} LIMIT @limit OFFSET @offset) page
            ORDER BY {order.Replace("v.\"", "page.\"").Replace("p.\"", "page.\"")};
            """;
        parameters.Add(new NpgsqlParameter("limit", limit));
        parameters.Add(new NpgsqlParameter("offset", offset));

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != System.Data.ConnectionState.Open;
        if (opened) await connection.OpenAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddRange(parameters.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var items = new List<LibraryItem>();
            long? total = null;
            while (await reader.ReadAsync(cancellationToken))
            {
                total ??= reader.GetInt64(15);
                items.Add(new LibraryItem(
                    reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<string[]>(3), reader.GetString(4),
                    reader.GetString(5), reader.GetFieldValue<string[]>(6), reader.GetFieldValue<string[]>(7),
                    NullableInt(reader, 8), NullableInt(reader, 9), reader.GetString(10),
                    reader.IsDBNull(11) ? default : reader.GetFieldValue<DateTimeOffset>(11),
                    reader.IsDBNull(12) ? default : reader.GetFieldValue<DateTimeOffset>(12),
                    reader.GetFloat(13), reader.IsDBNull(14) ? null : Highlight(reader.GetString(14), text)));
            }
            await reader.DisposeAsync();
            // A page past the end has no rows to carry the total: count separately only then.
            if (total is null && offset > 0) total = await CountAsync(connection, from, parameters, cancellationToken);
            return new LibraryResult(query, items, (int)(total ?? 0));
        }
        finally
        {
            if (opened) await connection.CloseAsync();
        }
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string from, List<NpgsqlParameter> parameters, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT count(*) {from}", connection);
        command.Parameters.AddRange(parameters.Where(p => p.ParameterName is not ("limit" or "offset")).Select(p => p.Clone()).ToArray());
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static int? NullableInt(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt32(ordinal);

    /// <summary>
    /// Encodes the whole snippet, then turns only our own markers into &lt;mark&gt;. Chinese characters are
    /// words of their own in the search (zero-width spaces around each, removed here), so the snippet marks
    /// each matching character: adjacent marks join, and a marked run of Chinese characters stays marked only
    /// where it holds a run of the query, not where one of its characters stands alone.
    /// </summary>
    public static string Highlight(string headline, string? query = null)
    {
        var text = headline.Replace("\u200B", "", StringComparison.Ordinal).Replace('\n', ' ').Replace(StopMarker + StartMarker, "", StringComparison.Ordinal);
        var runs = query is null ? [] : HanRun().Matches(query).Select(m => m.Value).ToArray();
        text = MarkedText().Replace(text, m =>
            !HanRun().IsMatch(m.Groups[1].Value) || runs.Any(r => m.Groups[1].Value.Contains(r, StringComparison.Ordinal)) ? m.Value : m.Groups[1].Value);
        return Encoder.Encode(text).Replace(EncodedStart, "<mark>").Replace(EncodedStop, "</mark>");
    }

    // The Han ranges of cop_cjk_split: CJK unified ideographs, extension A, compatibility ideographs, and
    // extensions B and later (as UTF-16 surrogate pairs).
    [GeneratedRegex(@"(?:[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF]|[\uD840-\uD884][\uDC00-\uDFFF])+")]
    private static partial Regex HanRun();

    [GeneratedRegex(StartMarker + "(.*?)" + StopMarker, RegexOptions.Singleline)]
    private static partial Regex MarkedText();
}
