using CopAssessment.Domain.Questionnaires;
using CopAssessment.Web.Features.Questionnaires;

namespace CopAssessment.Web.Features.Shared;

/// <summary>A submission the caller may see, with its cycle and parsed questionnaire.</summary>
public sealed record SubmissionContext(Submission Submission, AssessmentCycle Cycle, QuestionnaireDefinition Definition, string CountryName)
{
    public int Id => Submission.Id;
}

/// <summary>
/// The one door to a submission: every endpoint (answers, evidence, comments, review, decisions) starts here, and
/// the scope is applied in the query, so another country's id is simply not found (404). Shared by the Assessments
/// and Review slices.
/// </summary>
public sealed class AssessmentAccess(CopDbContext db, UserScope scope, QuestionnaireCatalog catalog)
{
    public async Task<SubmissionContext?> FindAsync(int submissionId, bool tracking = false)
    {
        var query = db.Set<Submission>().VisibleTo(scope).Where(s => s.Id == submissionId);
        if (!tracking) query = query.AsNoTracking();
        var row = await query.Select(s => new { Submission = s, s.Cycle, CountryName = s.Country!.Name }).SingleOrDefaultAsync();
        if (row is null) return null;
        return new SubmissionContext(row.Submission, row.Cycle!, await catalog.GetDefinitionAsync(row.Cycle!.QuestionnaireVersionId), row.CountryName);
    }

    public static Actor? ActorOf(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Administrator) ? Actor.Administrator
        : user.IsInRole(Roles.Reviewer) ? Actor.Reviewer
        : user.IsInRole(Roles.FocalPoint) ? Actor.FocalPoint
        : null;

    /// <summary>The country's focal points (and administrators) edit; reviewers comment; coordinators only read.</summary>
    public bool CanEdit(ClaimsPrincipal user, SubmissionContext context) => CanEdit(user, context.Submission.Status, context.Cycle.Status);

    public bool CanEdit(ClaimsPrincipal user, SubmissionStatus status, CycleStatus cycle) =>
        ((user.IsInRole(Roles.FocalPoint) && scope.Kind == ScopeKind.Country) || user.IsInRole(Roles.Administrator))
        && SubmissionWorkflow.CanEditAnswers(status, cycle);

    public bool MayComment(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Administrator) || user.IsInRole(Roles.Reviewer) || (user.IsInRole(Roles.FocalPoint) && scope.Kind == ScopeKind.Country);
}
