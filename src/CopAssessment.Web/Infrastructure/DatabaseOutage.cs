namespace CopAssessment.Web.Infrastructure;

/// <summary>
/// What still fails because the database is out of reach, once <see cref="DatabaseRetry"/>'s budget is spent: 503 with
/// <c>Retry-After</c>, never a 500. Autosave and the API get JSON (<c>{ outcome: "unavailable", error }</c>;
/// the page's script keeps the answer and sends it again after the wait), pages the translated error page. Nothing was
/// changed: a unit of work commits whole or not at all. In every environment, inside the developer and production
/// error pages, after request localisation (the message is in the reader's language).
/// </summary>
public sealed class DatabaseOutage(RequestDelegate next, ILogger<DatabaseOutage> log)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (DatabaseRetry.IsTransient(e) && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            log.LogWarning(e, "Database unreachable on {Method} {Path}: answered 503", context.Request.Method, context.Request.Path);
            await WriteAsync(context);
        }
    }

    public static Task WriteAsync(HttpContext context)
    {
        context.Response.Headers.RetryAfter = DatabaseRetry.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        // Not stored by a cache on the way: the next try should reach the app.
        context.Response.Headers.CacheControl = "no-store";
        return Refusal.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, 
            L => L["The database could not be reached for a moment, so nothing was changed. Try again in a few seconds."], "unavailable");
    }
}

public static class DatabaseOutageSetup
{
    public static void UseDatabaseOutage(this WebApplication app) => app.UseMiddleware<DatabaseOutage>();
}
