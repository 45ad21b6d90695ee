namespace CopAssessment.Web.Features.Admin;

[Authorize(Policy = Policies.Administration)]
[Route("admin/mail")]
public class MailController(CopDbContext db) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? status)
    {
        var query = db.OutboxMessages.AsQueryable();
        query = status switch
        {
            "pending" => query.Where(m => m.SentAt == null),
            "sent" => query.Where(m => m.SentAt != null),
            "failed" => query.Where(m => m.SentAt == null && m.LastError != null),
            _ => query,
        };
        return View("Mail", new MailPage(await query.OrderByDescending(m => m.Id).Take(200).ToListAsync(), status));
    }
}
