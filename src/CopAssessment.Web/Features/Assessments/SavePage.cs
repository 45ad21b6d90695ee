using CopAssessment.Web.Infrastructure.Uploads;
using QDomain = CopAssessment.Domain.Questionnaires.Domain;
using Question = CopAssessment.Domain.Questionnaires.Question;

namespace CopAssessment.Web.Features.Assessments;

public sealed record ConflictInfo(AnswerValue Yours, AnswerValue Theirs, string TheirsBy, DateTimeOffset TheirsAt);

public sealed class DomainPageModel
{
    public required SubmissionContext Context { get; init; }
    public required QDomain Section { get; init; }

    /// <summary>The section's answered and required questions that apply now.</summary>
    public required Completeness Progress { get; init; }
    public required Dictionary<string, StoredAnswer> Answers { get; init; }
    public required IReadOnlySet<string> Hidden { get; init; }
    public required ILookup<string, EvidenceRow> Evidence { get; init; }
    public required ILookup<string?, CommentRow> Comments { get; init; }
    public Dictionary<string, string> Errors { get; init; } = [];
    public Dictionary<string, ConflictInfo> Conflicts { get; init; } = [];

    /// <summary>What the person typed where it could not be saved, shown again instead of the stored value.</summary>
    public Dictionary<string, AnswerValue> Typed { get; init; } = [];
    /// <summary>Some question of the page may be edited; which ones: <see cref="Editable"/>.</summary>
    public bool CanEdit { get; init; }

    /// <summary>The questions the person may edit (a national contributor: those of their sections).</summary>
    public IReadOnlySet<string> EditableKeys { get; init; } = new HashSet<string>();

    /// <summary>The questions shown (a contributor whose other sections are hidden: only theirs).</summary>
    public IReadOnlySet<string> ShownKeys { get; init; } = new HashSet<string>();

    /// <summary>A national contributor while the assessment is editable: only their sections can change.</summary>
    public bool SectionsOnly { get; init; }

    /// <summary>The sections listed in the page's navigation.</summary>
    public IReadOnlyList<QDomain> Domains { get; init; } = [];
    public bool MayComment { get; init; }
    public string Culture { get; init; } = "en";

    public bool Editable(string key) => EditableKeys.Contains(key);

    /// <summary>Cycle id → title in the reader's language, for "carried from …".</summary>
    public IReadOnlyDictionary<int, string> CycleTitles { get; init; } = new Dictionary<int, string>();

    /// <summary>The answer was carried from an earlier cycle and nobody has confirmed it yet: the cycle's title.</summary>
    public string? CarriedFrom(string key) =>
        Answers.TryGetValue(key, out var stored) && stored.Unconfirmed && stored.CarriedFromCycleId is { } cycle && !Typed.ContainsKey(key)
            ? CycleTitles.GetValueOrDefault(cycle, "") : null;

    /// <summary>The section's carried answers still waiting for confirmation that this person may confirm.</summary>
    public int UnconfirmedEditable => Section.Capabilities.SelectMany(c => c.Questions).Count(q => Editable(q.Key) && !Hidden.Contains(q.Key) && CarriedFrom(q.Key) is not null);
    public long MaxUploadBytes { get; init; }

    /// <summary>The question whose evidence panel is shown open.</summary>
    public string? OpenEvidence { get; init; }

    /// <summary>The questions of the whole assessment with an open comment thread, in questionnaire order ("next open comment").</summary>
    public IReadOnlyList<string> OpenThreads { get; init; } = [];

    /// <summary>The open thread after <paramref name="key"/>'s, round to the first; null when there is no other.</summary>
    public string? NextOpenThread(string? key)
    {
        // One entry per question, however many open comments it has: a question with two would otherwise be its own "next".
        var threads = OpenThreads.Distinct().ToList();
        var at = key is null ? -1 : threads.IndexOf(key);
        var next = threads.Skip(at + 1).Concat(threads.Take(Math.Max(at, 0))).FirstOrDefault();
        return next == key ? null : next;
    }

    /// <summary>Where a question is: an anchor on this page, or its section's page.</summary>
    public string QuestionLink(IUrlHelper url, string key)
    {
        var domain = Context.Definition.DomainOf(key)!.Key;
        return (domain == Section.Key ? "" : url.Action("Domain", "Assessments", new { id = Context.Id, domain })) + "#" + QuestionRendering.Id(key);
    }

    /// <summary>Errors of answers, not of evidence (those carry an "evidence:" prefix and show in the evidence panel).</summary>
    public bool HasAnswerErrors => Errors.Keys.Any(k => !k.StartsWith("evidence:", StringComparison.Ordinal));

    public AnswerValue ValueOf(string key) =>
        Typed.TryGetValue(key, out var typed) ? typed : Answers.TryGetValue(key, out var stored) ? stored.Value : AnswerValue.None;

    /// <summary>The version the page shows; after a conflict, theirs (the save stored it in <see cref="Answers"/>).</summary>
    public uint VersionOf(string key) => Answers.TryGetValue(key, out var stored) ? stored.Version : 0;
}

public sealed record QuestionView(DomainPageModel Page, Question Question);

/// <summary>Helpers the question views use to show a stored answer in form controls.</summary>
public static class QuestionRendering
{
    public static string Id(string key) => "q-" + key.Replace('.', '-');

    public static bool IsChecked(AnswerValue value, string option) =>
        value.OptionKey == option || value.SelectedOptions.Contains(option);

    public static string InputText(AnswerValue value) => value.Kind switch
    {
        AnswerKind.Number => value.NumberOrNull!.Value.ToString(CultureInfo.InvariantCulture),
        AnswerKind.Date => value.DateOrNull!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        AnswerKind.Text => value.TextOrNull!,
        _ => "",
    };
}

/// <summary>
/// A section's page, and the no-JavaScript way of saving it: every answer on the page in one form (fields named
/// by <see cref="AnswerForm"/>), each saved by the same rules as autosave (<see cref="SaveAnswer"/>); conflicts
/// and refusals come back on the page with what the person typed.
/// </summary>
public sealed class SavePage(CopDbContext db, AssessmentAccess access, SaveAnswer saver, SubmissionPage page, UploadReader uploads,
    CopAssessment.Web.Features.Contributors.SectionCompletion completion, CycleTitles cycleTitles, IStringLocalizer<Ui> L)
{
    /// <summary>TempData key of a refused attachment, shown in the question's evidence panel.</summary>
    public const string EvidenceErrorKey = "EvidenceError";

    private static string Culture => CultureInfo.CurrentUICulture.Name;

    /// <param name="openEvidence">A question whose evidence panel opens (after attaching, or a refused attachment).</param>
    /// <param name="evidenceError">Why an attachment to that question was refused.</param>
    public async Task<Outcome<DomainPageModel>?> ShowAsync(int submissionId, string domain, ClaimsPrincipal user, string? openEvidence, string? evidenceError)
    {
        var context = await access.FindAsync(submissionId);
        if (context?.Definition.Domains.FirstOrDefault(d => d.Key == domain) is not { } section || !access.Shows(section)) return null;
        var errors = new Dictionary<string, string>();
        if (openEvidence is not null && evidenceError is not null) errors["evidence:" + openEvidence] = evidenceError;
        return Outcome<DomainPageModel>.Show(await ModelAsync(context, section.Key, user, await db.LoadAnswersAsync(submissionId), errors, openEvidence: openEvidence));
    }

    public async Task<Outcome<DomainPageModel>?> HandleAsync(int submissionId, string domain, IFormCollection form, ClaimsPrincipal user)
    {
        var context = await access.FindAsync(submissionId);
        if (context?.Definition.Domains.FirstOrDefault(d => d.Key == domain) is not { } section || !access.Shows(section)) return null;
        var editable = section.Capabilities.SelectMany(c => c.Questions).Where(q => access.CanEdit(user, context, q.Key)).Select(q => q.Key).ToHashSet();
        if (editable.Count == 0) return Outcome<DomainPageModel>.Forbid();
        var answers = await db.LoadAnswersAsync(submissionId);
        var errors = new Dictionary<string, string>();
        var conflicts = new Dictionary<string, ConflictInfo>();
        var typed = new Dictionary<string, AnswerValue>();
        var target = AnswerTarget.Of(context);
        var who = user.Identity?.Name ?? "";
        // Relevance order, so a follow-up is saved once the answer that reveals it is in.
        // Only the questions this person may edit: a contributor's form carries no others, and a forged one saves none.
        foreach (var question in context.Definition.RelevanceOrder.Where(q => editable.Contains(q.Key)))
        {
            if (AnswerForm.Read(form, question.Key) is not { } posted) continue;
            var yours = ConstraintChecker.Parse(question, posted.Value, Culture).Value;
            if (posted.Conflict)
            {
                // The page showed a conflict here: keep theirs (save nothing), use mine (save over the version
                // shown), or, with no choice made, show the conflict again rather than decide for the person.
                if (posted.Resolution == AnswerForm.KeepTheirs) continue;
                if (posted.Resolution != AnswerForm.UseMine && answers.TryGetValue(question.Key, out var theirs) && theirs.Version == posted.Version
                    && !yours.Equals(theirs.Value))
                {
                    conflicts[question.Key] = new ConflictInfo(yours, theirs.Value, theirs.UpdatedBy, theirs.UpdatedAt);
                    typed[question.Key] = yours;
                    continue;
                }
            }
            var result = await saver.SaveAsync(target, question, posted.Value, posted.Version, who, Culture, answers);
            switch (result.Outcome)
            {
                case SaveOutcome.Locked:
                    // Submitted (or closed) while this page was being saved: nothing more can be saved.
                    errors[question.Key] = L["This assessment is read-only now."];
                    typed[question.Key] = yours;
                    break;
                case SaveOutcome.Invalid:
                    errors[question.Key] = result.Error!;
                    typed[question.Key] = yours;
                    break;
                case SaveOutcome.Conflict:
                    conflicts[question.Key] = new ConflictInfo(yours, result.Theirs!, result.TheirsBy!, result.TheirsAt!.Value);
                    typed[question.Key] = yours;
                    break;
            }
        }
        await completion.NotifyAsync(submissionId, context.Definition, editable);
        if (errors.Count == 0 && conflicts.Count == 0)
            return Outcome<DomainPageModel>.GoTo(nameof(AssessmentsController.Domain), new { id = submissionId, domain = section.Key }, L["Your answers are saved."]);
        return Outcome<DomainPageModel>.Show(await ModelAsync(context, section.Key, user, answers, errors, conflicts, typed),
            conflicts.Count > 0 ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity);
    }

    private async Task<DomainPageModel> ModelAsync(SubmissionContext context, string domainKey, ClaimsPrincipal user, Dictionary<string, StoredAnswer> answers,
        Dictionary<string, string>? errors = null, Dictionary<string, ConflictInfo>? conflicts = null, Dictionary<string, AnswerValue>? typed = null,
        string? openEvidence = null)
    {
        var values = answers.Values();
        var section = context.Definition.Domains.First(d => d.Key == domainKey);
        var questions = section.Capabilities.SelectMany(c => c.Questions).ToList();
        var hidden = QuestionVisibility.HiddenQuestions(context.Definition, values);
        var comments = await page.CommentsAsync(context.Id);
        var open = comments.Where(c => c.ParentId is null && !c.Resolved && c.QuestionKey is not null).Select(c => c.QuestionKey!).ToHashSet();
        return new DomainPageModel
        {
            Context = context,
            Section = context.Definition.Domains.First(d => d.Key == domainKey),
            Progress = ScoringEngine.Score(context.Definition, answers.Counted(), ScoringMode.Provisional).FindDomain(domainKey)!.Completeness,
            Answers = answers,
            Hidden = hidden,
            Evidence = await page.EvidenceAsync(context.Id),
            Comments = comments.ToLookup(c => c.QuestionKey),
            OpenThreads = [.. context.Definition.Domains.SelectMany(d => d.Capabilities).SelectMany(k => k.Questions).Select(q => q.Key).Where(k => open.Contains(k) && !hidden.Contains(k) && access.Shows(context, k))],
            Errors = errors ?? [],
            Conflicts = conflicts ?? [],
            Typed = typed ?? [],
            CanEdit = questions.Any(q => access.CanEdit(user, context, q.Key)),
            EditableKeys = questions.Where(q => access.CanEdit(user, context, q.Key)).Select(q => q.Key).ToHashSet(),
            ShownKeys = questions.Where(q => access.Shows(context, q.Key)).Select(q => q.Key).ToHashSet(),
            Domains = [.. context.Definition.Domains.Where(access.Shows)],
            SectionsOnly = access.IsContributor && access.CanEdit(user, context),
            MayComment = access.MayComment(user),
            Culture = Culture,
            MaxUploadBytes = uploads.MaxBytes,
            OpenEvidence = openEvidence,
            CycleTitles = answers.Values.Any(a => a.Unconfirmed) ? await cycleTitles.InLanguageAsync() : new Dictionary<int, string>(),
        };
    }
}
