namespace CopAssessment.Web.Features.Home;

public class HomeController(CopDbContext db, UserScope scope, UserManager<ApplicationUser> users, IEnumerable<IDashboardCards> cards) : Controller
{
    [AllowAnonymous]
    [HttpGet("/")]
    public async Task<IActionResult> Index()
    {
        if (User.Identity?.IsAuthenticated != true) return View("Welcome");
        var user = await users.GetUserAsync(User);
        if (user is null) return View("Welcome");
        var model = new DashboardModel
        {
            DisplayName = user.DisplayName,
            Roles = await users.GetRolesAsync(user),
            Scope = scope,
            ScopeName = scope.Kind switch
            {
                ScopeKind.Country => await db.Countries.Where(c => c.Iso3 == scope.CountryIso3).Select(c => c.Name).FirstOrDefaultAsync(),
                ScopeKind.Region => await db.Regions.Where(r => r.Code == scope.RegionCode).Select(r => r.Name).FirstOrDefaultAsync(),
                _ => null,
            },
            VisibleCountries = await db.Countries.VisibleTo(scope).CountAsync(),
            Organisation = user.Organisation,
        };
        if (User.IsInRole(Roles.Administrator))
        {
            model.PendingInvitations = await db.Invitations.CountAsync(i => i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > DateTimeOffset.UtcNow);
            model.PendingMail = await db.OutboxMessages.CountAsync(m => m.SentAt == null);
            model.Users = await db.Users.CountAsync();
        }
        foreach (var source in cards)
            model.Cards.AddRange(await source.GetAsync(User, scope));
        return View(model);
    }

    [AllowAnonymous]
    [HttpPost("/culture")]
    public async Task<IActionResult> SetCulture(string culture, string? returnUrl)
    {
        culture = LocalizationSetup.Supported(culture) ?? LocalizationSetup.Cultures[0];
        LocalizationSetup.SetCultureCookie(Response, culture);
        if (User.Identity?.IsAuthenticated == true && await users.GetUserAsync(User) is { } user)
        {
            user.PreferredCulture = culture;
            await users.UpdateAsync(user);
        }
        return Url.IsLocalUrl(returnUrl) ? LocalRedirect(returnUrl) : RedirectToAction(nameof(Index));
    }
}

public sealed class DashboardModel
{
    public string DisplayName { get; set; } = "";
    public IList<string> Roles { get; set; } = [];
    public required UserScope Scope { get; set; }
    public string? ScopeName { get; set; }
    public string? Organisation { get; set; }
    public int VisibleCountries { get; set; }
    public int PendingInvitations { get; set; }
    public int PendingMail { get; set; }
    public int Users { get; set; }
    public List<DashboardCard> Cards { get; } = [];
}

/// <summary>A "what to do next" item that a feature shows on the dashboard.</summary>
/// <param name="Note">Someone's own words for the reader (a reviewer's return note), shown isolated as written.</param>
/// <param name="Links">Links to the things to act on (open comments).</param>
public sealed record DashboardCard(string Title, string Text, string? LinkUrl = null, string? LinkText = null, string? Note = null, IReadOnlyList<DashboardLink>? Links = null);

public sealed record DashboardLink(string Text, string Url);

/// <summary>Features contribute dashboard cards for the signed-in person (already localized).</summary>
public interface IDashboardCards
{
    Task<IReadOnlyList<DashboardCard>> GetAsync(System.Security.Claims.ClaimsPrincipal user, UserScope scope);
}
