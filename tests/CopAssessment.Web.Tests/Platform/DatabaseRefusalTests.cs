using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CopAssessment.Web.Tests.Platform;

/// <summary>A save the database refuses (SQL states 23505 and 22001) is a message and changes nothing, never a 500.</summary>
[Collection(AppCollection.Name)]
public class DatabaseRefusalTests(CopAppFactory app)
{
    [Fact]
    public async Task Two_administrators_creating_the_same_cycle_at_once_get_one_cycle_and_a_message()
    {
        var admin = await app.SignedInClientAsync("admin@demo.local");
        var versionId = await app.WithDbAsync(db => db.QuestionnaireVersions.OrderByDescending(v => v.Number).Select(v => v.Id).FirstAsync());
        var name = "Race " + Guid.NewGuid().ToString("N")[..6];

        // The other administrator's cycle is being inserted, not yet committed: the form's own check cannot see it,
        // so this request's insert waits on the unique index and is refused when the other one commits.
        await using var other = new NpgsqlConnection(app.ConnectionString);
        await other.OpenAsync();
        await using var transaction = await other.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO "AssessmentCycles" ("Name", "QuestionnaireVersionId", "OpensOn", "Deadline", "PublicationPolicy", "Status", "CreatedAt")
            VALUES (@name, @version, CURRENT_DATE, now() + interval '40 days', 'Named', 'Planned', now())
            """, other, transaction) { Parameters = { new("name", name), new("version", versionId) } })
            await insert.ExecuteNonQueryAsync();

        var create = admin.PostFormAsync("/admin/cycles/new", "/admin/cycles/new", new Dictionary<string, string>
        {
            ["Name"] = name, ["QuestionnaireVersionId"] = versionId.ToString(), ["OpensOn"] = DateTime.UtcNow.ToString("yyyy-MM-dd"),
            ["Deadline"] = DateTime.UtcNow.AddDays(40).ToString("yyyy-MM-dd"), ["PublicationPolicy"] = "Named",
        });
        await Task.Delay(500);
        Assert.False(create.IsCompleted, "the insert should wait for the other administrator's transaction");
        await transaction.CommitAsync();

        var response = await create;
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Someone else saved the same thing at the same moment, so nothing was changed.", await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.WithDbAsync(db => db.Set<AssessmentCycle>().CountAsync(c => c.Name == name)));
        Assert.Equal(0, await app.WithDbAsync(db => db.AuditEvents.CountAsync(e => e.Action == "cycle-created" && e.Subject == name)));
    }

    [Theory]
    [InlineData(PostgresErrorCodes.StringDataRightTruncation, 422, "A text is longer than its field allows")]
    [InlineData(PostgresErrorCodes.UniqueViolation, 409, "Someone else saved the same thing")]
    public async Task A_refused_save_answers_json_clients_with_the_message(string sqlState, int status, string message)
    {
        using var scope = app.Services.CreateScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider, Response = { Body = new MemoryStream() } };
        http.Request.Headers.Accept = "application/json";
        var context = new ExceptionContext(new ActionContext(http, new RouteData(), new ActionDescriptor()), [])
        {
            Exception = new DbUpdateException("save failed", new PostgresException("refused", "ERROR", "ERROR", sqlState)),
        };
        new DatabaseRefusalFilter(NullLogger<DatabaseRefusalFilter>.Instance).OnException(context);

        Assert.True(context.ExceptionHandled);
        await context.Result!.ExecuteResultAsync(context);
        Assert.Equal(status, http.Response.StatusCode);
        http.Response.Body.Position = 0;
        using var json = await JsonDocument.ParseAsync(http.Response.Body);
        Assert.StartsWith(message, json.RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public void Other_database_errors_are_left_to_the_error_page()
    {
        var context = new ExceptionContext(new ActionContext(new DefaultHttpContext(), new RouteData(), new ActionDescriptor()), [])
        {
            Exception = new DbUpdateException("save failed", new PostgresException("deadlock", "ERROR", "ERROR", PostgresErrorCodes.DeadlockDetected)),
        };
        new DatabaseRefusalFilter(NullLogger<DatabaseRefusalFilter>.Instance).OnException(context);
        Assert.False(context.ExceptionHandled);
        Assert.Null(context.Result);
    }
}
