using Microsoft.AspNetCore.RateLimiting;

namespace CopAssessment.Web.Features.Results;

/// <param name="Files">File name → its address in this API (answers only for a named cycle).</param>
public sealed record PublicCycleDto(int Id, string Title, string PublicationPolicy, string Licence, string LicenceUrl, IReadOnlyDictionary<string, string> Files);

/// <summary>
/// The open data of published cycles for programs, without signing in: the same files as /results/{id}/data/…,
/// cached (ETag, Cache-Control) and rate-limited per client address. Any other cycle is not found.
/// </summary>
[ApiController]
[AllowAnonymous]
[Route("api/v1/public/cycles")]
[EnableRateLimiting(OpenData.RateLimit)]
public sealed class PublicApiController(PublicResults results, OpenData openData) : ControllerBase
{
    [HttpGet("")]
    [ProducesResponseType<IReadOnlyList<PublicCycleDto>>(StatusCodes.Status200OK)]
    public async Task<IReadOnlyList<PublicCycleDto>> Cycles([FromQuery] string? language = null)
    {
        var list = new List<PublicCycleDto>();
        foreach (var cycle in await results.CyclesAsync(LocalizationSetup.Supported(language) ?? LocalizationSetup.Cultures[0])) list.Add(Dto(cycle));
        return list;
    }

    [HttpGet("{id:int}")]
    [ProducesResponseType<PublicCycleDto>(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    public async Task<ActionResult<PublicCycleDto>> Cycle(int id, [FromQuery] string? language = null) =>
        (await results.CyclesAsync(LocalizationSetup.Supported(language) ?? LocalizationSetup.Cultures[0])).FirstOrDefault(c => c.Id == id) is { } cycle
            ? Dto(cycle) : NotFound(new { error = "No published cycle with this number." });

    /// <summary>scores.csv, scores.json, participation.csv, participation.json, answers.csv and answers.json (named cycles), dictionary.csv.</summary>
    [HttpGet("{id:int}/{file}")]
    [ProducesResponseType(StatusCodes.Status200OK)]
    [ProducesResponseType(StatusCodes.Status304NotModified)]
    [ProducesResponseType(StatusCodes.Status404NotFound)]
    [ProducesResponseType(StatusCodes.Status429TooManyRequests)]
    public async Task<IActionResult> File(int id, string file, [FromQuery] string? language = null) =>
        await openData.FileAsync(id, file, language) is { } data ? this.Send(data, download: false)
            : NotFound(new { error = "No such file of a published cycle." });

    private PublicCycleDto Dto(PublishedCycle cycle)
    {
        var licence = DataLicences.Of(cycle.Licence);
        return new PublicCycleDto(cycle.Id, cycle.Name, cycle.Policy.ToString(), licence.ShortName, licence.Url,
            OpenData.FileNames(cycle.Policy == Domain.Aggregation.PublicationMode.Named)
                .ToDictionary(f => f, f => Url.Action(nameof(File), new { id = cycle.Id, file = f })!));
    }
}
