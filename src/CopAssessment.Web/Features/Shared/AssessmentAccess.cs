using CopAssessment.Domain.Questionnaires;
using CopAssessment.Web.Features.Questionnaires;
using QDomain = CopAssessment.Domain.Questionnaires.Domain;

namespace CopAssessment.Web.Features.Shared;

/// <summary>A submission the caller may see, with its cycle and parsed questionnaire.</summary>
/// <param name="CountryNames">The country's name in every language (<see cref="PlaceNames.AllLanguagesAsync"/>).</param>
/// <param name="CycleTitles">The cycle's title in every language (<see cref="Infrastructure.Localization.CycleTitles.AllLanguages"/>).</param>
public sealed record SubmissionContext(Submission Submission, AssessmentCycle Cycle, QuestionnaireDefinition Definition,
    IReadOnlyDictionary<string, string> CountryNames, IReadOnlyDictionary<string, string> CycleTitles)
{
    public int Id => Submission.Id;

    /// <summary>
    /// The country's name in the current UI language: the reader's on a page, the recipient's while a mail is
    /// composed (<see cref="Outbox.Enqueue(IEnumerable{Recipient}, Func{IStringLocalizer, ValueTuple{string, string}})"/>
    /// switches the culture per language).
    /// </summary>
    public string CountryName => PlaceNames.InCurrentLanguage(CountryNames);

    /// <summary>The cycle's title in the current UI language, like <see cref="CountryName"/>.</summary>
    public string CycleTitle => Infrastructure.Localization.CycleTitles.InCurrentLanguage(CycleTitles);
}

/// <summary>
/// The one door to a submission: every endpoint (answers, evidence, comments, review, decisions) starts here, and
/// the scope is applied in the query, so another country's id is simply not found (404). Shared by the Assessments
/// and Review slices.
/// </summary>
public sealed class AssessmentAccess(CopDbContext db, UserScope scope, QuestionnaireCatalog catalog, PlaceNames places)
{
    public async Task<SubmissionContext?> FindAsync(int submissionId, bool tracking = false)
    {
        var query = db.Set<Submission>().VisibleTo(scope).Where(s => s.Id == submissionId);
        if (!tracking) query = query.AsNoTracking();
        var row = await query.Select(s => new { Submission = s, s.Cycle, Titles = s.Cycle!.Titles.ToList() }).SingleOrDefaultAsync();
        if (row is null) return null;
        return new SubmissionContext(row.Submission, row.Cycle!, await catalog.GetDefinitionAsync(row.Cycle!.QuestionnaireVersionId),
            await places.AllLanguagesAsync(row.Submission.CountryIso3), CycleTitles.AllLanguages(row.Cycle.Name, row.Titles));
    }

    public static Actor? ActorOf(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Administrator) ? Actor.Administrator
        : user.IsInRole(Roles.Reviewer) ? Actor.Reviewer
        : user.IsInRole(Roles.FocalPoint) ? Actor.FocalPoint
        : null;

    /// <summary>
    /// The country's focal points (and administrators) edit; a national contributor too, in their sections only
    /// (<see cref="CanEdit(ClaimsPrincipal, SubmissionContext, string)"/>); reviewers comment; coordinators only read.
    /// </summary>
    public bool CanEdit(ClaimsPrincipal user, SubmissionContext context) => CanEdit(user, context.Submission.Status, context.Cycle.Status);

    public bool CanEdit(ClaimsPrincipal user, SubmissionStatus status, CycleStatus cycle) =>
        ((user.IsInRole(Roles.FocalPoint) && scope.Kind == ScopeKind.Country) || user.IsInRole(Roles.Administrator) || scope.Sections is not null)
        && SubmissionWorkflow.CanEditAnswers(status, cycle);

    /// <summary>Whether the caller may change this question's answer and evidence.</summary>
    public bool CanEdit(ClaimsPrincipal user, SubmissionContext context, string questionKey) =>
        CanEdit(user, context) && (scope.Sections?.Covers(context.Definition, questionKey) ?? true);

    /// <summary>Whether the caller sees the question: all who see the submission, but a contributor whose other sections are hidden only theirs.</summary>
    public bool Shows(SubmissionContext context, string questionKey) =>
        scope.Sections is not { OthersHidden: true } sections || sections.Covers(context.Definition, questionKey);

    public bool Shows(QDomain domain) => scope.Sections is not { OthersHidden: true } sections || sections.Touches(domain);

    /// <summary>Submitting is the focal point's (or an administrator's), never a national contributor's.</summary>
    public bool CanSubmit(ClaimsPrincipal user, SubmissionContext context) => scope.Sections is null && CanEdit(user, context);

    public bool IsContributor => scope.Sections is not null;

    /// <summary>A national contributor's sections; null for everyone else.</summary>
    public ContributorSections? Sections => scope.Sections;

    public bool MayComment(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Reviewer) || (user.IsInRole(Roles.FocalPoint) && scope.Kind == ScopeKind.Country);
}
