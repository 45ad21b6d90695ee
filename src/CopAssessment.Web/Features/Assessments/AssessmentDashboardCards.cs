using CopAssessment.Web.Features.Home;
using CopAssessment.Web.Features.Questionnaires;

namespace CopAssessment.Web.Features.Assessments;

/// <summary>
/// A focal point sees the country's submission for each open cycle: status, completeness per section, days to
/// the deadline, open comments and the provisional score; a returned one the reviewer's note; and a link to each
/// question with comments to answer. A national contributor's card is about their part: the progress and comments of
/// their sections, without the overall index (which sums sections they may not see).
/// </summary>
public sealed class AssessmentDashboardCards(CopDbContext db, QuestionnaireCatalog catalog, PlaceNames places, CycleTitles cycleTitles, LinkGenerator links, IStringLocalizer<Ui> L) : IDashboardCards
{
    public async Task<IReadOnlyList<DashboardCard>> GetAsync(ClaimsPrincipal user, UserScope scope)
    {
        var cards = new List<DashboardCard>();
        if (scope.Kind != ScopeKind.Country) return cards;
        var openThreads = db.Set<ReviewComment>().Where(ReviewComment.OpenThread);
        var submissions = await db.Set<Submission>().AsNoTracking().VisibleTo(scope).Where(s => s.Cycle!.Status == CycleStatus.Open)
            .Select(s => new { s.Id, s.CycleId, s.Status, s.ScoreSnapshot, s.Cycle!.Name, s.Cycle.Deadline, s.Cycle.QuestionnaireVersionId, CountryName = s.Country!.Name, s.CountryIso3,
                OpenComments = openThreads.Count(c => c.SubmissionId == s.Id) })
            .ToListAsync();
        var ids = submissions.Select(s => s.Id).ToList();
        var open = (await db.Set<ReviewComment>().Where(ReviewComment.OpenThread).Where(c => ids.Contains(c.SubmissionId))
            .GroupBy(c => new { c.SubmissionId, c.QuestionKey }).Select(g => new { g.Key.SubmissionId, g.Key.QuestionKey, Count = g.Count(), First = g.Min(c => c.Id) })
            .ToListAsync()).ToLookup(g => g.SubmissionId);
        var returned = ids.Count == 0 ? [] : await db.Set<SubmissionTransition>().Where(t => ids.Contains(t.SubmissionId) && t.To == SubmissionStatus.Returned)
            .OrderByDescending(t => t.Id).Select(t => new { t.SubmissionId, t.Note }).ToListAsync();
        var culture = CultureInfo.CurrentUICulture.Name;
        var titles = submissions.Count == 0 ? null : await cycleTitles.InLanguageAsync();
        foreach (var s in submissions)
        {
            var definition = await catalog.GetDefinitionAsync(s.QuestionnaireVersionId);
            var shown = SubmissionScores.For(s.Status, s.ScoreSnapshot, definition, await db.LoadAnswerValuesAsync(s.Id));
            var scorecard = shown.Scorecard;
            var days = Math.Max(0, (int)Math.Ceiling((s.Deadline - DateTimeOffset.UtcNow).TotalDays));
            var mine = scope.Sections;
            var perDomain = string.Join(" · ", scorecard.Domains
                .Select(d => (Domain: definition.Domains.First(x => x.Key == d.Key), Score: d))
                .Where(x => mine is null || mine.Touches(x.Domain))
                .Select(x => (x.Domain, Progress: mine?.ProgressIn(x.Score) ?? x.Score.Completeness))
                .Select(x => $"{x.Domain.Name.Get(culture)} {x.Progress.Answered}/{x.Progress.Required}"));
            // A contributor answers the comments on their own questions; the rest are the focal point's.
            var threads = open[s.Id].Where(g => mine is null || (g.QuestionKey is { } k && mine.Covers(definition, k))).ToList();
            var text = string.Join(" — ", ((IEnumerable<string>)[
                L["Status: {0}", L.Label(s.Status)],
                SubmissionScores.ProgressText(mine?.ProgressIn(scorecard) ?? scorecard.Completeness, L),
                L.Plural(days, "{0} day to the deadline", "{0} days to the deadline"),
                L["{0} open reviewer comments", mine is null ? s.OpenComments : threads.Sum(g => g.Count)],
                mine is not null ? "" : shown.Validated ? L["Overall index {0}", SubmissionScores.IndexText(scorecard, definition, L, culture)]
                    : L["Provisional overall index {0}", SubmissionScores.IndexText(scorecard, definition, L, culture)],
                perDomain]).Where(part => part.Length > 0));
            // In questionnaire order, the comments on the whole assessment first.
            var order = definition.Questions.Select((q, i) => (q.Key, i)).ToDictionary(x => x.Key, x => x.i);
            var toAnswer = threads.OrderBy(g => g.QuestionKey is null ? -1 : order.GetValueOrDefault(g.QuestionKey, int.MaxValue)).Select(g => g.QuestionKey is { } key
                ? new DashboardLink(L.Plural(g.Count, "{0} comment to answer → {1}", "{0} comments to answer → {1}", g.Count, key),
                    links.GetPathByAction("Domain", "Assessments", new { id = s.Id, domain = definition.DomainOf(key)?.Key }, fragment: new FragmentString("#" + QuestionRendering.Id(key)))!)
                : new DashboardLink(L.Plural(g.Count, "{0} comment on the whole assessment to answer", "{0} comments on the whole assessment to answer", g.Count),
                    $"{Links.Assessment(s.Id)}#comment-{g.First}")).ToList();
            var note = s.Status == SubmissionStatus.Returned ? returned.FirstOrDefault(t => t.SubmissionId == s.Id)?.Note : null;
            // The title is plain text: the cycle's is isolated so that "2026 stocktaking" keeps its order in Arabic.
            cards.Add(new DashboardCard($"{await places.CountryAsync(s.CountryIso3)} · {Bidi.Isolate(titles!.GetValueOrDefault(s.CycleId, s.Name))}", text, Links.Assessment(s.Id),
                SubmissionWorkflow.CanEditAnswers(s.Status, CycleStatus.Open) ? L["Continue the assessment"] : L["View the assessment"], note, toAnswer));
        }
        return cards;
    }
}
