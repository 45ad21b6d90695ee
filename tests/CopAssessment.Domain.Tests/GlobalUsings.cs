// The namespaces most files of this project use, declared once (the SDK adds System, System.Linq and the like).
global using System.Text.Json;
global using System.Text.Json.Nodes;
global using CopAssessment.Domain.Answers;
global using CopAssessment.Domain.Scoring;
global using CopAssessment.Domain.Tests.Support;
global using CopAssessment.Domain.Workflow;
