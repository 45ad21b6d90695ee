// The namespaces most files of this project use, declared once (the SDK adds System, System.Linq and the like).
global using System.Globalization;
global using System.Text.Json;
global using System.Text.Json.Serialization;
global using System.Text.RegularExpressions;
global using CopAssessment.Domain.Answers;
global using CopAssessment.Domain.Expressions;
