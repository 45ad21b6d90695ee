using CopAssessment.Web.Features.Home;
using Microsoft.AspNetCore.Routing;

namespace CopAssessment.Web.Features.Review;

/// <summary>The Secretariat's dashboard card: how many submitted assessments wait for review.</summary>
public sealed class ReviewDashboardCards(CopDbContext db, LinkGenerator links, IStringLocalizer<Ui> L) : IDashboardCards
{
    public async Task<IReadOnlyList<DashboardCard>> GetAsync(ClaimsPrincipal user, UserScope scope)
    {
        if (!user.IsInRole(Roles.Reviewer) && !user.IsInRole(Roles.Administrator)) return [];
        var waiting = await ReviewQueue.WaitingForReview(ReviewQueue.InReviewableCycles(db.Set<Submission>())).CountAsync();
        return [new DashboardCard(L["Assessments to review"], L["{0} submitted assessments wait for review.", waiting],
            links.GetPathByAction(nameof(ReviewController.Queue), "Review")!, L["Open the review queue"])];
    }
}
