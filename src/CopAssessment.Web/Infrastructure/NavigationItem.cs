namespace CopAssessment.Web.Infrastructure;

/// <summary>
/// An entry of the main navigation. Each feature registers its own where it wires itself
/// (<c>services.AddSingleton(new NavigationItem(…))</c>), so no feature edits the shared layout and the menu
/// has no entry of its own. <paramref name="Text"/> is the English UI string, translated by the layout.
/// </summary>
/// <param name="Roles">Who sees it; none: everyone signed in.</param>
public sealed record NavigationItem(string Text, string Url, int Order, params string[] Roles)
{
    /// <summary>The Administration menu (and the /admin page listing its pages).</summary>
    public const string Administration = "Administration";

    public bool IsVisibleTo(ClaimsPrincipal user) =>
        Public || (Roles.Length == 0 ? user.Identity?.IsAuthenticated == true : Roles.Any(user.IsInRole));

    /// <summary>Shown to everyone, signed in or not (the public library, the public results).</summary>
    public bool Public { get; init; }

    /// <summary>The menu it belongs to: null for the top bar, <see cref="Administration"/> for the administrators' menu.</summary>
    public string? Menu { get; init; }
}
