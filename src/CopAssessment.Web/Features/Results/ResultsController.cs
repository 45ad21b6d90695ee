namespace CopAssessment.Web.Features.Results;

/// <summary>The public home of published stocktaking results: no sign-in, published cycles only.</summary>
[AllowAnonymous]
[Route("results")]
public sealed class ResultsController(PublicResults results) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index() => View(await results.CyclesAsync());

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Cycle(int id) => await results.PageAsync(id) is { } page ? View(page) : NotFound();
}
