using System.Text.Json.Nodes;
using CopAssessment.Tests;
using CopAssessment.Web.Features.Cycles;
using CopAssessment.Web.Features.Questionnaires;
using Microsoft.Extensions.DependencyInjection;
using static CopAssessment.Web.Tests.Assessments.AssessmentTestKit;

namespace CopAssessment.Web.Tests.Assessments;

/// <summary>
/// A text the definition lacks in the reader's language is shown in English and says so (lang="en" and an
/// "English" badge in the reader's language), never passed off silently as a translation.
/// </summary>
[Collection(AppCollection.Name)]
public class FallbackLanguageTests(CopAppFactory app)
{
    private const string EnglishText = "Name of the lead institution responsible for the national response to child sexual exploitation and abuse online";

    /// <summary>The MNR under its own key with the French and Arabic texts of ctx.1 removed, and a cycle open on it.</summary>
    private async Task<int> SubmissionWithCtx1InEnglishOnlyAsync()
    {
        var json = JsonNode.Parse(File.ReadAllText(RepositoryPaths.File("samples", "questionnaires", "mnr.json")))!.AsObject();
        json["key"] = "mnr-fallback-" + Guid.NewGuid().ToString("N")[..8];
        var text = json["domains"]![0]!["capabilities"]![0]!["questions"]![0]!["text"]!.AsObject();
        Assert.Equal(EnglishText, (string?)text["en"]);
        text.Remove("fr");
        text.Remove("ar");

        var cycleId = 0;
        await app.WithScopeAsync(async services =>
        {
            var imported = await services.GetRequiredService<QuestionnaireImporter>()
                .ImportAsync(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()), "test");
            Assert.Equal(ImportOutcome.Imported, imported.Outcome);
            Assert.Contains(imported.Warnings, w => w.Path == "$.domains[0].capabilities[0].questions[0].text" && w.Message.Contains("fr"));
            var cycles = services.GetRequiredService<CycleService>();
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            var cycle = await cycles.CreateAsync(new CycleInput
            {
                Name = "Fallback cycle " + Guid.NewGuid().ToString("N")[..8], QuestionnaireVersionId = imported.Version!.Id,
                OpensOn = today.AddDays(-1), Deadline = today.AddDays(30),
            });
            Assert.Null(await cycles.ApplyAsync(cycle, Domain.Workflow.CycleAction.Open));
            cycleId = cycle.Id;
        });
        return await SubmissionIdAsync(app, cycleId, "KEN");
    }

    [Theory]
    [InlineData("fr", "Anglais")]
    [InlineData("ar", "الإنجليزية")]
    public async Task A_question_without_its_translation_is_shown_in_english_marked_as_english(string culture, string marker)
    {
        var id = await SubmissionWithCtx1InEnglishOnlyAsync();
        var client = await app.SignedInClientAsync("focal.ken@demo.local");

        var page = await client.GetStringAsync($"/assessments/{id}/context?culture={culture}&ui-culture={culture}");

        var question = page[page.IndexOf("id=\"q-ctx-1\"", StringComparison.Ordinal)..page.IndexOf("id=\"q-ctx-2\"", StringComparison.Ordinal)];
        Assert.Contains($"<span lang=\"en\" dir=\"ltr\">{EnglishText}</span>", question);
        Assert.Contains($"<span class=\"fallback-language badge text-bg-light border\">{marker}</span>", question);
        // Every other text of the page has its translation: the marker is on ctx.1 alone.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page, "class=\"fallback-language"));
    }
}
