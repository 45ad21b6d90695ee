// The namespaces most files of this project use, declared once (the SDK adds System, System.Linq and the like).
global using System.Diagnostics;
global using System.Text.Json;
global using Microsoft.AspNetCore.Builder;
global using Microsoft.Extensions.DependencyInjection;
global using Microsoft.Extensions.Localization;
global using Microsoft.Extensions.Logging;
global using CopAssessment.Domain.Answers;
global using CopAssessment.Domain.Scoring;
global using CopAssessment.Web.Infrastructure.Localization;
global using CopAssessment.Web.Reporting;
global using CopAssessment.Web.Reporting.Excel;
global using CopAssessment.Web.Reporting.Pdf;
global using CopAssessment.Web.Tests.Reports;
