using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Npgsql;

namespace CopAssessment.Web.Infrastructure.Security;

public static class IdentitySetup
{
    public static void AddIdentityAndScoping(this WebApplicationBuilder builder)
    {
        builder.Services
            .AddIdentity<ApplicationUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = builder.Configuration.GetValue("Security:MaxFailedSignIns", 5);
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<CopDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<ScopeClaimsFactory>();

        // A changed role or country reaches the person's existing sign-in within a minute.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        builder.Services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromHours(24));

        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/account/access-denied";
            options.Cookie.Name = "cop.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing")
                ? CookieSecurePolicy.SameAsRequest
                : CookieSecurePolicy.Always;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
                   // Identity's once-a-minute refresh, plus a check of the security stamp on every request.
            options.Events.OnValidatePrincipal = SessionStamp.ValidateAsync;
        });

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.Administration, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(Policies.Secretariat, p => p.RequireRole(Roles.Administrator, Roles.Reviewer))
            .AddPolicy(Policies.CountryData, p => p.RequireRole(Roles.Administrator, Roles.Reviewer, Roles.FocalPoint, Roles.RegionalCoordinator))
            .AddPolicy(Policies.Assessments, p => p.RequireRole(Roles.Administrator, Roles.Reviewer, Roles.FocalPoint, Roles.RegionalCoordinator, Roles.NationalContributor))
            .AddPolicy(Policies.NationalTeam, p => p.RequireRole(Roles.FocalPoint))
            .AddPolicy(Policies.BestPracticeSubmitters, p => p.RequireRole(Roles.Administrator, Roles.Reviewer, Roles.FocalPoint, Roles.Contributor));

        builder.Services.AddHttpContextAccessor();
        // A national contributor's scope is their assignment rows as they are at the start of the request, not a claim
        // in the cookie: a reassignment or a revocation counts from the next request.
        builder.Services.AddScoped(sp => UserScope.From(sp.GetRequiredService<IHttpContextAccessor>().HttpContext?.User, userId =>
            [.. sp.GetRequiredService<CopDbContext>().ContributorAssignments.AsNoTracking().Where(a => a.UserId == userId).OrderBy(a => a.Id)
                .Select(a => new { a.CountryIso3, a.SectionKey, a.OthersHidden }).AsEnumerable()
                .Select(a => (a.CountryIso3, a.SectionKey, a.OthersHidden))]));
        builder.Services.AddScoped<Audit>();
    }
}

/// <summary>
/// A sign-in cookie is honoured only while the person's security stamp is the one it was issued with.
/// Identity checks that once a minute (and then rebuilds the claims, so role and scope changes arrive);
/// in between, one primary-key read per request compares the stamp, so that signing out (which changes
/// it), a lock or a password reset ends every copy of the cookie at once, not a minute later. The read
/// goes through the multiplexed data source: it is on every request, autosave's included (decision 0005).
/// </summary>
public static class SessionStamp
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        await SecurityStampValidator.ValidatePrincipalAsync(context);
        // Rejected, or just checked in full by Identity (which renews the cookie).
        if (context.Principal is not { } principal || context.ShouldRenew) return;
        var services = context.HttpContext.RequestServices;
        var claims = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var id = principal.FindFirstValue(claims.UserIdClaimType);
        var stamp = principal.FindFirstValue(claims.SecurityStampClaimType);
        if (id is not null && stamp is not null && await StoredStampAsync(services.GetRequiredService<MultiplexedDatabase>(), id) == stamp) return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }

    private static Task<string?> StoredStampAsync(MultiplexedDatabase database, string userId) => database.RetriedAsync(async () =>
    {
        await using var connection = await database.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "SecurityStamp" FROM "AspNetUsers" WHERE "Id" = $1""", connection)
        {
            Parameters = { new() { Value = userId } },
        };
        return await command.ExecuteScalarAsync() as string;
    });
}

/// <summary>Adds the country / region the person is bound to as claims, read by <see cref="UserScope"/>.</summary>
public sealed class ScopeClaimsFactory(
    UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.CountryIso3 is { } country) identity.AddClaim(new Claim(CopClaims.Country, country));
        if (user.RegionCode is { } region) identity.AddClaim(new Claim(CopClaims.Region, region));
        identity.AddClaim(new Claim(CopClaims.DisplayName, string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? "" : user.DisplayName));
        return identity;
    }
}
