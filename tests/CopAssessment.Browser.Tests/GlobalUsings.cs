// The namespaces most files of this project use, declared once (the SDK adds System, System.Linq and the like).
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.DependencyInjection;
global using CopAssessment.Domain.Workflow;
global using CopAssessment.Tests;
global using CopAssessment.Web.Data;
global using CopAssessment.Web.Data.Assessments;
