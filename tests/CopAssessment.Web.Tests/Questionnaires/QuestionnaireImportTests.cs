using System.Net;
using System.Text.Json.Nodes;
using CopAssessment.Web.Features.Questionnaires;
using Npgsql;

namespace CopAssessment.Web.Tests.Questionnaires;

[Collection(AppCollection.Name)]
public class QuestionnaireImportTests(CopAppFactory app)
{
    private static string RepositoryFile(params string[] parts) => RepositoryPaths.File(parts);

    /// <summary>The MNR definition under another key, so these tests never touch the "mnr" family others use.</summary>
    private static JsonObject MnrAs(string key)
    {
        var json = JsonNode.Parse(File.ReadAllText(RepositoryFile("samples", "questionnaires", "mnr.json")))!.AsObject();
        json["key"] = key;
        return json;
    }

    private async Task<HttpResponseMessage> UploadAsync(HttpClient admin, string json)
    {
        var page = await admin.GetStringAsync("/admin/questionnaires");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(json));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(file, "file", "definition.json");
        form.Add(new StringContent(HttpClientExtensions.AntiforgeryToken(page)), "__RequestVerificationToken");
        return await admin.PostAsync("/admin/questionnaires/import", form);
    }

    [Fact]
    public async Task The_MNR_sample_is_imported_at_seed_time()
    {
        var version = await app.WithDbAsync(db => db.QuestionnaireVersions.SingleAsync(v => v.Key == "mnr" && v.Number == 1));
        Assert.True(version.QuestionCount >= 110);
        Assert.Equal("2026.1", version.Label);
    }

    [Fact]
    public async Task Identical_reimport_is_a_no_op_and_changed_content_becomes_version_2()
    {
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var definition = MnrAs("mnr-import-test");
        var first = await UploadAsync(admin, definition.ToJsonString());
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var again = await UploadAsync(admin, definition.ToJsonString());
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.QuestionnaireVersions.CountAsync(v => v.Key == "mnr-import-test")));
        Assert.Contains("nothing was imported", await admin.GetStringAsync("/admin/questionnaires"));

        var firstQuestion = definition["domains"]![1]!["capabilities"]![0]!["questions"]![1]!;
        var changedKey = firstQuestion["key"]!.GetValue<string>();
        firstQuestion["text"]!["en"] = "Is there a national oversight body with a published mandate?";
        definition["version"] = "2026.2";
        Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(admin, definition.ToJsonString())).StatusCode);

        var versions = await app.WithDbAsync(db => db.QuestionnaireVersions.Where(v => v.Key == "mnr-import-test").OrderBy(v => v.Number).ToListAsync());
        Assert.Equal([1, 2], versions.Select(v => v.Number));

        var comparison = await admin.GetStringAsync($"/admin/questionnaires/compare?from={versions[0].Id}&to={versions[1].Id}");
        Assert.Contains(changedKey, comparison);
        Assert.Contains("Is there a national oversight body with a published mandate?", comparison);

        // The differences read in the page's language; comparing without two versions says what to do.
        var french = await admin.GetStringAsync($"/admin/questionnaires/compare?from={versions[0].Id}&to={versions[1].Id}&culture=fr&ui-culture=fr");
        Assert.Contains("Texte (en):", System.Net.WebUtility.HtmlDecode(french));
        var incomplete = await admin.GetAsync($"/admin/questionnaires/compare?from={versions[0].Id}");
        Assert.Equal(HttpStatusCode.Redirect, incomplete.StatusCode);
        Assert.Contains("Choose two versions to compare.", await admin.GetStringAsync("/admin/questionnaires"));

        var outline = await admin.GetStringAsync($"/admin/questionnaires/{versions[1].Id}");
        Assert.Contains("Is there a national oversight body with a published mandate?", outline);
    }

    [Fact]
    public async Task A_stored_version_can_never_change_even_by_direct_sql()
    {
        var id = await app.WithDbAsync(db => db.QuestionnaireVersions.Where(v => v.Key == "mnr").Select(v => v.Id).FirstAsync());
        var error = await Assert.ThrowsAsync<PostgresException>(() => app.WithDbAsync(db =>
            db.Database.ExecuteSqlInterpolatedAsync($"UPDATE \"QuestionnaireVersions\" SET \"Content\" = '{{}}' WHERE \"Id\" = {id}")));
        Assert.Contains("immutable", error.MessageText);
        await Assert.ThrowsAsync<PostgresException>(() => app.WithDbAsync(db =>
            db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM \"QuestionnaireVersions\" WHERE \"Id\" = {id}")));
    }

    [Fact]
    public async Task An_invalid_definition_lists_every_problem_by_path_and_imports_nothing()
    {
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var definition = MnrAs("mnr-invalid-test");
        definition["domains"]![1]!["weight"] = -2;
        definition["domains"]![1]!["capabilities"]![0]!["questions"]![1]!["type"] = "colour";
        var response = await UploadAsync(admin, definition.ToJsonString());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await admin.GetStringAsync("/admin/questionnaires");
        Assert.Contains("$.domains[1].weight", page);
        Assert.Contains("$.domains[1].capabilities[0].questions[1].type", page);
        Assert.False(await app.WithDbAsync(db => db.QuestionnaireVersions.AnyAsync(v => v.Key == "mnr-invalid-test")));
    }

    [Fact]
    public async Task Command_line_verb_validates_and_imports()
    {
        var path = Path.Combine(Path.GetTempPath(), $"q-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, MnrAs("mnr-cli-test").ToJsonString());
        await app.WithScopeAsync(async services =>
        {
            var command = services.GetServices<Infrastructure.ICommand>().Single(c => c.Verb == "questionnaire");
            var output = new StringWriter();
            Assert.Equal(0, await command.RunAsync(["validate", path], output, output));
            Assert.Equal(0, await command.RunAsync(["import", path], output, output));
            Assert.Equal(0, await command.RunAsync(["import", path], output, output));
            Assert.Contains("Imported mnr-cli-test version 1", output.ToString());
            Assert.Contains("Unchanged", output.ToString());
        });
        await File.WriteAllTextAsync(path, "{ \"key\": ");
        await app.WithScopeAsync(async services =>
        {
            var command = services.GetServices<Infrastructure.ICommand>().Single(c => c.Verb == "questionnaire");
            var error = new StringWriter();
            Assert.Equal(1, await command.RunAsync(["import", path], error, error));
        });
        Assert.Equal(1, await app.WithDbAsync(db => db.QuestionnaireVersions.CountAsync(v => v.Key == "mnr-cli-test")));
    }

    [Fact]
    public async Task Capability_catalog_lists_the_21_MNR_capabilities()
    {
        IReadOnlyList<CapabilityInfo> capabilities = [];
        await app.WithScopeAsync(async services => capabilities = await services.GetRequiredService<QuestionnaireCatalog>().GetCapabilitiesAsync());
        Assert.Equal(21, capabilities.Count);
        Assert.Equal(6, capabilities.Select(c => c.DomainKey).Distinct().Count());
    }

    [Fact]
    public async Task Reviewers_cannot_import()
    {
        var reviewer = await app.SignedInClientAsync("reviewer@demo.local");
        var response = await reviewer.GetAsync("/admin/questionnaires");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/access-denied", response.Headers.Location!.PathAndQuery);
    }
}
