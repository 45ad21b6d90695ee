using System.Net;
using static CopAssessment.Web.Tests.Assessments.AssessmentTestKit;

namespace CopAssessment.Web.Tests.Assessments;

[Collection(AppCollection.Name)]
public class SubmitConfirmationTests(CopAppFactory app)
{
    [Fact]
    public async Task A_submit_without_confirmation_leads_to_the_confirmation_step_and_submits_nothing()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        await AnswerEverythingAsync(app, ken, id);
        var token = await TokenAsync(ken, $"/assessments/{id}");

        var overview = await ken.GetStringAsync($"/assessments/{id}");
        Assert.Contains($"<form method=\"get\" action=\"/assessments/{id}/submit\">", overview);

        var unconfirmed = await PostAsync(ken, token, $"/assessments/{id}/submit");
        Assert.Equal(HttpStatusCode.Redirect, unconfirmed.StatusCode);
        Assert.Equal($"/assessments/{id}/submit", unconfirmed.Headers.Location?.OriginalString);
        Assert.Equal(SubmissionStatus.Draft, await StatusAsync(id));
        // Any value but "true" is no confirmation either.
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(ken, token, $"/assessments/{id}/submit", new Dictionary<string, string> { ["confirmed"] = "false" })).StatusCode);
        Assert.Equal(SubmissionStatus.Draft, await StatusAsync(id));
        Assert.False(await app.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.Body.Contains($"/review/{id}"))));

        var confirm = await ken.GetAsync($"/assessments/{id}/submit");
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        var page = await confirm.Content.ReadAsStringAsync();
        Assert.Contains("Submit the assessment of Kenya?", page);
        Assert.Contains("the assessment becomes read-only", page);
        Assert.Contains("the COP Secretariat is notified and reviews it", page);
        Assert.Contains("<input type=\"hidden\" name=\"confirmed\" value=\"true\" />", page);
        Assert.Contains(">Yes, submit the assessment</button>", page);

        var confirmed = await PostAsync(ken, HttpClientExtensions.AntiforgeryToken(page), $"/assessments/{id}/submit", new Dictionary<string, string> { ["confirmed"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal($"/assessments/{id}", confirmed.Headers.Location?.OriginalString);
        Assert.Equal(SubmissionStatus.Submitted, await StatusAsync(id));
        // Submitted: the step says it cannot be submitted now, and offers no button.
        var after = await ken.GetStringAsync($"/assessments/{id}/submit");
        Assert.Contains("This assessment cannot be submitted now.", after);
        Assert.DoesNotContain("Yes, submit the assessment", after);
    }

    [Fact]
    public async Task The_confirmation_step_of_an_incomplete_assessment_lists_what_is_missing_and_offers_no_confirmation()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var page = await ken.GetStringAsync($"/assessments/{id}/submit");
        Assert.Contains("id=\"submit-problems\"", page);
        Assert.Contains($"href=\"/assessments/{id}/policy#q-pg-1-1\"", page);
        Assert.DoesNotContain("Yes, submit the assessment", page);
        Assert.Equal(SubmissionStatus.Draft, await StatusAsync(id));
    }

    [Fact]
    public async Task Another_countrys_confirmation_step_is_not_found()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var gha = await app.SignedInClientAsync("focal.gha@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await gha.GetAsync($"/assessments/{id}/submit")).StatusCode);
    }

    private Task<SubmissionStatus> StatusAsync(int id) => app.WithDbAsync(db => db.Set<Submission>().Where(s => s.Id == id).Select(s => s.Status).SingleAsync());
}
