using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CopAssessment.Web.Features.Shared;

[AllowAnonymous]
[ApiExplorerSettings(IgnoreApi = true)]
public class ErrorController : Controller
{
    [Route("/error/{code:int?}")]
    public IActionResult Index(int? code)
    {
        Response.StatusCode = code ?? 500;
        return View("Error", code ?? 500);
    }
}
