using CopAssessment.Web.Data;
using CopAssessment.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

// Not "Features.Audit": that namespace would hide the Infrastructure.Security.Audit class from every feature.
namespace CopAssessment.Web.Features.AuditTrail;

public sealed class AuditFilter
{
    public string? Country { get; set; }
    public string? Person { get; set; }
    public string? Action { get; set; }
    public DateOnly? From { get; set; }
    public DateOnly? To { get; set; }
    public int Page { get; set; } = 1;
}

public sealed record AuditPage(AuditFilter Filter, IReadOnlyList<AuditEvent> Events, IReadOnlyList<string> Actions, bool HasMore);

[Authorize(Policy = Policies.Administration)]
[Route("admin/audit")]
public class AuditController(CopDbContext db) : Controller
{
    private const int PageSize = 100;

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] AuditFilter filter)
    {
        var query = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Country)) query = query.Where(a => a.CountryIso3 == filter.Country.Trim().ToUpper());
        if (!string.IsNullOrWhiteSpace(filter.Person)) query = query.Where(a => a.UserEmail != null && a.UserEmail.Contains(filter.Person.Trim()));
        if (!string.IsNullOrWhiteSpace(filter.Action)) query = query.Where(a => a.Action == filter.Action);
        if (filter.From is { } from) { var f = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero); query = query.Where(a => a.At >= f); }
        if (filter.To is { } to) { var t = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero); query = query.Where(a => a.At < t); }
        filter.Page = Math.Clamp(filter.Page, 1, 100_000);
        var events = await query.OrderByDescending(a => a.At).ThenByDescending(a => a.Id).Skip((filter.Page - 1) * PageSize).Take(PageSize + 1).ToListAsync();
        // The distinct actions, one index probe each (the table grows by a row per autosave, so no DISTINCT scan).
        var actions = await db.Database.SqlQuery<string>($"""
            WITH RECURSIVE a AS (
                (SELECT "Action" FROM "AuditEvents" ORDER BY "Action" LIMIT 1)
                UNION ALL
                SELECT (SELECT e."Action" FROM "AuditEvents" e WHERE e."Action" > a."Action" ORDER BY e."Action" LIMIT 1) FROM a WHERE a."Action" IS NOT NULL)
            SELECT "Action" AS "Value" FROM a WHERE "Action" IS NOT NULL
            """).ToListAsync();
        return View("/Features/Audit/Index.cshtml", new AuditPage(filter, events.Take(PageSize).ToList(), actions, events.Count > PageSize));
    }
}
