namespace CopAssessment.Web.Features.Shared;

[AllowAnonymous]
[ApiExplorerSettings(IgnoreApi = true)]
public class ErrorController : Controller
{
    /// <summary>
    /// The page for an error status. Only client and server errors (400–599) are answered with their own
    /// status; any other number is not an error page that exists (a 101 or 200 here would mislead clients).
    /// </summary>
    [Route("/error/{code:int?}")]
    public IActionResult Index(int? code)
    {
        var status = code ?? 500;
        if (status is < 400 or > 599) status = StatusCodes.Status404NotFound;
        Response.StatusCode = status;
        return View("Error", status);
    }
}
