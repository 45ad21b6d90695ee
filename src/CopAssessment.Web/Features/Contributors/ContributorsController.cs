namespace CopAssessment.Web.Features.Contributors;

/// <summary>A focal point's national contributors: invite, assign sections, revoke (<see cref="ContributorTeam"/>).</summary>
[Authorize(Policy = Policies.NationalTeam)]
[Route("contributors")]
public class ContributorsController(ContributorTeam team) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index() => View("Contributors", await team.ShowAsync());

    [HttpPost("invite")]
    public async Task<IActionResult> Invite(AssignmentInput input) => this.Result(await team.InviteAsync(input, User.Identity?.Name ?? ""), "Contributors");

    [HttpPost("{userId}")]
    public async Task<IActionResult> Assign(string userId, AssignmentInput input) => this.Result(await team.AssignAsync(userId, input, User.Identity?.Name ?? ""), "Contributors");

    [HttpPost("{userId}/revoke")]
    public async Task<IActionResult> Revoke(string userId) => this.Result(await team.RevokeAsync(userId), "Contributors");
}
