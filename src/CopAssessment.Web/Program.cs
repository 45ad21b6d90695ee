using CopAssessment.Web.Features.Account;
using CopAssessment.Web.Features.Admin;
using CopAssessment.Web.Features.Api;
using CopAssessment.Web.Features.Assessments;
using CopAssessment.Web.Features.Contributors;
using CopAssessment.Web.Features.AuditTrail;
using CopAssessment.Web.Features.BestPractices;
using CopAssessment.Web.Features.Countries;
using CopAssessment.Web.Features.Cycles;
using CopAssessment.Web.Features.Home;
using CopAssessment.Web.Features.Review;
using CopAssessment.Web.Features.Questionnaires;
using CopAssessment.Web.Features.Reports;
using CopAssessment.Web.Features.Results;
using CopAssessment.Web.Infrastructure.Jobs;

var builder = WebApplication.CreateBuilder(args);

builder.AddDatabase();
builder.AddIdentityAndScoping();
builder.AddSecurity();
builder.AddLocalization();
builder.AddMail();
builder.AddJobs();
// Each feature wires itself: its services, menu entries, dashboard cards and jobs.
builder.AddHome();
builder.AddAccount();
builder.AddCountries();
builder.AddQuestionnaires();
builder.AddAssessments();
builder.AddContributors();
builder.AddReview();
builder.AddBestPractices();
builder.AddReports();
builder.AddApi();
builder.AddResults();
builder.AddCycles();
builder.AddAudit();
builder.AddAdmin();
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

app.UseResponseCompression();
app.UseSecurity();
app.UseCopLocalization();
app.UseDatabaseOutage();
app.UseRouting();
app.UseRateLimiter();
app.UseAuthentication();
app.UseAuthorization();
app.UseRequestGuard();
app.MapWeb();
app.MapJobsDashboard();

await app.RunAsync();

// Visible to WebApplicationFactory in the test projects.
public partial class Program;
