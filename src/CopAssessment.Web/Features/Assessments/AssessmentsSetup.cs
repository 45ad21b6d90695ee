using CopAssessment.Web.Features.Home;

namespace CopAssessment.Web.Features.Assessments;

public static class AssessmentsSetup
{
    /// <summary>The country's side of an assessment: filling it in, evidence, history, submitting, and its dashboard cards.</summary>
    public static void AddAssessments(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // The door to a submission and the workflow's recorder, shared with Review.
        services.AddScoped<AssessmentAccess>();
        services.AddScoped<WorkflowRecorder>();
        services.AddScoped<SubmissionPage>();
        services.AddScoped<Overview>();
        services.AddScoped<SaveAnswer>();
        services.AddScoped<SavePage>();
        services.AddScoped<ConfirmCarried>();
        services.AddScoped<Submit>();
        services.AddScoped<SubmissionEvidence>();
        services.AddScoped<QuestionHistory>();
        services.AddScoped<WorkbookSignature>();
        services.AddScoped<DownloadWorkbook>();
        services.AddScoped<ImportWorkbook>();
        services.AddScoped<CycleResults>();
        services.AddScoped<IDashboardCards, AssessmentDashboardCards>();
        services.AddScoped<IDemoSeed, AssessmentDemoSeed>();
        services.AddScoped<IDemoSeed, PastCycleDemoSeed>();
        services.AddSingleton(new NavigationItem("Assessments", "/assessments", 20, Roles.FocalPoint, Roles.NationalContributor, Roles.RegionalCoordinator));
    }
}
