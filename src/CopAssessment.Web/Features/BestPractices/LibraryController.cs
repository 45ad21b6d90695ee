using CopAssessment.Web.Features.Questionnaires;

namespace CopAssessment.Web.Features.BestPractices;

/// <summary>The public library: no sign-in, published versions only.</summary>
[AllowAnonymous]
[Route("best-practices")]
public class LibraryController(CopDbContext db, LibrarySearch search, LibraryLookups lookups, IStringLocalizer<Ui> L, IOptions<MailOptions> mail) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] LibraryQuery query, CancellationToken cancellationToken)
    {
        var result = await search.SearchAsync(query, cancellationToken);
        return View("Index", new LibraryPage(result, await lookups.LoadAsync(cancellationToken)));
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Details(int id)
    {
        var practice = await db.Set<BestPractice>().AsNoTracking().Where(p => p.Id == id && p.PublishedVersionId != null)
            .Select(p => new { p.FirstPublishedAt, Version = p.PublishedVersion! }).SingleOrDefaultAsync();
        if (practice is null) return NotFound();
        var attachments = await db.Set<BestPracticeAttachment>().Where(a => a.VersionId == practice.Version.Id)
            .Select(a => new AttachmentRow(a.Id, a.FileName, a.File!.ContentType, a.File.Size, a.File.Sha256)).ToListAsync();
        var staff = User.IsInRole(Roles.Administrator) || User.IsInRole(Roles.Reviewer);
        return View("Details", new PracticeView(id, practice.Version, attachments, await lookups.LoadAsync(), staff, practice.FirstPublishedAt));
    }

    [HttpGet("{id:int}/attachments/{attachmentId:int}")]
    public async Task<IActionResult> Attachment(int id, int attachmentId)
    {
        // Only attachments of the published version are public.
        return await db.Set<BestPracticeAttachment>()
            .Where(a => a.Id == attachmentId && a.Version!.PracticeId == id && a.Version.Practice!.PublishedVersionId == a.VersionId)
            .DownloadAsync(this);
    }

    [HttpGet("feed.atom")]
    public async Task<IActionResult> Feed(CancellationToken cancellationToken)
    {
        var items = await db.Set<BestPractice>().AsNoTracking().Where(p => p.FirstPublishedAt != null)
            .OrderByDescending(p => p.FirstPublishedAt).ThenByDescending(p => p.Id).Take(50)
            .Select(p => new FeedEntry(p.Id, p.PublishedVersion!.Title, p.PublishedVersion.Summary, p.PublishedVersion.Organisation,
                p.PublishedVersion.Language, p.FirstPublishedAt!.Value, p.PublishedVersion.ReviewedAt ?? p.FirstPublishedAt!.Value))
            .ToListAsync(cancellationToken);
        var xml = LibraryFeed.Write(items, BaseUrl(), L["COP best-practice library"], L["Newly published best practices on child online protection"]);
        return File(xml, "application/atom+xml; charset=utf-8");
    }

    [HttpGet("export.xlsx")]
    public async Task<IActionResult> Export([FromQuery] LibraryQuery query, CancellationToken cancellationToken)
    {
        var result = await search.AllAsync(query, cancellationToken: cancellationToken);
        var look = await lookups.LoadAsync(cancellationToken);
        var culture = CultureInfo.CurrentUICulture.Name;
        LibraryExport.Column[] columns =
        [
            new(L["Title"], 50), new(L["Countries"], 25), new(L["Organisation"], 30), new(L["Stakeholder group"], 20),
            new(L["Audiences"], 30), new(L["MNR capabilities"], 40), new(L["Language"], 10), new(L["Published"], 12),
        ];
        var bytes = LibraryExport.Write(result.Items, t => L[t], item =>
            [
                item.Title, string.Join(", ", item.Countries.Select(look.CountryName)), item.Organisation,
                L[Vocabulary.Label(Vocabulary.StakeholderGroups, item.StakeholderGroup)],
                string.Join(", ", item.Audiences.Select(a => L[Vocabulary.Label(Vocabulary.Audiences, a)].Value)),
                string.Join(", ", item.Capabilities.Select(c => look.CapabilityName(c, culture))),
                item.Language, item.PublishedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ], columns, item => (item.StartYear, item.EndYear, item.Id), BaseUrl());
        return File(bytes, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "best-practices.xlsx");
    }

    private string BaseUrl() => mail.Value.PublicBaseUrl.TrimEnd('/');
}

public sealed record AttachmentRow(int Id, string FileName, string ContentType, long Size, string Sha256);

public sealed record LibraryPage(LibraryResult Result, LibraryLookupData Lookups);

public sealed record PracticeView(int Id, BestPracticeVersion Version, IReadOnlyList<AttachmentRow> Attachments,
    LibraryLookupData Lookups, bool ShowContactEmail, DateTimeOffset? FirstPublishedAt);

public sealed record LibraryLookupData(
    IReadOnlyList<(string Code, string Name)> Regions, IReadOnlyList<(string Iso3, string Name, string Region)> Countries,
    IReadOnlyList<CapabilityInfo> Capabilities)
{
    public string CountryName(string iso3) => Countries.FirstOrDefault(c => c.Iso3 == iso3).Name ?? iso3;

    public string CapabilityName(string key, string culture) =>
        Capabilities.FirstOrDefault(c => c.Key == key)?.Name.Get(culture) ?? key;
}

/// <summary>The lists the library and the form choose from.</summary>
public sealed class LibraryLookups(CopDbContext db, QuestionnaireCatalog catalog, PlaceNames places)
{
    public async Task<LibraryLookupData> LoadAsync(CancellationToken cancellationToken = default)
    {
        var regions = (await db.Regions.AsNoTracking().OrderBy(r => r.Code).Select(r => new { r.Code, r.Name }).ToListAsync(cancellationToken))
            .Select(r => (r.Code, r.Name)).ToList();
        var regionOf = await db.Countries.AsNoTracking().ToDictionaryAsync(c => c.Iso3, c => c.RegionCode, cancellationToken);
        var countries = (await places.SortedAsync()).Select(c => (c.Key, c.Value, regionOf[c.Key])).ToList();
        return new LibraryLookupData(regions, countries, await catalog.GetCapabilitiesAsync(cancellationToken: cancellationToken));
    }
}
