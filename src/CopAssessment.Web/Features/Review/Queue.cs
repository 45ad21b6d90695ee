namespace CopAssessment.Web.Features.Review;

public sealed record QueueRow(int Id, int CycleId, string CycleName, string Iso3, string CountryName, string Region, SubmissionStatus Status, DateTimeOffset? SubmittedAt, int OpenComments);

/// <summary>The queue's filters as the form sends them (all optional; an empty status is the default queue).</summary>
public sealed record QueueFilter(int? Cycle, string? Region, SubmissionStatus? Status, int? Age);

public sealed class QueueModel
{
    public required IReadOnlyList<QueueRow> Rows { get; init; }
    public required IReadOnlyList<(int Id, string Name)> Cycles { get; init; }
    /// <summary>Regions by code with their (English, translated by the view) names: the filter and the rows show names, not codes.</summary>
    public required IReadOnlyList<(string Code, string Name)> Regions { get; init; }
    public IReadOnlyDictionary<string, string> RegionNames => Regions.ToDictionary(r => r.Code, r => r.Name);
    public int? Cycle { get; init; }
    public string? Region { get; init; }
    public SubmissionStatus? Status { get; init; }
    public int? MinAgeDays { get; init; }
}

/// <summary>What waits for the Secretariat: submissions of the cycles still reviewed, oldest submission first.</summary>
public sealed class ReviewQueue(CopDbContext db, PlaceNames places, CycleTitles cycleTitles)
{
    public const int MaxRows = 500;

    /// <summary>Submissions of cycles the Secretariat still reviews (open or closed).</summary>
    public static IQueryable<Submission> InReviewableCycles(IQueryable<Submission> submissions) =>
        submissions.Where(s => s.Cycle!.Status == CycleStatus.Open || s.Cycle.Status == CycleStatus.Closed);

    /// <summary>What waits for the Secretariat: the queue's default and the dashboard's count.</summary>
    public static IQueryable<Submission> WaitingForReview(IQueryable<Submission> submissions) =>
        submissions.Where(s => s.Status == SubmissionStatus.Submitted || s.Status == SubmissionStatus.InReview);

    public async Task<QueueModel> LoadAsync(QueueFilter filter)
    {
        var query = InReviewableCycles(db.Set<Submission>().AsNoTracking());
        if (filter.Cycle is not null) query = query.Where(s => s.CycleId == filter.Cycle);
        if (!string.IsNullOrEmpty(filter.Region)) query = query.Where(s => s.Country!.RegionCode == filter.Region);
        // By default the queue is what waits for the Secretariat.
        query = filter.Status is not null ? query.Where(s => s.Status == filter.Status) : WaitingForReview(query);
        if (filter.Age is > 0)
        {
            var before = DateTimeOffset.UtcNow.AddDays(-filter.Age.Value);
            query = query.Where(s => s.SubmittedAt != null && s.SubmittedAt <= before);
        }
        var openThreads = db.Set<ReviewComment>().Where(ReviewComment.OpenThread);
        var rows = await query.OrderBy(s => s.SubmittedAt).ThenBy(s => s.Country!.Name).Take(MaxRows)
            .Select(s => new QueueRow(s.Id, s.CycleId, s.Cycle!.Name, s.CountryIso3, s.Country!.Name, s.Country.RegionCode, s.Status, s.SubmittedAt,
                openThreads.Count(c => c.SubmissionId == s.Id)))
            .ToListAsync();
        var names = await places.CountriesAsync();
        var titles = await cycleTitles.InLanguageAsync();
        rows = [.. rows.Select(r => r with { CountryName = names.GetValueOrDefault(r.Iso3, r.CountryName), CycleName = titles.GetValueOrDefault(r.CycleId, r.CycleName) })];
        var cycles = (await db.Set<AssessmentCycle>().OrderByDescending(c => c.Deadline).Select(c => new { c.Id, c.Name }).ToListAsync())
            .Select(c => (c.Id, titles.GetValueOrDefault(c.Id, c.Name))).ToList();
        var regions = (await db.Regions.OrderBy(r => r.Name).Select(r => new { r.Code, r.Name }).ToListAsync()).Select(r => (r.Code, r.Name)).ToList();
        return new QueueModel
        {
            Rows = rows, Cycles = cycles, Regions = regions,
            Cycle = filter.Cycle, Region = filter.Region, Status = filter.Status, MinAgeDays = filter.Age,
        };
    }
}
