namespace CopAssessment.Web.Features.BestPractices;

public sealed record QueueRow(int PracticeId, int Number, string Title, string Organisation, List<string> Countries,
    string SubmittedBy, DateTimeOffset? SubmittedAt, bool UpdatesPublished);

/// <summary>The moderation queue, with the vocabularies its rows are labelled from.</summary>
public sealed record QueuePage(IReadOnlyList<QueueRow> Rows, LibraryLookupData Lookups);

public sealed record ReviewPage(BestPractice Practice, BestPracticeVersion Version, BestPracticeVersion? Published,
    IReadOnlyList<BestPracticeVersion> History, IReadOnlyList<string> ChangedFields, LibraryLookupData Lookups);

public enum Decision { Publish, RequestChanges, Decline }

/// <summary>The reviewer's side: the queue and the three decisions on a submitted version.</summary>
public sealed class Moderation(CopDbContext db, Audit audit, Outbox outbox, IStringLocalizer<Ui> L)
{
    public Task<List<QueueRow>> QueueAsync() =>
        db.Set<BestPracticeVersion>().Where(v => v.Status == PracticeStatus.Submitted).OrderBy(v => v.SubmittedAt)
            .Select(v => new QueueRow(v.PracticeId, v.Number, v.Title, v.Organisation, v.Countries, v.Practice!.OwnerEmail,
                v.SubmittedAt, v.Practice.PublishedVersionId != null))
            .ToListAsync();

    public async Task<ReviewPage?> ReviewAsync(int practiceId, LibraryLookupData lookups)
    {
        var practice = await db.Set<BestPractice>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == practiceId);
        if (practice is null) return null;
        var history = await db.Set<BestPracticeVersion>().AsNoTracking().Include(v => v.Attachments)
            .Where(v => v.PracticeId == practiceId).OrderByDescending(v => v.Number).ToListAsync();
        var latest = history[0];
        var published = history.FirstOrDefault(v => v.Id == practice.PublishedVersionId);
        return new ReviewPage(practice, latest, published, history, published is null || published.Id == latest.Id ? [] : Changes(published, latest), lookups);
    }

    /// <summary>Which fields an update changes, so the reviewer reads those first.</summary>
    public static List<string> Changes(BestPracticeVersion a, BestPracticeVersion b)
    {
        var changed = new List<string>();
        void Check(string name, object? x, object? y) { if (!Equals(x, y)) changed.Add(name); }
        Check("Title", a.Title, b.Title);
        Check("Summary", a.Summary, b.Summary);
        Check("Description", a.Description, b.Description);
        Check("Countries", string.Join(",", a.Countries), string.Join(",", b.Countries));
        Check("Organisation", a.Organisation, b.Organisation);
        Check("Stakeholder group", a.StakeholderGroup, b.StakeholderGroup);
        Check("Audiences", string.Join(",", a.Audiences), string.Join(",", b.Audiences));
        Check("MNR capabilities", string.Join(",", a.Capabilities), string.Join(",", b.Capabilities));
        Check("Period", (a.StartYear, a.EndYear), (b.StartYear, b.EndYear));
        Check("Results and impact", a.Results, b.Results);
        Check("Enabling factors and constraints", a.EnablingFactors, b.EnablingFactors);
        Check("Scaling and replication", a.Scalability, b.Scalability);
        Check("Links", string.Join(",", a.Links), string.Join(",", b.Links));
        Check("Contact", (a.ContactName, a.ContactEmail), (b.ContactName, b.ContactEmail));
        Check("Language", a.Language, b.Language);
        Check("Attachments", string.Join(",", a.Attachments.Select(x => x.FileId).Order()), string.Join(",", b.Attachments.Select(x => x.FileId).Order()));
        return changed;
    }

    /// <summary>Returns an error message, or null when the decision was recorded.</summary>
    public async Task<string?> DecideAsync(int practiceId, Decision decision, string? note, string reviewer)
    {
        note = note?.ReplaceLineEndings("\n").Trim();
        if (decision != Decision.Publish && string.IsNullOrEmpty(note))
            return decision == Decision.Decline ? L["Give the reason for declining."] : L["Write what needs to change."];
        if (note is { Length: > PracticeLimits.ReviewNote }) return L["At most {0} characters.", PracticeLimits.ReviewNote];

        var practice = await db.Set<BestPractice>().SingleOrDefaultAsync(p => p.Id == practiceId);
        if (practice is null) return L["This practice does not exist."];
        var version = await db.Set<BestPracticeVersion>().Where(v => v.PracticeId == practiceId).OrderByDescending(v => v.Number).FirstAsync();
        if (version.Status != PracticeStatus.Submitted) return L["This version is not waiting for review."];

        var now = DateTimeOffset.UtcNow;
        version.ReviewedAt = now;
        version.ReviewedBy = reviewer;
        version.ReviewNote = decision == Decision.Publish ? null : note;
        Func<IStringLocalizer, (string Subject, string Body)> compose;
        var link = outbox.Link(Links.EditPractice(practice.Id));
        switch (decision)
        {
            case Decision.Publish:
                if (practice.PublishedVersionId is { } previous)
                {
                    var replaced = await db.Set<BestPracticeVersion>().SingleAsync(v => v.Id == previous);
                    replaced.Status = PracticeStatus.Superseded;
                }
                version.Status = PracticeStatus.Published;
                practice.PublishedVersionId = version.Id;
                practice.FirstPublishedAt ??= now;
                compose = L => (L["Best practice published: {0}", version.Title],
                    $"{L["Your best practice \"{0}\" is now published in the public library:", version.Title]}\n{outbox.Link(Links.Practice(practice.Id))}\n");
                break;
            case Decision.RequestChanges:
                version.Status = PracticeStatus.ChangesRequested;
                compose = L => (L["Changes requested: {0}", version.Title],
                    $"{L["The COP Secretariat asks for changes to your best practice \"{0}\":", version.Title]}\n\n{note}\n\n{L["Edit and resubmit it here:"]}\n{link}\n");
                break;
            default:
                version.Status = PracticeStatus.Declined;
                compose = L => (L["Best practice declined: {0}", version.Title],
                    $"{L["The COP Secretariat declined your best practice \"{0}\" (version {1}).", version.Title, version.Number]}\n\n{L["Reason:"]}\n{note}\n\n{link}\n");
                break;
        }
        // By account id: OwnerEmail is the address at submission time and need not match the account today.
        var ownerLanguage = await db.Users.Where(u => u.Id == practice.OwnerId).Select(u => u.PreferredCulture).FirstOrDefaultAsync();
        outbox.Enqueue([new Recipient(practice.OwnerEmail, ownerLanguage)], compose);
        audit.Record($"best-practice-{decision.ToString().ToLowerInvariant()}", $"best-practice/{practice.Id}", $"v{version.Number}: {note}", practice.OwnerCountryIso3);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            return L["Another reviewer decided on this practice at the same time. Reload the page."];
        }
        return null;
    }
}
