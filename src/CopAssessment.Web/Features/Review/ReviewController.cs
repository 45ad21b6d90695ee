namespace CopAssessment.Web.Features.Review;

/// <summary>The Secretariat's side of an assessment: the queue, the review page and the decisions.</summary>
[Authorize(Policy = Policies.Secretariat)]
[Route("review")]
public class ReviewController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Queue([FromQuery] QueueFilter filter, [FromServices] ReviewQueue queue) => View("Queue", await queue.LoadAsync(filter));

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Review(int id, [FromQuery] ReviewView view, [FromServices] ReviewPage page) => this.Result(await page.ShowAsync(id, view, User), "Review");

    [HttpPost("{id:int}/return")]
    public async Task<IActionResult> Return(int id, [FromForm] string? note, [FromServices] Decisions decisions) =>
        this.Result(await decisions.ReturnAsync(id, note, User), "Review");

    [HttpPost("{id:int}/validate")]
    public async Task<IActionResult> Validate(int id, [FromForm] string? note, [FromServices] Decisions decisions) =>
        this.Result(await decisions.ValidateAsync(id, note, User), "Review");

    [HttpPost("{id:int}/reopen")]
    [Authorize(Policy = Policies.Administration)]
    public async Task<IActionResult> Reopen(int id, [FromForm] string? reason, [FromServices] Decisions decisions) =>
        this.Result(await decisions.ReopenAsync(id, reason, User), "Review");
}
