using CopAssessment.Web.Data;
using CopAssessment.Web.Features.BestPractices;
using CopAssessment.Web.Features.Assessments;
using CopAssessment.Web.Features.Questionnaires;
using CopAssessment.Web.Features.Reports;
using CopAssessment.Web.Features.Review;
using CopAssessment.Web.Infrastructure;
using CopAssessment.Web.Infrastructure.Jobs;
using CopAssessment.Web.Infrastructure.Localization;
using CopAssessment.Web.Infrastructure.Mail;
using CopAssessment.Web.Infrastructure.Security;

var builder = WebApplication.CreateBuilder(args);

builder.AddDatabase();
builder.AddIdentityAndScoping();
builder.AddSecurity();
builder.AddLocalization();
builder.AddMail();
builder.AddQuestionnaires();
builder.AddAssessments();
builder.AddReview();
builder.AddBestPractices();
builder.AddReports();
// After the features: their setup adds to JobsSetup.JobRegistrations, which AddJobs reads.
builder.AddJobs();
builder.AddWeb();

var app = builder.Build();

if (await app.RunCommandAsync(args))
{
    return;
}

if (!await app.PrepareDatabaseAsync())
{
    Environment.ExitCode = 2;
    return;
}

app.UseSecurity();
app.UseCopLocalization();
app.UseStaticFiles();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseRequestGuard();
app.MapWeb();

await app.RunAsync();

// Visible to WebApplicationFactory in the test projects.
public partial class Program;
