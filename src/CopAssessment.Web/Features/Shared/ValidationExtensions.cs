using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace CopAssessment.Web.Features.Shared;

public static class ValidationExtensions
{
    /// <summary>Puts FluentValidation errors into ModelState so they show next to their fields.</summary>
    public static bool AddTo(this ValidationResult result, ModelStateDictionary modelState)
    {
        foreach (var error in result.Errors) modelState.AddModelError(error.PropertyName, error.ErrorMessage);
        return result.IsValid;
    }
}
