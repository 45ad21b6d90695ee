using Microsoft.AspNetCore.RateLimiting;

namespace CopAssessment.Web.Features.Results;

/// <summary>The public home of published stocktaking results: no sign-in, published cycles only.</summary>
[AllowAnonymous]
[Route("results")]
public sealed class ResultsController(PublicResults results, OpenData openData) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index() => View(await results.CyclesAsync());

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Cycle(int id) => await results.PageAsync(id) is { } page ? View(page) : NotFound();

    /// <summary>A country of a named published cycle; 404 for an anonymised cycle or a country without published figures.</summary>
    [HttpGet("{id:int}/{iso3:alpha:length(3)}")]
    public async Task<IActionResult> Country(int id, string iso3) => await results.CountryAsync(id, iso3) is { } page ? View(page) : NotFound();

    /// <summary>A published cycle's open-data file (<see cref="OpenData.FileNames"/>), in a language of the product (English by default).</summary>
    [HttpGet("{id:int}/data/{file}")]
    [EnableRateLimiting(OpenData.RateLimit)]
    public async Task<IActionResult> Data(int id, string file, string? language = null) =>
        await openData.FileAsync(id, file, language) is { } data ? this.Send(data, download: true) : NotFound();
}
