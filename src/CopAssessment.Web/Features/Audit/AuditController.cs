using Microsoft.AspNetCore.WebUtilities;

// Not "Features.Audit": that namespace would hide the Infrastructure.Security.Audit class from every feature.
namespace CopAssessment.Web.Features.AuditTrail;

public sealed class AuditFilter
{
    public string? Country { get; set; }
    public string? Person { get; set; }
    public string? Action { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }

    /// <summary>Keyset cursors (<see cref="AuditCursor"/>): the page of events older than, or newer than, this one.</summary>
    public string? Before { get; set; }
    public string? After { get; set; }

    /// <summary>
    /// A link to another page of the same list, filter kept. A query string built here, not route values:
    /// "action" is MVC's own route value and would be dropped.
    /// </summary>
    public string Link(string path, string? before = null, string? after = null)
    {
        var values = new Dictionary<string, string?>();
        void Add(string name, string? value) { if (!string.IsNullOrEmpty(value)) values[name] = value; }
        Add("country", Country);
        Add("person", Person);
        Add("action", Action);
        Add("from", From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("before", before);
        Add("after", after);
        return QueryHelpers.AddQueryString(path, values);
    }
}

/// <summary>A position in the list, newest first: the event's time (UTC ticks) and id, which breaks ties.</summary>
public readonly record struct AuditCursor(DateTimeOffset At, long Id)
{
    public override string ToString() => $"{At.UtcTicks.ToString(CultureInfo.InvariantCulture)}-{Id.ToString(CultureInfo.InvariantCulture)}";

    public static AuditCursor? Parse(string? text)
    {
        var parts = text?.Split('-');
        if (parts is not [var ticks, var id]
            || !long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var t) || t > DateTimeOffset.MaxValue.UtcTicks
            || !long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var i)) return null;
        return new AuditCursor(new DateTimeOffset(t, TimeSpan.Zero), i);
    }
}

/// <param name="Details">At most <see cref="AuditController.DetailsShown"/> characters; <paramref name="DetailsCut"/> says when more are stored.</param>
public sealed record AuditRow(long Id, DateTimeOffset At, string? UserEmail, string Action, string? CountryIso3, string? Subject, string? Details, bool DetailsCut)
{
    public AuditCursor Cursor => new(At, Id);
}

public sealed record AuditPage(AuditFilter Filter, IReadOnlyList<AuditRow> Events, IReadOnlyList<string> Actions, bool HasOlder, bool HasNewer);

[Authorize(Policy = Policies.Administration)]
[Route("admin/audit")]
public class AuditController(CopDbContext db) : Controller
{
    public const int PageSize = 100;

    /// <summary>Details can hold a whole answer (autosave audits the value): the list shows the start, so a page stays small.</summary>
    public const int DetailsShown = 300;

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] AuditFilter filter)
    {
        var query = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Country)) query = query.Where(a => a.CountryIso3 == filter.Country.Trim().ToUpper());
        if (!string.IsNullOrWhiteSpace(filter.Person)) query = query.Where(a => a.UserEmail != null && a.UserEmail.Contains(filter.Person.Trim()));
        if (!string.IsNullOrWhiteSpace(filter.Action)) query = query.Where(a => a.Action == filter.Action);
        if (filter.From is { } from) { var f = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero); query = query.Where(a => a.At >= f); }
        if (filter.To is { } to && to < DateOnly.MaxValue) { var t = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero); query = query.Where(a => a.At < t); }

        // Keyset paging on (At, Id), which the At index serves: a far page costs what the first one does,
        // where OFFSET read and discarded every row before it.
        var rows = new List<AuditRow>();
        bool hasOlder, hasNewer;
        if (AuditCursor.Parse(filter.After) is { } after)
        {
            var newer = await Project(query.Where(a => a.At > after.At || (a.At == after.At && a.Id > after.Id))
                .OrderBy(a => a.At).ThenBy(a => a.Id)).Take(PageSize + 1).ToListAsync();
            hasNewer = newer.Count > PageSize;
            rows = [.. newer.Take(PageSize).Reverse()];
            hasOlder = true;
        }
        else
        {
            var before = AuditCursor.Parse(filter.Before);
            if (before is { } b) query = query.Where(a => a.At < b.At || (a.At == b.At && a.Id < b.Id));
            var older = await Project(query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id)).Take(PageSize + 1).ToListAsync();
            hasOlder = older.Count > PageSize;
            rows = [.. older.Take(PageSize)];
            hasNewer = before is not null;
        }

        // The distinct actions, one index probe each (the table grows by a row per autosave, so no DISTINCT scan).
        var actions = await db.Database.SqlQuery<string>($"""
            WITH RECURSIVE a AS (
                (SELECT "Action" FROM "AuditEvents" ORDER BY "Action" LIMIT 1)
                UNION ALL
                SELECT (SELECT e."Action" FROM "AuditEvents" e WHERE e."Action" > a."Action" ORDER BY e."Action" LIMIT 1) FROM a WHERE a."Action" IS NOT NULL)
            SELECT "Action" AS "Value" FROM a WHERE "Action" IS NOT NULL
            """).ToListAsync();
        return View("/Features/Audit/Index.cshtml", new AuditPage(filter, rows, actions, hasOlder && rows.Count > 0, hasNewer && rows.Count > 0));
    }

    private static IQueryable<AuditRow> Project(IQueryable<AuditEvent> events) => events.Select(a => new AuditRow(a.Id, a.At, a.UserEmail, a.Action, a.CountryIso3, a.Subject,
        a.Details == null ? null : a.Details.Substring(0, DetailsShown), a.Details != null && a.Details.Length > DetailsShown));
}
