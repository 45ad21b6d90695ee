using CopAssessment.Web.Infrastructure.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CopAssessment.Web.Features.Admin;

/// <summary>The administration pages, listed once: the menu's dropdown and the /admin landing page show the same links.</summary>
public static class AdministrationPages
{
    /// <summary>English UI strings (translated where shown) and their pages.</summary>
    public static readonly IReadOnlyList<(string Text, string Url)> Links =
    [
        ("Users", "/admin/users"),
        ("Invitations", "/admin/invitations"),
        ("Countries and regions", "/admin/countries"),
        ("Questionnaires", "/admin/questionnaires"),
        ("Cycles", "/admin/cycles"),
        ("Mail outbox", "/admin/mail"),
        ("Audit", "/admin/audit"),
    ];
}

/// <summary>
/// The menu's Administration toggle links here: with JavaScript it opens the dropdown, without it the
/// browser follows the link, so the toggle is never a dead link.
/// </summary>
[Authorize(Policy = Policies.Administration)]
[Route("admin")]
public class AdminHomeController : Controller
{
    [HttpGet("")]
    public IActionResult Index() => View("Index");
}
