using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace CopAssessment.Web.Features.Shared;

/// <summary>
/// What a use case that ends on a page tells its controller: show the page's model with a status, go to another
/// action of the same controller (post/redirect/get) with a message, or refuse. A null outcome is "not found":
/// the submission is outside the caller's scope. This keeps controller actions to one line.
/// </summary>
public sealed record Outcome<TModel>
{
    public TModel? Model { get; private init; }
    public int Status { get; private init; } = StatusCodes.Status200OK;
    public bool Forbidden { get; private init; }
    public string? Action { get; private init; }
    public object? RouteValues { get; private init; }
    public string? Fragment { get; private init; }

    /// <summary>A local URL to go back to (a form's <c>returnUrl</c>), with <see cref="Fallback"/> when it is not local.</summary>
    public string? ReturnUrl { get; private init; }
    public string? Fallback { get; private init; }

    /// <summary>TempData entry shown on the next page: the key the page reads, and the (translated) text.</summary>
    public (string Key, string Text)? Message { get; private init; }

    public static Outcome<TModel> Show(TModel model, int status = StatusCodes.Status200OK) => new() { Model = model, Status = status };

    public static Outcome<TModel> GoTo(string action, object routeValues, string? message = null, string? fragment = null, string messageKey = "Message") =>
        new() { Action = action, RouteValues = routeValues, Fragment = fragment, Message = message is null ? null : (messageKey, message) };

    /// <summary>Back where the form came from when that is a page of this site, otherwise to <paramref name="fallback"/>.</summary>
    public static Outcome<TModel> Back(string? returnUrl, string fallback, string? message = null) =>
        new() { ReturnUrl = returnUrl ?? "", Fallback = fallback, Message = message is null ? null : ("Message", message) };

    public static Outcome<TModel> Forbid() => new() { Forbidden = true };
}

public static class OutcomeResults
{
    /// <summary>The action result for an outcome, <paramref name="view"/> being the page shown for a model.</summary>
    public static IActionResult Result<TModel>(this Controller controller, Outcome<TModel>? outcome, string view)
    {
        if (outcome is null) return controller.NotFound();
        if (outcome.Forbidden) return controller.Forbid();
        if (outcome.Message is { } message) controller.TempData[message.Key] = message.Text;
        if (outcome.Action is not null) return controller.RedirectToAction(outcome.Action, null, outcome.RouteValues, outcome.Fragment);
        if (outcome.ReturnUrl is { } back) return controller.LocalRedirect(controller.Url.IsLocalUrl(back) ? back : outcome.Fallback!);
        return new ViewResult
        {
            ViewName = view,
            ViewData = new ViewDataDictionary<TModel>(controller.ViewData, outcome.Model),
            TempData = controller.TempData,
            StatusCode = outcome.Status,
        };
    }
}
