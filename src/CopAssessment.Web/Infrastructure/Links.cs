namespace CopAssessment.Web.Infrastructure;

/// <summary>
/// Paths of the pages linked from outside a request — mail bodies, the Atom feed, reports and SQL — where
/// no <c>IUrlHelper</c> is at hand. Pages link to each other with tag helpers and <c>RedirectToAction</c>;
/// these paths are the same routes written once, and <c>LinksTests</c> holds each of them to what the app's
/// <c>LinkGenerator</c> produces for its action, so a route change breaks that test rather than the mail.
/// Absolute addresses come from <c>Outbox.Link(path)</c> (the configured PublicBaseUrl).
/// </summary>
public static class Links
{
    /// <summary>For SQL that appends a submission id: <c>base || prefix || id</c> is <see cref="Assessment"/>.</summary>
    public const string AssessmentPrefix = "/assessments/";

    public const string Library = "/best-practices";
    public const string LibraryFeed = "/best-practices/feed.atom";

    public static string Assessment(int id) => $"{AssessmentPrefix}{id}";
    public static string Evidence(int submissionId, long evidenceId) => $"{AssessmentPrefix}{submissionId}/evidence/{evidenceId}";
    public static string Review(int id) => $"/review/{id}";
    public static string Practice(int id) => $"{Library}/{id}";
    public static string EditPractice(int id) => $"{Library}/{id}/edit";

    /// <summary>A named published cycle's country page; the ISO code as it is (LowercaseUrls would lower-case a generated one).</summary>
    public static string PublicCountry(int cycleId, string iso3) => $"/results/{cycleId}/{iso3}";

    public static string ResetPassword(string email, string token) =>
        $"/account/reset-password?email={Uri.EscapeDataString(email)}&token={Uri.EscapeDataString(token)}";

    public static string AcceptInvitation(string token) => $"/account/accept-invitation?token={Uri.EscapeDataString(token)}";
}
