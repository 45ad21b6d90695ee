using CopAssessment.Web.Data.BestPractices;

namespace CopAssessment.Web.Features.BestPractices;

/// <summary>English UI text for a status (translated by the view through L[…]).</summary>
public static class StatusText
{
    public static string Of(PracticeStatus status) => status switch
    {
        PracticeStatus.Draft => "Draft",
        PracticeStatus.Submitted => "Submitted",
        PracticeStatus.ChangesRequested => "Changes requested",
        PracticeStatus.Published => "Published",
        PracticeStatus.Declined => "Declined",
        _ => "Superseded",
    };
}
