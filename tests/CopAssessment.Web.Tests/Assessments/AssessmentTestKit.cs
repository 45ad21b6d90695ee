using System.Net;
using CopAssessment.Domain.Questionnaires;
using CopAssessment.Web.Features.Assessments;
using CopAssessment.Web.Features.Cycles;
using CopAssessment.Web.Features.Questionnaires;

namespace CopAssessment.Web.Tests.Assessments;

/// <summary>Shared steps: a fresh open cycle per test (so tests never share a submission), and answering over HTTP.</summary>
public static class AssessmentTestKit
{
    public static async Task<int> OpenCycleAsync(CopAppFactory app, int deadlineInDays = 60)
    {
        var cycleId = 0;
        await app.WithScopeAsync(async services =>
        {
            var catalog = services.GetRequiredService<QuestionnaireCatalog>();
            var cycles = services.GetRequiredService<CycleService>();
            var version = await catalog.GetLatestVersionAsync();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var cycle = await cycles.CreateAsync(new CycleInput
            {
                Name = "Test cycle " + Guid.NewGuid().ToString("N")[..8], QuestionnaireVersionId = version!.Id,
                OpensOn = today.AddDays(-1), Deadline = today.AddDays(deadlineInDays - 1),
            });
            Assert.Null(await cycles.ApplyAsync(cycle, Domain.Workflow.CycleAction.Open));
            cycleId = cycle.Id;
        });
        return cycleId;
    }

    public static Task<int> SubmissionIdAsync(CopAppFactory app, int cycleId, string iso3) =>
        app.WithDbAsync(db => db.Set<Submission>().Where(s => s.CycleId == cycleId && s.CountryIso3 == iso3).Select(s => s.Id).SingleAsync());

    public static Task<QuestionnaireDefinition> DefinitionAsync(CopAppFactory app, int submissionId) =>
        app.WithDbAsync(async db =>
        {
            var versionId = await db.Set<Submission>().Where(s => s.Id == submissionId).Select(s => s.Cycle!.QuestionnaireVersionId).SingleAsync();
            return QuestionnaireDefinition.Parse(await db.QuestionnaireVersions.Where(v => v.Id == versionId).Select(v => v.Content).SingleAsync());
        });

    public static async Task<string> TokenAsync(HttpClient client, string page) => HttpClientExtensions.AntiforgeryToken(await client.GetStringAsync(page));

    public static IEnumerable<string> Raw(AnswerValue value) => value.Kind switch
    {
        AnswerKind.Option => [value.OptionKey!],
        AnswerKind.Options => value.SelectedOptions,
        AnswerKind.Number => [value.NumberOrNull!.Value.ToString(CultureInfo.InvariantCulture)],
        AnswerKind.Date => [value.DateOrNull!.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)],
        AnswerKind.Text => [value.TextOrNull!],
        _ => [],
    };

    /// <summary>Attaches a file to a question the way the evidence form posts it.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string token, int id, string key, string fileName, byte[] content,
        string claimedType = "application/pdf")
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        form.Add(new StringContent(key), "questionKey");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(claimedType);
        form.Add(file, "file", fileName);
        return await client.PostAsync($"/assessments/{id}/evidence", form);
    }

    /// <summary>The first bytes of a PNG: enough for the upload rules to recognise one.</summary>
    public static byte[] Png() => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];

    public static async Task<HttpResponseMessage> SaveAsync(HttpClient client, string token, int submissionId, string key, uint version, params string[] values)
    {
        var fields = new List<KeyValuePair<string, string>> { new("key", key), new("version", version.ToString(CultureInfo.InvariantCulture)) };
        fields.AddRange(values.Select(v => new KeyValuePair<string, string>("value", v)));
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/assessments/{submissionId}/answers") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("RequestVerificationToken", token);
        return await client.SendAsync(request);
    }

    /// <summary>Answers every applicable question of the submission, in relevance order; returns the answers.</summary>
    public static async Task<Dictionary<string, AnswerValue>> AnswerEverythingAsync(CopAppFactory app, HttpClient client, int submissionId)
    {
        var definition = await DefinitionAsync(app, submissionId);
        var answers = AssessmentDemoSeed.Generate(definition, new Random(7), "Kenya", "KE", complete: true);
        var token = await TokenAsync(client, $"/assessments/{submissionId}/policy");
        foreach (var question in definition.RelevanceOrder.Where(q => answers.ContainsKey(q.Key)))
        {
            var response = await SaveAsync(client, token, submissionId, question.Key, 0, [.. Raw(answers[question.Key])]);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{question.Key}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        return answers;
    }

    public static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string token, string url, IDictionary<string, string>? fields = null)
    {
        var content = new Dictionary<string, string>(fields ?? new Dictionary<string, string>()) { ["__RequestVerificationToken"] = token };
        return await client.PostAsync(url, new FormUrlEncodedContent(content));
    }

    /// <summary>A page refused by policy or by the use case: the sign-in cookie's answer is the access-denied page.</summary>
    public static void Denied(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery);
    }
}
