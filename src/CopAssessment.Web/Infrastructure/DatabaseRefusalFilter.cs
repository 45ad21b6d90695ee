using Microsoft.AspNetCore.Mvc.Filters;
using Npgsql;

namespace CopAssessment.Web.Infrastructure;

/// <summary>
/// The database's last word on a save, as a message instead of a 500: a value longer than its column (SQL state
/// 22001) or a second row where one must be unique (23505, typically two people creating the same thing at the
/// same moment, past the form's own check). The transaction was rolled back, so nothing changed; the person is
/// told so, on the error page with a link back to the form, or as JSON for the API and autosave.
/// Validators refuse these cases first with a message beside the field; this is the backstop for races and for
/// any limit a validator does not know.
/// </summary>
public sealed class DatabaseRefusalFilter(ILogger<DatabaseRefusalFilter> log) : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        var postgres = context.Exception as PostgresException ?? context.Exception.InnerException as PostgresException;
        if (postgres?.SqlState is not (PostgresErrorCodes.StringDataRightTruncation or PostgresErrorCodes.UniqueViolation)) return;
        var unique = postgres.SqlState == PostgresErrorCodes.UniqueViolation;
        log.LogWarning("The database refused a save ({SqlState}, {Constraint}) on {Path}", postgres.SqlState, postgres.ConstraintName, context.HttpContext.Request.Path);
        context.Result = new RefusalResult(unique ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity, L => unique
            ? L["Someone else saved the same thing at the same moment, so nothing was changed. Go back, reload the page and check before trying again."]
            : L["A text is longer than its field allows, so nothing was changed. Go back and shorten it."]);
        context.ExceptionHandled = true;
    }

    private sealed class RefusalResult(int status, Func<Microsoft.Extensions.Localization.IStringLocalizer, string> message) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context) => Refusal.WriteAsync(context.HttpContext, status, message);
    }
}
