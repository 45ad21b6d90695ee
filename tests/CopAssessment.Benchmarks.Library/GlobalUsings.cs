// The namespaces most files of this project use, declared once (the SDK adds System, System.Linq and the like).
global using System.Diagnostics;
global using System.Globalization;
global using Microsoft.AspNetCore.Hosting;
global using Microsoft.AspNetCore.Mvc.Testing;
global using Microsoft.EntityFrameworkCore;
global using Microsoft.Extensions.DependencyInjection;
global using CopAssessment.Web.Data;
