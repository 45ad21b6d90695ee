using Hangfire;

namespace CopAssessment.Web.Features.Review;

/// <summary>
/// Runs the reminders hourly; each run is safe to repeat and to overlap with another instance's. A failed run
/// is retried with back-off (the next hour would send the same reminders, but later).
/// </summary>
[AutomaticRetry(Attempts = 3, DelaysInSeconds = [60, 300, 900])]
public sealed class DeadlineReminderJob(DeadlineReminders reminders)
{
    public const string Id = "deadline-reminders";

    [JobDisplayName("Send deadline reminders")]
    public Task RunAsync(CancellationToken cancellationToken) => reminders.SendDueAsync(DateTimeOffset.UtcNow, cancellationToken);
}

/// <summary>
/// Reminds the focal points of countries that have not submitted, 14, 7 and 1 days before the deadline. The
/// outbox's unique deduplication key (cycle, country, threshold, person) and INSERT … ON CONFLICT DO NOTHING
/// make a reminder go once, however many times and on however many instances the job runs.
/// </summary>
public sealed class DeadlineReminders(CopDbContext db, IOptions<MailOptions> mail, Outbox outbox)
{
    public static readonly int[] Thresholds = [14, 7, 1];

    /// <summary>The statuses in which a country can still answer and submit in an open cycle (from the workflow's rule).</summary>
    private static readonly string[] Unsubmitted =
        [.. Enum.GetValues<SubmissionStatus>().Where(s => SubmissionWorkflow.CanEditAnswers(s, CycleStatus.Open)).Select(s => s.ToString())];

    // Filled in by the database per country, after the text is translated.
    private const string CountryMarker = "\u27E6country\u27E7", LinkMarker = "\u27E6link\u27E7";

    public async Task<int> SendDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var cycles = await db.Set<CopAssessment.Web.Data.Assessments.AssessmentCycle>().AsNoTracking()
            .Where(c => c.Status == CycleStatus.Open && c.Deadline > now)
            .Select(c => new { c.Id, c.Name, c.Deadline, Titles = c.Titles.ToList() }).ToListAsync(cancellationToken);
        var queued = 0;
        var baseUrl = mail.Value.PublicBaseUrl.TrimEnd('/');
        foreach (var cycle in cycles)
        {
            var daysLeft = (int)Math.Ceiling((cycle.Deadline - now).TotalDays);
            // The tightest threshold reached: a job that was down on day 14 still sends the 7-day one, never both late.
            int? threshold = Thresholds.Where(t => daysLeft <= t).Select(t => (int?)t).LastOrDefault();
            if (threshold is null) continue;
            var deadline = cycle.Deadline.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var titles = CycleTitles.AllLanguages(cycle.Name, cycle.Titles);
            // One insert per language, each to the focal points who read that language (English when not chosen).
            foreach (var language in LocalizationSetup.Cultures)
            {
                var title = Bidi.Isolate(titles[language]);
                var (subject, body) = outbox.InLanguage(language, L => (
                    L.Plural(daysLeft, "Reminder: {0} closes in {1} day", "Reminder: {0} closes in {1} days", title, daysLeft).Value,
                    $"{L["The assessment of {0} for {1} has not been submitted yet. The deadline is {2}.", CountryMarker, title, deadline]}\n\n{L["Continue it: {0}", LinkMarker]}\n"));
                var isDefault = language == LocalizationSetup.Cultures[0];
                queued += await db.Database.ExecuteSqlInterpolatedAsync($"""
                    INSERT INTO "OutboxMessages" ("To", "Subject", "Body", "DeduplicationKey", "CreatedAt", "NextAttemptAt", "Attempts")
                    SELECT u."Email", {subject},
                           replace(replace({body}, {CountryMarker}, COALESCE(n."Name", c."Name")), {LinkMarker}, {baseUrl + Links.AssessmentPrefix} || s."Id"),
                           'reminder:' || s."CycleId" || ':' || s."CountryIso3" || ':' || {threshold.Value} || ':' || u."Id",
                           now(), now(), 0
                    FROM "Submissions" s
                    JOIN "Countries" c ON c."Iso3" = s."CountryIso3"
                    LEFT JOIN "CountryNames" n ON n."CountryIso3" = c."Iso3" AND n."Language" = {PlaceNames.LanguageOf(language)}
                    JOIN "AspNetUsers" u ON u."CountryIso3" = s."CountryIso3" AND u."Email" IS NOT NULL
                    WHERE s."CycleId" = {cycle.Id} AND s."Status" = ANY({Unsubmitted})
                      AND (u."PreferredCulture" = {language} OR ({isDefault} AND (u."PreferredCulture" IS NULL OR NOT u."PreferredCulture" = ANY({LocalizationSetup.Cultures}))))
                    ON CONFLICT ("DeduplicationKey") DO NOTHING
                    """, cancellationToken);
            }
        }
        return queued;
    }
}
