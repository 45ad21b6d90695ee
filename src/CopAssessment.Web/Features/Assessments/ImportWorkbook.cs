using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using System.Xml;
using CopAssessment.Domain.Questionnaires;
using CopAssessment.Web.Infrastructure.Uploads;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;
using static CopAssessment.Web.Features.Assessments.WorkbookLayout;
using Question = CopAssessment.Domain.Questionnaires.Question;

namespace CopAssessment.Web.Features.Assessments;

/// <summary>One filled-in "new answer" cell, as the page's form would post it (option keys, invariant numbers, ISO dates).</summary>
public sealed record WorkbookItem(string Sheet, string Cell, string Key, string[] Value, uint Version);

/// <summary>A cell that cannot be imported, with the message the page would give.</summary>
public sealed record WorkbookProblem(string Sheet, string Cell, string Key, string Message);

/// <summary>A question whose workbook answer is left aside, and why.</summary>
public sealed record WorkbookNote(string Key, string Message);

/// <summary>One answer the import would change: old → new; a conflict when it was changed online since the download.</summary>
public sealed record WorkbookChange(Question Question, string Sheet, string Cell, string Old, string New, bool Conflict, string? OnlineBy,
    DateTimeOffset? OnlineAt, string Resolution)
{
    public bool Accepted => !Conflict || Resolution == AnswerForm.UseMine;
}

/// <summary>
/// What the preview carries between the upload and the confirmation, protected with Data Protection (encrypted
/// and authenticated, bound to the person and the submission, valid for <see cref="ImportWorkbook.PreviewLifetime"/>):
/// the cells read, and the row version of each answer the preview showed, so that a change made online after
/// the preview is shown again rather than overwritten. App instances keep nothing between requests.
/// </summary>
public sealed record WorkbookPreviewState(int SubmissionId, List<WorkbookItem> Items, List<WorkbookProblem> Problems, List<WorkbookNote> Notes,
    Dictionary<string, uint> Shown);

public sealed class WorkbookPageModel
{
    public required SubmissionContext Context { get; init; }
    public bool CanEdit { get; init; }
    public string? Error { get; init; }
    public long MaxUploadBytes { get; init; }

    /// <summary>Null until a workbook has been read.</summary>
    public IReadOnlyList<WorkbookChange>? Changes { get; init; }
    public IReadOnlyList<WorkbookProblem> Problems { get; init; } = [];
    public IReadOnlyList<WorkbookNote> Notes { get; init; } = [];
    public int Unchanged { get; init; }
    public string? Token { get; init; }
    public string Culture { get; init; } = "en";
}

/// <summary>
/// The upload side of the offline workbook: read and check the file, show a preview (nothing is stored), and on
/// confirmation write every accepted answer in one transaction through <see cref="SaveAnswer"/>, the same rules,
/// history and audit as autosave, marked "imported from workbook". Refusals (wrong file, another assessment's
/// workbook, an altered one, one far larger than a download can be) are one translated message, with status 422.
/// </summary>
public sealed class ImportWorkbook(CopDbContext db, AssessmentAccess access, SaveAnswer saver, WorkbookSignature signature, UploadReader uploads,
    IDataProtectionProvider protection, IStringLocalizer<Ui> L)
{
    /// <summary>Largest sheet (or shared-string table) unpacked: a downloaded section is a few hundred KB.</summary>
    public const long MaxPartBytes = 10L * 1024 * 1024;

    /// <summary>Most rows a sheet may have: a section of the MNR has at most a few dozen.</summary>
    public const int MaxRows = 2_000;

    public static readonly TimeSpan PreviewLifetime = TimeSpan.FromHours(2);

    private static string Culture => CultureInfo.CurrentUICulture.Name;

    public async Task<Outcome<WorkbookPageModel>?> ShowAsync(int submissionId, ClaimsPrincipal user) =>
        await access.FindAsync(submissionId) is { } context ? Outcome<WorkbookPageModel>.Show(Page(context, user)) : null;

    /// <summary>Reads the uploaded workbook and shows what it would change. Stores nothing.</summary>
    public async Task<Outcome<WorkbookPageModel>?> PreviewAsync(int submissionId, IFormFile? file, ClaimsPrincipal user)
    {
        var context = await access.FindAsync(submissionId);
        if (context is null) return null;
        if (!access.CanEdit(user, context)) return Outcome<WorkbookPageModel>.Forbid();
        var (read, error) = await ReadAsync(context, file);
        if (read is null) return Outcome<WorkbookPageModel>.Show(Page(context, user, error), StatusCodes.Status422UnprocessableEntity);
        var answers = await db.LoadAnswersAsync(submissionId);
        var plan = Plan(context, user, read, answers, form: null);
        var state = read with { Shown = plan.Changes.ToDictionary(c => c.Question.Key, c => answers.GetValueOrDefault(c.Question.Key)?.Version ?? 0u) };
        return Outcome<WorkbookPageModel>.Show(Page(context, user, plan: plan, token: Protect(state, user)));
    }

    /// <summary>
    /// Writes the accepted answers of the preview in one transaction. A conflict left undecided, or an answer changed
    /// online after the preview, brings the preview back (409) with nothing stored.
    /// </summary>
    public async Task<Outcome<WorkbookPageModel>?> ConfirmAsync(int submissionId, IFormCollection form, ClaimsPrincipal user)
    {
        var context = await access.FindAsync(submissionId);
        if (context is null) return null;
        if (!access.CanEdit(user, context)) return Outcome<WorkbookPageModel>.Forbid();
        if (Unprotect(form["token"].ToString(), user) is not { } state || state.SubmissionId != submissionId)
            return Outcome<WorkbookPageModel>.Show(Page(context, user, L["This preview has expired or does not belong to you. Upload the workbook again."]),
                StatusCodes.Status422UnprocessableEntity);

        // Read, checked and written as one unit, tried again whole after a transient database error: a retry after an
        // import that did commit finds the answers changed since the preview and writes nothing.
        return await db.RetriedAsync(() => WriteAsync(context, user, state, form));
    }

    private async Task<Outcome<WorkbookPageModel>> WriteAsync(SubmissionContext context, ClaimsPrincipal user, WorkbookPreviewState state, IFormCollection form)
    {
        var submissionId = context.Id;
        var answers = await db.LoadAnswersAsync(submissionId);
        var plan = Plan(context, user, state, answers, form);
        // An answer the preview did not show as it is now (changed online since, or not in the preview at all) is shown again.
        var stale = plan.Changes.Any(c => !state.Shown.TryGetValue(c.Question.Key, out var shown) || shown != (answers.GetValueOrDefault(c.Question.Key)?.Version ?? 0));
        if (stale || plan.Changes.Any(c => c.Conflict && c.Resolution is not (AnswerForm.UseMine or AnswerForm.KeepTheirs)))
            return Again(context, user, state, plan, answers, stale
                ? L["Some answers were changed online after the preview. Check them again: nothing has been saved."]
                : L["Choose, for every answer changed online, which one to keep: nothing has been saved."]);

        var accepted = plan.Changes.Where(c => c.Accepted).ToList();
        if (accepted.Count == 0)
            return Outcome<WorkbookPageModel>.GoTo(nameof(AssessmentsController.Overview), new { id = submissionId }, L["The workbook changes no answer."]);

        var target = AnswerTarget.Of(context);
        var who = user.Identity?.Name ?? "";
        var items = state.Items.ToDictionary(i => i.Key, StringComparer.Ordinal);
        await db.Database.OpenConnectionAsync();
        var saved = 0;
        try
        {
            await using var transaction = await ((NpgsqlConnection)db.Database.GetDbConnection()).BeginTransactionAsync();
            foreach (var change in accepted)
            {
                var key = change.Question.Key;
                var result = await saver.SaveAsync(target, change.Question, items[key].Value, answers.GetValueOrDefault(key)?.Version ?? 0,
                    who, Culture, answers, transaction, AnswerHistory.FromWorkbook);
                if (result.Outcome == SaveOutcome.Saved) saved++;
                else if (result.Outcome == SaveOutcome.Locked)
                {
                    await transaction.RollbackAsync();
                    return Outcome<WorkbookPageModel>.Show(Page(context, user, L["This assessment is read-only now."]), StatusCodes.Status409Conflict);
                }
                else if (result.Outcome != SaveOutcome.Unchanged)
                {
                    // Someone saved this answer between the read above and this write: nothing of the import is kept.
                    await transaction.RollbackAsync();
                    var fresh = await db.LoadAnswersAsync(submissionId);
                    return Again(context, user, state, Plan(context, user, state, fresh, form), fresh,
                        L["Some answers were changed online after the preview. Check them again: nothing has been saved."]);
                }
            }
            await transaction.CommitAsync();
        }
        finally
        {
            // Closed per try, so that a retry opens a working connection instead of reusing a broken one.
            await db.Database.CloseConnectionAsync();
        }
        return Outcome<WorkbookPageModel>.GoTo(nameof(AssessmentsController.Overview), new { id = submissionId },
            L.Plural(saved, "{0} answer imported from the workbook.", "{0} answers imported from the workbook."));
    }

    private Outcome<WorkbookPageModel> Again(SubmissionContext context, ClaimsPrincipal user, WorkbookPreviewState state, ImportPlan plan,
        Dictionary<string, StoredAnswer> answers, string message)
    {
        var shown = plan.Changes.ToDictionary(c => c.Question.Key, c => answers.GetValueOrDefault(c.Question.Key)?.Version ?? 0u);
        return Outcome<WorkbookPageModel>.Show(Page(context, user, message, plan, Protect(state with { Shown = shown }, user)), StatusCodes.Status409Conflict);
    }

    private WorkbookPageModel Page(SubmissionContext context, ClaimsPrincipal user, string? error = null, ImportPlan? plan = null, string? token = null) => new()
    {
        Context = context,
        CanEdit = access.CanEdit(user, context),
        Error = error,
        MaxUploadBytes = uploads.MaxBytes,
        Changes = plan?.Changes,
        Problems = plan?.Problems ?? [],
        Notes = plan?.Notes ?? [],
        Unchanged = plan?.Unchanged ?? 0,
        Token = token,
        Culture = Culture,
    };

    private sealed record ImportPlan(List<WorkbookChange> Changes, List<WorkbookProblem> Problems, List<WorkbookNote> Notes, int Unchanged);

    /// <summary>
    /// What the cells would do to the answers now: in relevance order, so an answer the workbook gives that reveals a
    /// follow-up counts for that follow-up, each parsed and checked by the page's rules (<see cref="ConstraintChecker"/>).
    /// A cell whose answer was changed online since the download is a conflict, decided by <paramref name="form"/>'s
    /// <c>resolve:KEY</c> when the person made the choice on the version now stored.
    /// </summary>
    private ImportPlan Plan(SubmissionContext context, ClaimsPrincipal user, WorkbookPreviewState state, Dictionary<string, StoredAnswer> answers, IFormCollection? form)
    {
        var definition = context.Definition;
        var items = state.Items.ToDictionary(i => i.Key, StringComparer.Ordinal);
        var simulated = answers.Values();
        var changes = new List<WorkbookChange>();
        var problems = new List<WorkbookProblem>(state.Problems);
        var notes = new List<WorkbookNote>(state.Notes);
        var unchanged = 0;
        foreach (var question in definition.RelevanceOrder)
        {
            if (!items.TryGetValue(question.Key, out var item)) continue;
            // A contributor's sections are read now, not when the workbook was downloaded: a revocation counts at once.
            if (!access.CanEdit(user, context, question.Key))
            {
                notes.Add(new WorkbookNote(question.Key, L["This question is not in the sections assigned to you, so its answer in the workbook is ignored."]));
                continue;
            }
            if (QuestionVisibility.HiddenQuestions(definition, simulated).Contains(question.Key))
            {
                notes.Add(new WorkbookNote(question.Key, L["This question does not apply given the answers, so its answer in the workbook is ignored."]));
                continue;
            }
            var input = ConstraintChecker.Parse(question, item.Value, Culture, simulated);
            if (!input.IsValid)
            {
                problems.Add(new WorkbookProblem(item.Sheet, item.Cell, question.Key, input.Error!));
                continue;
            }
            var current = answers.GetValueOrDefault(question.Key);
            if ((current?.Value ?? AnswerValue.None).Equals(input.Value))
            {
                unchanged++;
                continue;
            }
            var conflict = (current?.Version ?? 0) != item.Version;
            var resolution = "";
            if (conflict && form is not null && state.Shown.TryGetValue(question.Key, out var shown) && shown == (current?.Version ?? 0))
                resolution = form[AnswerForm.Resolve(question.Key)].ToString();
            var change = new WorkbookChange(question, item.Sheet, item.Cell, current is null ? "—" : AnswerJson.Display(question, current.Value, Culture),
                AnswerJson.Display(question, input.Value, Culture), conflict, current?.UpdatedBy, current?.UpdatedAt, resolution);
            changes.Add(change);
            if (change.Accepted) simulated[question.Key] = input.Value;
        }
        return new ImportPlan(changes, problems, notes, unchanged);
    }

    private IDataProtector Protector(ClaimsPrincipal user) =>
        protection.CreateProtector("CopAssessment.Workbook.Preview.v1", user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "");

    private string Protect(WorkbookPreviewState state, ClaimsPrincipal user) =>
        Protector(user).ToTimeLimitedDataProtector().Protect(JsonSerializer.Serialize(state), PreviewLifetime);

    private WorkbookPreviewState? Unprotect(string token, ClaimsPrincipal user)
    {
        if (token.Length == 0) return null;
        try
        {
            return JsonSerializer.Deserialize<WorkbookPreviewState>(Protector(user).ToTimeLimitedDataProtector().Unprotect(token));
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    // ---- Reading the file ----------------------------------------------------------------------------------------

    /// <summary>The cells of a genuine workbook of this submission, or the one message saying why the file is refused.</summary>
    private async Task<(WorkbookPreviewState? Read, string? Error)> ReadAsync(SubmissionContext context, IFormFile? file)
    {
        var (upload, problem) = await uploads.ReadAsync(file, "workbook");
        if (upload is null)
        {
            return (null, problem switch
            {
                UploadProblem.Missing => L["Choose the workbook (.xlsx) to upload."],
                UploadProblem.TooLarge => L["The file is larger than the limit."],
                UploadProblem.UnsafeArchive => L["This workbook is damaged or unpacks to far more than its size, so it cannot be read."],
                _ => L["This file is not an Excel workbook (.xlsx): upload the workbook downloaded from this assessment."],
            });
        }
        if (upload.ContentType != ContentType)
            return (null, L["This file is not an Excel workbook (.xlsx): upload the workbook downloaded from this assessment."]);
        if (!PartsWithinLimits(upload.Content))
            return (null, L["This workbook is far larger than a downloaded assessment (a sheet over {0} MB or over {1} rows), so it cannot be read.", MaxPartBytes / (1024 * 1024), MaxRows]);
        try
        {
            using var document = SpreadsheetDocument.Open(new MemoryStream(upload.Content, writable: false), false);
            return Read(context, document);
        }
        catch (TooManyRowsException)
        {
            return (null, L["This workbook is far larger than a downloaded assessment (a sheet over {0} MB or over {1} rows), so it cannot be read.", MaxPartBytes / (1024 * 1024), MaxRows]);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or XmlException or FormatException
            or InvalidOperationException or ArgumentException or OverflowException)
        {
            return (null, L["This workbook cannot be read. Download a new workbook and try again."]);
        }
    }

    private sealed class TooManyRowsException : Exception;

    /// <summary>Every sheet and the shared strings within <see cref="MaxPartBytes"/> unpacked (sizes were checked true by <see cref="ZipLimits"/>).</summary>
    private static bool PartsWithinLimits(byte[] content)
    {
        using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
        return zip.Entries.All(e => !e.FullName.StartsWith("xl/", StringComparison.OrdinalIgnoreCase) || e.Length <= MaxPartBytes);
    }

    private (WorkbookPreviewState? Read, string? Error) Read(SubmissionContext context, SpreadsheetDocument document)
    {
        var workbook = document.WorkbookPart ?? throw new InvalidDataException("no workbook part");
        var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(TextOf).ToArray() ?? [];
        var sheets = (workbook.Workbook.Sheets?.Elements<Sheet>() ?? []).ToList();
        var altered = L["This workbook was not downloaded from this site or has been altered (its signature does not match), so nothing was imported. Download a new workbook."];

        if (sheets.FirstOrDefault(s => s.Name?.Value == StampSheet) is not { } stampSheet) return (null, altered);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (_, cells) in Rows(PartOf(workbook, stampSheet), shared))
        {
            if (cells.GetValueOrDefault(0)?.Text is { Length: > 0 } name) fields.TryAdd(name, cells.GetValueOrDefault(1)?.Text ?? "");
        }
        string Field(string name) => fields.GetValueOrDefault(name, "");
        string[] stampFields = [SubmissionField, CountryField, CycleField, QuestionnaireField, LanguageField, SectionsField, SignatureField];
        if (!int.TryParse(Field(SubmissionField), NumberStyles.None, CultureInfo.InvariantCulture, out var submissionId)
            || !int.TryParse(Field(CycleField), NumberStyles.None, CultureInfo.InvariantCulture, out var cycleId)
            || !int.TryParse(Field(QuestionnaireField), NumberStyles.None, CultureInfo.InvariantCulture, out var versionId))
            return (null, altered);
        var versions = new Dictionary<string, uint>(StringComparer.Ordinal);
        foreach (var (name, value) in fields.Where(f => !stampFields.Contains(f.Key)))
        {
            if (!uint.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version)) return (null, altered);
            versions[name] = version;
        }
        var stamp = new WorkbookStamp(submissionId, Field(CountryField), cycleId, versionId, Field(LanguageField), Field(SectionsField), versions);
        if (!signature.Verify(stamp, Field(SignatureField))) return (null, altered);
        if (stamp.SubmissionId != context.Id || stamp.CountryIso3 != context.Submission.CountryIso3 || stamp.CycleId != context.Cycle.Id
            || stamp.QuestionnaireVersionId != context.Cycle.QuestionnaireVersionId)
            return (null, L["This workbook belongs to another assessment (another country or cycle), so nothing was imported. Download this assessment's workbook."]);

        var items = new List<WorkbookItem>();
        var problems = new List<WorkbookProblem>();
        var notes = new List<WorkbookNote>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sheet in sheets.Where(s => s.Name?.Value is not (StampSheet or ListsSheet)))
        {
            var sheetName = sheet.Name?.Value ?? "";
            foreach (var (row, cells) in Rows(PartOf(workbook, sheet), shared))
            {
                if (row <= HeaderRows || cells.GetValueOrDefault(KeyColumn)?.Text.Trim() is not { Length: > 0 } key) continue;
                if (!versions.TryGetValue(key, out var signedVersion)) continue; // Not a question row of this workbook.
                // The hidden column must say what the signed stamp says: otherwise someone edited it to pass a conflict.
                if (!uint.TryParse(cells.GetValueOrDefault(VersionColumn)?.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var rowVersion)
                    || rowVersion != signedVersion)
                    return (null, altered);
                var answer = cells.GetValueOrDefault(NewAnswerColumn);
                if (answer is null || string.IsNullOrWhiteSpace(answer.Text)) continue;
                var cell = CopAssessment.Web.Reporting.Excel.SheetWriter.Reference(NewAnswerColumn, row);
                if (!seen.Add(key))
                {
                    problems.Add(new WorkbookProblem(sheetName, cell, key, L["This question appears more than once in the workbook; only its first row is read."]));
                    continue;
                }
                var question = context.Definition.FindQuestion(key)!;
                items.Add(new WorkbookItem(sheetName, cell, key, AsPosted(question, answer, stamp.Language), signedVersion));
            }
        }
        return (new WorkbookPreviewState(context.Id, items, problems, notes, []), null);
    }

    private static WorksheetPart PartOf(WorkbookPart workbook, Sheet sheet) =>
        workbook.GetPartById(sheet.Id?.Value ?? throw new InvalidDataException("sheet without a part")) as WorksheetPart
        ?? throw new InvalidDataException("not a worksheet");

    private sealed record CellText(string Text, bool IsNumber);

    /// <summary>
    /// The rows of a sheet, one at a time (the SDK's forward-only reader: only the current row is in memory), as
    /// 1-based row number and 0-based column → text. Refuses a sheet of more than <see cref="MaxRows"/> rows.
    /// </summary>
    private static IEnumerable<(int Row, Dictionary<int, CellText> Cells)> Rows(WorksheetPart part, string[] shared)
    {
        using var reader = OpenXmlReader.Create(part);
        var count = 0;
        var lastRow = 0;
        while (reader.Read())
        {
            if (reader.ElementType != typeof(Row) || !reader.IsStartElement) continue;
            if (++count > MaxRows) throw new TooManyRowsException();
            var row = (Row)reader.LoadCurrentElement()!;
            var number = row.RowIndex?.Value is { } index ? (int)index : lastRow + 1;
            lastRow = number;
            var cells = new Dictionary<int, CellText>();
            var position = 0;
            foreach (var cell in row.Elements<Cell>())
            {
                var column = cell.CellReference?.Value is { } reference ? ColumnOf(reference) : position;
                position = column + 1;
                if (Value(cell, shared) is { } value) cells[column] = value;
            }
            yield return (number, cells);
        }
    }

    private static int ColumnOf(string reference)
    {
        var column = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter)) column = column * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        return column - 1;
    }

    private static CellText? Value(Cell cell, string[] shared)
    {
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString) return new(cell.InlineString is { } inline ? TextOf(inline) : "", false);
        var raw = cell.CellValue?.Text;
        if (raw is null) return null;
        if (type == CellValues.SharedString)
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Length ? new(shared[i], false) : null;
        if (type is null || type == CellValues.Number) return new(raw, true);
        return new(raw, false);
    }

    /// <summary>A rich or plain string's text, without its phonetic guides.</summary>
    private static string TextOf(OpenXmlElement item) =>
        string.Concat(item.Descendants<Text>().Where(t => t.Ancestors<PhoneticRun>().FirstOrDefault() is null).Select(t => t.Text));

    /// <summary>
    /// A cell as the page's form would post it: option labels (in the workbook's language, or keys) become option
    /// keys, several separated by ";"; numbers in invariant form; date cells (spreadsheet serial numbers) as
    /// YYYY-MM-DD. What matches nothing is passed on as typed, for <see cref="ConstraintChecker"/> to word the refusal.
    /// </summary>
    private static string[] AsPosted(Question question, CellText cell, string language)
    {
        var text = cell.Text.Trim();
        if (cell.IsNumber && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            if (question.Type == QuestionType.Date && number is >= 1 and < 2958466)
                return [DateOnly.FromDateTime(DateTime.FromOADate(number)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];
            if (Math.Abs(number) < 7.9e27) text = ((decimal)number).ToString(CultureInfo.InvariantCulture);
        }
        if (!question.IsChoice) return [text];
        var parts = question.Type == QuestionType.MultipleChoice
            ? text.Split([OptionSeparator, '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : [text];
        return [.. parts.Select(part => question.Options.FirstOrDefault(o => string.Equals(o.Label.Get(language).Trim(), part, StringComparison.CurrentCultureIgnoreCase))?.Key
            ?? question.Options.FirstOrDefault(o => string.Equals(o.Key, part, StringComparison.OrdinalIgnoreCase))?.Key
            ?? part)];
    }
}
