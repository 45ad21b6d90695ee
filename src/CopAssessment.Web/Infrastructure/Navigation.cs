using System.Security.Claims;

namespace CopAssessment.Web.Infrastructure;

/// <summary>
/// A link in the main navigation. Each feature registers its own
/// (<c>services.AddSingleton(new NavigationItem(…))</c>) so features never edit the shared layout.
/// <paramref name="Text"/> is the English UI string, translated by the layout.
/// </summary>
public sealed record NavigationItem(string Text, string Url, int Order, params string[] Roles)
{
    public bool IsVisibleTo(ClaimsPrincipal user) =>
        Roles.Length == 0 ? user.Identity?.IsAuthenticated == true : Roles.Any(user.IsInRole);

    /// <summary>Shown to everyone, signed in or not (the public library).</summary>
    public bool Public { get; init; }
}
