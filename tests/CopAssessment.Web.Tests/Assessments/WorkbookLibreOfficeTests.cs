using System.Net;
using static CopAssessment.Web.Tests.Assessments.AssessmentTestKit;

namespace CopAssessment.Web.Tests.Assessments;

/// <summary>
/// The real round trip through LibreOffice (Debian's libreoffice-calc, installed by scripts/install-deps.sh test):
/// it opens the downloaded workbook (every sheet converted to CSV), and a workbook it saved again, with an edited
/// answer, uploads back.
/// </summary>
[Collection(AppCollection.Name)]
public class WorkbookLibreOfficeTests(CopAppFactory app)
{
    /// <summary>Runs LibreOffice headless with a profile of its own, so that parallel runs do not share a lock.</summary>
    private static async Task ConvertAsync(string input, string filter, string outputDirectory)
    {
        var profile = Path.Combine(Path.GetTempPath(), "lo-profile-" + Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("libreoffice")
        {
            ArgumentList = { $"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", filter, "--outdir", outputDirectory, input },
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"libreoffice: {await output} {await error}");
        try { Directory.Delete(profile, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task LibreOffice_opens_every_sheet_and_a_workbook_it_saved_again_with_an_edited_answer_uploads_back()
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        var ken = await app.SignedInClientAsync("focal.ken@demo.local");
        var definition = await DefinitionAsync(app, id);
        var directory = Directory.CreateTempSubdirectory("workbook-lo-").FullName;
        var downloaded = Path.Combine(directory, "assessment.xlsx");
        await File.WriteAllBytesAsync(downloaded, await WorkbookTests.DownloadAsync(ken, id));

        // CSV of every sheet (the last filter option, -1, writes one file per sheet: assessment-<sheet>.csv).
        var csv = Directory.CreateDirectory(Path.Combine(directory, "csv")).FullName;
        await ConvertAsync(downloaded, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", csv);
        var policyName = definition.Domains.Single(d => d.Key == "policy").Name.Get("en");
        var policy = await File.ReadAllTextAsync(Path.Combine(csv, $"assessment-{policyName}.csv"));
        Assert.Contains("pg.1.1,", policy);
        Assert.Contains(definition.FindQuestion("pg.1.1")!.Text.Get("en").Split(',')[0], policy);
        Assert.Contains("Answer only if pg.1.1 is", policy);
        Assert.StartsWith("1. Each section has its own sheet", (await File.ReadAllLinesAsync(Path.Combine(csv, "assessment-Instructions.csv")))
            .Select(l => l.Trim('"')).Single(l => l.StartsWith("1. ")));

        // Edited, then saved by LibreOffice as .xlsx (its own shared strings, styles and structure), then uploaded.
        var yes = definition.FindQuestion("pg.1.4")!.FindOption("yes")!.Label.Get("en");
        var edited = Path.Combine(directory, "edited.xlsx");
        await File.WriteAllBytesAsync(edited, WorkbookFile.Answer(await File.ReadAllBytesAsync(downloaded), ("pg.1.4", yes), ("cj.7.5", 7), ("ctx.1", "Saved by LibreOffice")));
        var resaved = Directory.CreateDirectory(Path.Combine(directory, "resaved")).FullName;
        await ConvertAsync(edited, "xlsx:Calc MS Excel 2007 XML", resaved);
        var bytes = await File.ReadAllBytesAsync(Path.Combine(resaved, "edited.xlsx"));
        Assert.NotEqual(await File.ReadAllBytesAsync(edited), bytes);

        var (status, preview) = await WorkbookTests.UploadAsync(ken, id, bytes);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("3 answers would change.", preview);
        Assert.Equal(HttpStatusCode.Redirect, (await WorkbookTests.ConfirmAsync(ken, id, preview)).StatusCode);
        var answers = await app.WithDbAsync(db => db.LoadAnswersAsync(id));
        Assert.Equal("yes", answers["pg.1.4"].Value.OptionKey);
        Assert.Equal(7m, answers["cj.7.5"].Value.NumberOrNull);
        Assert.Equal("Saved by LibreOffice", answers["ctx.1"].Value.TextOrNull);
        Directory.Delete(directory, recursive: true);
    }
}
