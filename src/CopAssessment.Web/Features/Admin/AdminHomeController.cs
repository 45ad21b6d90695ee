namespace CopAssessment.Web.Features.Admin;

/// <summary>
/// The menu's Administration toggle links here: with JavaScript it opens the dropdown, without it the
/// browser follows the link, so the toggle is never a dead link.
/// </summary>
[Authorize(Policy = Policies.Administration)]
[Route("admin")]
public class AdminHomeController : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View("Index");
}
