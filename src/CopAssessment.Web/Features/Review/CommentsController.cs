namespace CopAssessment.Web.Features.Review;

/// <summary>Comments live on the submission's pages, so their addresses are the assessment's; anyone who sees it may read them.</summary>
[Authorize(Policy = Policies.CountryData)]
[Route("assessments/{id:int}/comments")]
public class CommentsController : Controller
{
    [HttpPost("")]
    public async Task<IActionResult> Comment(int id, [FromForm] CommentInput input, [FromServices] Comments comments) =>
        this.Result(await comments.AddAsync(id, input, User), "");

    [HttpPost("{commentId:long}/resolve")]
    [Authorize(Policy = Policies.Secretariat)]
    public async Task<IActionResult> Resolve(int id, long commentId, [FromForm] string? returnUrl, [FromServices] Comments comments, [FromForm] bool reopen = false) =>
        this.Result(await comments.ResolveAsync(id, commentId, reopen, returnUrl, User), "");
}
