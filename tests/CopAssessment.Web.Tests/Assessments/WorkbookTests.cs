using System.IO.Compression;
using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using static CopAssessment.Web.Tests.Assessments.AssessmentTestKit;

namespace CopAssessment.Web.Tests.Assessments;

/// <summary>The offline workbook round trip over HTTP: download, edit, upload, preview, confirm; and every refusal.</summary>
[Collection(AppCollection.Name)]
public partial class WorkbookTests(CopAppFactory app)
{
    private const string Ken = "focal.ken@demo.local";

    [GeneratedRegex("name=\"token\" value=\"([^\"]+)\"")]
    private static partial Regex PreviewToken();

    public static async Task<byte[]> DownloadAsync(HttpClient client, int id)
    {
        var response = await client.GetAsync($"/assessments/{id}/workbook");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>Uploads as the import page's form does, with the page's antiforgery token unless <paramref name="token"/> is given.</summary>
    public static async Task<(HttpStatusCode Status, string Page)> UploadAsync(HttpClient client, int id, byte[] content, string name = "assessment.xlsx", string? token = null)
    {
        token ??= await TokenAsync(client, $"/assessments/{id}/workbook/import");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(file, "file", name);
        var response = await client.PostAsync($"/assessments/{id}/workbook/import", form);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    public static async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, int id, string previewPage, Dictionary<string, string>? resolutions = null)
    {
        var fields = new Dictionary<string, string>(resolutions ?? []) { ["token"] = PreviewToken().Match(previewPage).Groups[1].Value };
        return await PostAsync(client, HttpClientExtensions.AntiforgeryToken(previewPage), $"/assessments/{id}/workbook/confirm", fields);
    }

    private Task<StoredAnswer?> StoredAsync(int id, string key) =>
        app.WithDbAsync(async db => (await db.LoadAnswersAsync(id)).GetValueOrDefault(key));

    private async Task<(int Id, HttpClient Client, Domain.Questionnaires.QuestionnaireDefinition Definition)> FreshAsync(string iso3 = "KEN", string email = Ken)
    {
        var id = await SubmissionIdAsync(app, await OpenCycleAsync(app), iso3);
        return (id, await app.SignedInClientAsync(email), await DefinitionAsync(app, id));
    }

    private static string Label(Domain.Questionnaires.QuestionnaireDefinition definition, string key, string option) =>
        definition.FindQuestion(key)!.FindOption(option)!.Label.Get("en");

    [Fact]
    public async Task The_workbook_has_instructions_a_sheet_per_section_validated_answer_cells_hidden_versions_and_a_hidden_signed_stamp()
    {
        var (id, ken, definition) = await FreshAsync();
        var token = await TokenAsync(ken, $"/assessments/{id}/policy");
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(ken, token, id, "pg.1.1", 0, "yes")).StatusCode);

        var bytes = await DownloadAsync(ken, id);
        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), false);
        var sheets = WorkbookFile.Sheets(document);
        Assert.Equal("Instructions", sheets[0].Name);
        Assert.Equal(definition.Domains.Select(d => d.Name.Get("en")), sheets.Skip(1).Where(s => s.State is null).Select(s => s.Name!.Value!));
        Assert.All(sheets.Where(s => s.Name!.Value!.StartsWith('_')), s => Assert.Equal(SheetStateValues.Hidden, s.State!.Value));
        // 146 questions, one row each, across the section sheets.
        var policy = WorkbookFile.Cells(bytes, definition.Domains.Single(d => d.Key == "policy").Name.Get("en"));
        var rowOf = policy.Single(c => c.Value == "pg.1.1").Key[1..];
        Assert.Equal(Label(definition, "pg.1.1", "yes"), policy["F" + rowOf]);
        Assert.Equal((await StoredAsync(id, "pg.1.1"))!.Version.ToString(CultureInfo.InvariantCulture), policy["H" + rowOf]);
        Assert.Contains($"Answer only if pg.1.1 is “{Label(definition, "pg.1.1", "yes")}” or “{Label(definition, "pg.1.1", "partial")}”.", policy.Values);
        var stamp = WorkbookFile.Cells(bytes, "_workbook");
        Assert.Equal(id.ToString(CultureInfo.InvariantCulture), stamp["B1"]);
        Assert.Equal(definition.Questions.Count, stamp.Count(c => c.Key.StartsWith('A')) - 7);

        var policyPart = (WorksheetPart)document.WorkbookPart!.GetPartById(sheets.Single(s => s.Name == definition.Domains.Single(d => d.Key == "policy").Name.Get("en")).Id!);
        Assert.True(policyPart.Worksheet.Descendants<Column>().Single(c => c.Min!.Value == 8).Hidden!.Value);
        var validations = policyPart.Worksheet.Descendants<DataValidation>().ToList();
        var gate = validations.Single(v => v.SequenceOfReferences!.InnerText == "G" + rowOf);
        Assert.Equal(DataValidationValues.List, gate.Type!.Value);
        Assert.StartsWith("'_lists'!$A$", gate.Formula1!.Text);
        var justice = (WorksheetPart)document.WorkbookPart.GetPartById(sheets.Single(s => s.Name == definition.Domains.Single(d => d.Key == "justice").Name.Get("en")).Id!);
        var justiceCells = WorkbookFile.Cells(bytes, definition.Domains.Single(d => d.Key == "justice").Name.Get("en"));
        var countRow = justiceCells.Single(c => c.Value == "cj.7.5").Key[1..];
        var count = justice.Worksheet.Descendants<DataValidation>().Single(v => v.SequenceOfReferences!.InnerText == "G" + countRow);
        Assert.Equal(DataValidationValues.Whole, count.Type!.Value);
        Assert.Equal("Enter a number between 0 and 1000000.", count.Error!.Value);
    }

    [Fact]
    public async Task A_valid_round_trip_previews_old_and_new_stores_nothing_until_confirmed_then_saves_with_history_and_audit()
    {
        var (id, ken, definition) = await FreshAsync();
        var token = await TokenAsync(ken, $"/assessments/{id}/policy");
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(ken, token, id, "pg.1.1", 0, "no")).StatusCode);
        var edited = WorkbookFile.Answer(await DownloadAsync(ken, id),
            ("pg.1.1", Label(definition, "pg.1.1", "partial")), ("cj.7.5", 42), ("ctx.1", "Ministry of ICT"),
            ("ctx.7", $"{Label(definition, "ctx.7", "official_statistics")}; {Label(definition, "ctx.7", "research")}"));

        var (status, preview) = await UploadAsync(ken, id, edited);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Nothing has been saved yet.", preview);
        Assert.Contains("4 answers would change.", preview);
        Assert.Matches($"data-key=\"pg.1.1\"[\\s\\S]*?{Regex.Escape(Label(definition, "pg.1.1", "no"))}[\\s\\S]*?{Regex.Escape(Label(definition, "pg.1.1", "partial"))}", preview);
        Assert.Equal("no", (await StoredAsync(id, "pg.1.1"))!.Value.OptionKey);
        Assert.Null(await StoredAsync(id, "cj.7.5"));

        var confirmed = await ConfirmAsync(ken, id, preview);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal($"/assessments/{id}", confirmed.Headers.Location!.OriginalString);
        Assert.Contains("4 answers imported from the workbook.", WebUtility.HtmlDecode(await ken.GetStringAsync($"/assessments/{id}")));
        Assert.Equal("partial", (await StoredAsync(id, "pg.1.1"))!.Value.OptionKey);
        Assert.Equal(42m, (await StoredAsync(id, "cj.7.5"))!.Value.NumberOrNull);
        Assert.Equal("Ministry of ICT", (await StoredAsync(id, "ctx.1"))!.Value.TextOrNull);
        Assert.Equal(["official_statistics", "research"], (await StoredAsync(id, "ctx.7"))!.Value.SelectedOptions.Order());

        var history = await app.WithDbAsync(db => db.Set<AnswerHistory>().Where(h => h.SubmissionId == id).OrderBy(h => h.Id).ToListAsync());
        Assert.Null(history[0].Source); // the online save
        Assert.Equal(4, history.Count(h => h.Source == AnswerHistory.FromWorkbook && h.ChangedBy == Ken));
        Assert.Equal(4, await app.WithDbAsync(db => db.AuditEvents.CountAsync(a => a.Subject!.StartsWith($"submission {id} ") && a.Details!.EndsWith("(imported from workbook)"))));
        Assert.Contains("imported from workbook", await ken.GetStringAsync($"/assessments/{id}/history/pg.1.1"));
    }

    [Fact]
    public async Task Invalid_cells_are_listed_by_sheet_and_cell_with_the_message_the_page_gives_and_are_not_imported()
    {
        var (id, ken, definition) = await FreshAsync();
        var justice = definition.Domains.Single(d => d.Key == "justice").Name.Get("en");
        var edited = WorkbookFile.Answer(await DownloadAsync(ken, id), ("cj.7.5", 2_000_000), ("ctx.1", "Fine"));
        var row = WorkbookFile.Cells(edited, justice).Single(c => c.Value == "cj.7.5").Key[1..];

        // What autosave answers for the same value.
        var autosave = await SaveAsync(ken, await TokenAsync(ken, $"/assessments/{id}/justice"), id, "cj.7.5", 0, "2000000");
        var message = (await JsonAsync(autosave)).GetProperty("error").GetString()!;
        Assert.Equal("Enter a number between 0 and 1000000.", message);

        var (status, preview) = await UploadAsync(ken, id, edited);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Matches($"<td><bdi>{Regex.Escape(justice)}</bdi></td><td>G{row}</td><td>cj.7.5</td><td>{Regex.Escape(message)}</td>", preview);
        Assert.Contains("1 answer would change.", preview);
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(ken, id, preview)).StatusCode);
        Assert.Null(await StoredAsync(id, "cj.7.5"));
        Assert.Equal("Fine", (await StoredAsync(id, "ctx.1"))!.Value.TextOrNull);

        // In French, the French message of the page.
        var frenchPreview = await ken.PostAsync($"/assessments/{id}/workbook/import?culture=fr", await FormAsync(ken, id, WorkbookFile.Answer(await DownloadAsync(ken, id), ("cj.7.5", -1))));
        Assert.Contains("Saisissez un nombre compris entre 0 et 1000000.", WebUtility.HtmlDecode(await frenchPreview.Content.ReadAsStringAsync()));
    }

    private static async Task<MultipartFormDataContent> FormAsync(HttpClient client, int id, byte[] content)
    {
        var form = new MultipartFormDataContent { { new StringContent(await TokenAsync(client, $"/assessments/{id}/workbook/import")), "__RequestVerificationToken" } };
        form.Add(new ByteArrayContent(content), "file", "assessment.xlsx");
        return form;
    }

    [Fact]
    public async Task A_question_hidden_by_relevance_is_ignored_with_a_note()
    {
        var (id, ken, definition) = await FreshAsync();
        var edited = WorkbookFile.Answer(await DownloadAsync(ken, id), ("pg.1.1", Label(definition, "pg.1.1", "no")), ("pg.1.3", Label(definition, "pg.1.3", "yes")));
        var (_, preview) = await UploadAsync(ken, id, edited);
        Assert.Contains("pg.1.3</span> — This question does not apply given the answers, so its answer in the workbook is ignored.", preview);
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(ken, id, preview)).StatusCode);
        Assert.Equal("no", (await StoredAsync(id, "pg.1.1"))!.Value.OptionKey);
        Assert.Null(await StoredAsync(id, "pg.1.3"));
    }

    [Fact]
    public async Task A_question_changed_online_since_the_download_is_a_conflict_resolved_explicitly()
    {
        var (id, ken, definition) = await FreshAsync();
        var token = await TokenAsync(ken, $"/assessments/{id}/policy");
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(ken, token, id, "pg.1.4", 0, "no")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(ken, token, id, "pg.1.5", 0, "no")).StatusCode);
        var workbook = WorkbookFile.Answer(await DownloadAsync(ken, id), ("pg.1.4", Label(definition, "pg.1.4", "yes")), ("pg.1.5", Label(definition, "pg.1.5", "yes")));
        // A colleague answers both online after the download.
        var v4 = (await StoredAsync(id, "pg.1.4"))!.Version;
        var v5 = (await StoredAsync(id, "pg.1.5"))!.Version;
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(ken, token, id, "pg.1.4", v4, "partial")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(ken, token, id, "pg.1.5", v5, "partial")).StatusCode);

        var (_, preview) = await UploadAsync(ken, id, workbook);
        Assert.Equal(2, Regex.Matches(preview, "workbook-conflict").Count);
        Assert.Contains("Changed online since the download by focal.ken@demo.local", preview);

        // Undecided: nothing is stored.
        var undecided = await ConfirmAsync(ken, id, preview, new() { ["resolve:pg.1.4"] = "mine" });
        Assert.Equal(HttpStatusCode.Conflict, undecided.StatusCode);
        Assert.Contains("Choose, for every answer changed online, which one to keep: nothing has been saved.", WebUtility.HtmlDecode(await undecided.Content.ReadAsStringAsync()));
        Assert.Equal("partial", (await StoredAsync(id, "pg.1.4"))!.Value.OptionKey);

        var decided = await ConfirmAsync(ken, id, preview, new() { ["resolve:pg.1.4"] = "mine", ["resolve:pg.1.5"] = "theirs" });
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        Assert.Equal("yes", (await StoredAsync(id, "pg.1.4"))!.Value.OptionKey);
        Assert.Equal("partial", (await StoredAsync(id, "pg.1.5"))!.Value.OptionKey);
    }

    [Fact]
    public async Task An_online_change_between_the_preview_and_the_confirmation_is_not_overwritten()
    {
        var (id, ken, definition) = await FreshAsync();
        var (_, preview) = await UploadAsync(ken, id, WorkbookFile.Answer(await DownloadAsync(ken, id), ("pg.1.4", Label(definition, "pg.1.4", "yes")), ("ctx.1", "Ministry")));
        Assert.DoesNotContain("workbook-conflict", preview);
        var token = await TokenAsync(ken, $"/assessments/{id}/policy");
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(ken, token, id, "pg.1.4", 0, "no")).StatusCode);

        var confirmed = await ConfirmAsync(ken, id, preview);
        Assert.Equal(HttpStatusCode.Conflict, confirmed.StatusCode);
        var again = WebUtility.HtmlDecode(await confirmed.Content.ReadAsStringAsync());
        Assert.Contains("Some answers were changed online after the preview. Check them again: nothing has been saved.", again);
        Assert.Contains("workbook-conflict", again);
        Assert.Equal("no", (await StoredAsync(id, "pg.1.4"))!.Value.OptionKey);
        Assert.Null(await StoredAsync(id, "ctx.1")); // one transaction: nothing of the import is kept

        // Deciding on the preview shown again saves.
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(ken, id, again, new() { ["resolve:pg.1.4"] = "mine" })).StatusCode);
        Assert.Equal("yes", (await StoredAsync(id, "pg.1.4"))!.Value.OptionKey);
        Assert.Equal("Ministry", (await StoredAsync(id, "ctx.1"))!.Value.TextOrNull);
    }

    [Fact]
    public async Task Replaying_an_imported_workbook_after_a_newer_online_edit_shows_a_conflict_instead_of_overwriting()
    {
        var (id, ken, definition) = await FreshAsync();
        var workbook = WorkbookFile.Answer(await DownloadAsync(ken, id), ("pg.1.4", Label(definition, "pg.1.4", "yes")));
        var (_, first) = await UploadAsync(ken, id, workbook);
        Assert.Equal(HttpStatusCode.Redirect, (await ConfirmAsync(ken, id, first)).StatusCode);
        var token = await TokenAsync(ken, $"/assessments/{id}/policy");
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(ken, token, id, "pg.1.4", (await StoredAsync(id, "pg.1.4"))!.Version, "no")).StatusCode);

        var (status, replay) = await UploadAsync(ken, id, workbook);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("workbook-conflict", replay);
        Assert.Equal(HttpStatusCode.Conflict, (await ConfirmAsync(ken, id, replay)).StatusCode);
        Assert.Equal("no", (await StoredAsync(id, "pg.1.4"))!.Value.OptionKey);
    }

    private async Task AssertRefusedAsync(HttpClient client, int id, byte[] content, string message, string name = "assessment.xlsx")
    {
        var historyBefore = await app.WithDbAsync(db => db.Set<AnswerHistory>().CountAsync(h => h.SubmissionId == id));
        var (status, page) = await UploadAsync(client, id, content, name);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains(message, page);
        Assert.DoesNotContain("name=\"token\"", page);
        Assert.Equal(historyBefore, await app.WithDbAsync(db => db.Set<AnswerHistory>().CountAsync(h => h.SubmissionId == id)));
    }

    [Fact]
    public async Task Another_countrys_or_another_cycles_workbook_is_refused()
    {
        var cycle = await OpenCycleAsync(app);
        var ken = await app.SignedInClientAsync(Ken);
        var gha = await app.SignedInClientAsync("focal.gha@demo.local");
        var kenId = await SubmissionIdAsync(app, cycle, "KEN");
        var ghaId = await SubmissionIdAsync(app, cycle, "GHA");
        var ghaWorkbook = WorkbookFile.Answer(await DownloadAsync(gha, ghaId), ("ctx.1", "Ghana's answer"));
        const string another = "This workbook belongs to another assessment (another country or cycle), so nothing was imported. Download this assessment's workbook.";
        await AssertRefusedAsync(ken, kenId, ghaWorkbook, another);

        var otherCycle = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        await AssertRefusedAsync(ken, otherCycle, WorkbookFile.Answer(await DownloadAsync(ken, kenId), ("ctx.1", "x")), another);
        Assert.Null(await StoredAsync(kenId, "ctx.1"));
        Assert.Null(await StoredAsync(otherCycle, "ctx.1"));
    }

    [Fact]
    public async Task A_tampered_signature_stamp_or_row_version_is_refused()
    {
        var (id, ken, definition) = await FreshAsync();
        var token = await TokenAsync(ken, $"/assessments/{id}/policy");
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(ken, token, id, "pg.1.4", 0, "no")).StatusCode);
        var workbook = WorkbookFile.Answer(await DownloadAsync(ken, id), ("pg.1.4", Label(definition, "pg.1.4", "yes")));
        const string altered = "This workbook was not downloaded from this site or has been altered (its signature does not match), so nothing was imported. Download a new workbook.";

        await AssertRefusedAsync(ken, id, WorkbookFile.SetCell(workbook, "signature", 1, "AAAA" + new string('x', 100), "_workbook"), altered);
        var otherId = await SubmissionIdAsync(app, await OpenCycleAsync(app), "KEN");
        await AssertRefusedAsync(ken, otherId, WorkbookFile.SetCell(workbook, "submission", 1, otherId.ToString(CultureInfo.InvariantCulture), "_workbook"), altered);
        // Raising the hidden row version to the current one would hide a conflict: refused too.
        var current = (await StoredAsync(id, "pg.1.4"))!.Version;
        await AssertRefusedAsync(ken, id, WorkbookFile.SetCell(workbook, "pg.1.4", WorkbookFile.VersionColumn, (current + 1).ToString(CultureInfo.InvariantCulture)), altered);
        await AssertRefusedAsync(ken, id, WorkbookFile.SetCell(workbook, "pg.1.4", 1, (current + 1).ToString(CultureInfo.InvariantCulture), "_workbook"), altered);
        Assert.Equal("no", (await StoredAsync(id, "pg.1.4"))!.Value.OptionKey);
    }

    [Fact]
    public async Task A_wrong_file_type_a_zip_bomb_an_oversized_sheet_and_too_many_rows_are_refused_with_one_message()
    {
        var (id, ken, _) = await FreshAsync();
        const string notWorkbook = "This file is not an Excel workbook (.xlsx): upload the workbook downloaded from this assessment.";
        await AssertRefusedAsync(ken, id, "%PDF-1.4 a document"u8.ToArray(), notWorkbook, "answers.xlsx");
        await AssertRefusedAsync(ken, id, "key,answer\npg.1.1,yes\n"u8.ToArray(), notWorkbook, "answers.csv");

        // A sheet of 50 MB of one repeated character: a zip bomb.
        await AssertRefusedAsync(ken, id, Xlsx(new string(' ', 50 * 1024 * 1024)),
            "This workbook is damaged or unpacks to far more than its size, so it cannot be read.");
        // 12 MB of text that does not compress: passes the zip checks, but no download has a sheet that large.
        var random = new Random(5);
        var noise = new string([.. Enumerable.Range(0, 12 * 1024 * 1024).Select(_ => (char)('a' + random.Next(26)))]);
        const string larger = "This workbook is far larger than a downloaded assessment (a sheet over 10 MB or over 2000 rows), so it cannot be read.";
        await AssertRefusedAsync(ken, id, Xlsx(noise), larger);
        await AssertRefusedAsync(ken, id, WorkbookFile.AddRows(await DownloadAsync(ken, id), "pg.1.1", 2_500), larger);
        // A damaged workbook.
        await AssertRefusedAsync(ken, id, Xlsx("<not xml"), "This workbook cannot be read. Download a new workbook and try again.");
    }

    /// <summary>The smallest zip that the upload rules take for an .xlsx, with <paramref name="sheet"/> as its first sheet's XML.</summary>
    private static byte[] Xlsx(string sheet)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Entry(string name, string text)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name, CompressionLevel.Optimal).Open());
                writer.Write(text);
            }
            Entry("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Entry("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Entry("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="_workbook" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Entry("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            Entry("xl/worksheets/sheet1.xml", sheet.StartsWith('<') ? sheet
                : $"""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>{sheet}</t></is></c></row></sheetData></worksheet>""");
        }
        return stream.ToArray();
    }

    [Fact]
    public async Task Another_countrys_focal_point_gets_404_and_readers_may_download_but_not_upload()
    {
        var (id, ken, _) = await FreshAsync();
        var workbook = WorkbookFile.Answer(await DownloadAsync(ken, id), ("ctx.1", "x"));
        var gha = await app.SignedInClientAsync("focal.gha@demo.local");
        Assert.Equal(HttpStatusCode.NotFound, (await gha.GetAsync($"/assessments/{id}/workbook")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await gha.GetAsync($"/assessments/{id}/workbook/import")).StatusCode);
        var ghaId = await SubmissionIdAsync(app, await OpenCycleAsync(app), "GHA");
        var form = new MultipartFormDataContent { { new StringContent(await TokenAsync(gha, $"/assessments/{ghaId}/workbook/import")), "__RequestVerificationToken" } };
        form.Add(new ByteArrayContent(workbook), "file", "x.xlsx");
        Assert.Equal(HttpStatusCode.NotFound, (await gha.PostAsync($"/assessments/{id}/workbook/import", form)).StatusCode);
        var (_, preview) = await UploadAsync(ken, id, workbook);
        Assert.Equal(HttpStatusCode.NotFound, (await ConfirmAsync(gha, id, preview.Replace(HttpClientExtensions.AntiforgeryToken(preview), await TokenAsync(gha, $"/assessments/{ghaId}/workbook/import")))).StatusCode);

        // A regional coordinator sees the assessment: downloads, but does not upload.
        var coordinator = await app.SignedInClientAsync("coordinator.afr@demo.local");
        await DownloadAsync(coordinator, id);
        var coordinatorForm = new MultipartFormDataContent { { new StringContent(await TokenAsync(coordinator, $"/assessments/{id}/workbook/import")), "__RequestVerificationToken" } };
        coordinatorForm.Add(new ByteArrayContent(workbook), "file", "x.xlsx");
        var refused = await coordinator.PostAsync($"/assessments/{id}/workbook/import", coordinatorForm);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/account/access-denied", refused.Headers.Location!.OriginalString);
        Assert.Null(await StoredAsync(id, "ctx.1"));

        // The overview offers the download to both, the upload to the focal point only.
        Assert.Contains("id=\"workbook-upload\"", await ken.GetStringAsync($"/assessments/{id}"));
        var readerOverview = await coordinator.GetStringAsync($"/assessments/{id}");
        Assert.Contains("id=\"workbook-download\"", readerOverview);
        Assert.DoesNotContain("id=\"workbook-upload\"", readerOverview);
    }
}
