using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CopAssessment.Tests;
using Microsoft.EntityFrameworkCore;

namespace CopAssessment.Web.Tests.Questionnaires;

/// <summary>A missing translation does not stop an import; the page lists it by path as a warning.</summary>
[Collection(AppCollection.Name)]
public class TranslationWarningTests(CopAppFactory app)
{
    [Fact]
    public async Task A_definition_lacking_a_translation_imports_and_the_page_lists_the_warning_by_path()
    {
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var key = "warning-" + Guid.NewGuid().ToString("N")[..8];
        var json = SixLanguageDefinition(key);
        json["domains"]![0]!["name"]!.AsObject().Remove("ar");

        var page = await admin.GetStringAsync("/admin/questionnaires");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(file, "file", "definition.json");
        form.Add(new StringContent(HttpClientExtensions.AntiforgeryToken(page)), "__RequestVerificationToken");
        var response = await admin.PostAsync("/admin/questionnaires/import?culture=fr&ui-culture=fr", form);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.QuestionnaireVersions.AnyAsync(v => v.Key == key)));
        // The import leads to the new version's outline, which lists the warnings.
        var shown = await admin.GetStringAsync(response.Headers.Location!.OriginalString + "?culture=fr&ui-culture=fr");
        Assert.Contains("definition-warnings", shown);
        Assert.Contains("$.domains[0].name: No translation for ar", shown);
        Assert.Contains("1 avertissement :", shown);
    }

    /// <summary>A small definition with every text in the six languages.</summary>
    private static JsonObject SixLanguageDefinition(string key)
    {
        static JsonObject T(string text) => new() { ["en"] = text, ["fr"] = text, ["ar"] = text, ["es"] = text, ["ru"] = text, ["zh"] = text };
        JsonObject Stage(string k, int min) => new() { ["key"] = k, ["name"] = T(k), ["minScore"] = min };
        return new JsonObject
        {
            ["key"] = key, ["version"] = "1", ["title"] = T("Warning test"),
            ["stages"] = new JsonArray(Stage("low", 0), Stage("high", 50)),
            ["domains"] = new JsonArray(new JsonObject
            {
                ["key"] = "d1", ["name"] = T("Domain"),
                ["capabilities"] = new JsonArray(new JsonObject
                {
                    ["key"] = "c1", ["name"] = T("Capability"),
                    ["suggestedActions"] = new JsonObject { ["low"] = T("Start"), ["high"] = T("Keep on") },
                    ["questions"] = new JsonArray(new JsonObject { ["key"] = "q1", ["type"] = "yesPartialNo", ["text"] = T("Question") }),
                }),
            }),
        };
    }
}
