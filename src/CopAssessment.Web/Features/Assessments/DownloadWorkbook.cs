using CopAssessment.Domain.Questionnaires;
using CopAssessment.Web.Reporting.Excel;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using static CopAssessment.Web.Features.Assessments.WorkbookLayout;
using QDomain = CopAssessment.Domain.Questionnaires.Domain;
using Question = CopAssessment.Domain.Questionnaires.Question;

namespace CopAssessment.Web.Features.Assessments;

/// <summary>
/// The offline workbook: the assessment as an .xlsx in the reader's language, for anyone who sees the submission.
/// An instructions sheet, one sheet per section (<see cref="WorkbookSections"/>) with one row per question (key,
/// capability, text, help, "answer only if", current answer, a shaded cell for the new answer validated as the
/// page validates it, and the answer's row version in a hidden column), and two hidden sheets: the option labels
/// of the drop-down lists, and the signed stamp (<see cref="WorkbookSignature"/>) that the upload checks.
/// Written with the streaming <see cref="SheetWriter"/>.
/// </summary>
public sealed class DownloadWorkbook(CopDbContext db, AssessmentAccess access, WorkbookSignature signature, IStringLocalizer<Ui> L)
{
    public async Task<IActionResult> HandleAsync(int submissionId, ClaimsPrincipal user)
    {
        if (await access.FindAsync(submissionId) is not { } context) return new NotFoundResult();
        var bytes = Write(context, await db.LoadAnswersAsync(submissionId), WorkbookSections.For(access.Sections), CultureInfo.CurrentUICulture, DateTimeOffset.UtcNow);
        return new FileContentResult(bytes, ContentType) { FileDownloadName = FileName(context) };
    }

    /// <summary>ASCII only, so every browser and mail client keeps it: country, cycle, submission.</summary>
    public static string FileName(SubmissionContext context) =>
        $"assessment-{context.Submission.CountryIso3}-cycle{context.Cycle.Id}-{context.Id}.xlsx";

    public byte[] Write(SubmissionContext context, IReadOnlyDictionary<string, StoredAnswer> answers, WorkbookSections sections, CultureInfo culture, DateTimeOffset now)
    {
        using var inCulture = CultureScope.Ui(culture);
        var language = culture.Name;
        var definition = context.Definition;
        var domains = definition.Domains.Where(sections.Includes).ToList();
        IEnumerable<Capability> CapabilitiesOf(QDomain domain) => domain.Capabilities.Where(c => sections.Includes(domain, c));
        var rightToLeft = culture.TextInfo.IsRightToLeft;

        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            document.PackageProperties.Title = $"{context.CountryName} · {Bidi.Isolate(context.CycleTitle)}";
            document.PackageProperties.Language = language;
            var workbookPart = document.AddWorkbookPart();
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Styles.Create(definition.Stages);
            styles.Stylesheet.Save();

            var sheets = new List<(string Name, string Id, bool Hidden)>();
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { StampSheet, ListsSheet };
            WorksheetPart NewSheet(string name, bool hidden = false)
            {
                var part = workbookPart.AddNewPart<WorksheetPart>();
                sheets.Add((hidden ? name : ExcelReportWriter.UniqueName(name, names), workbookPart.GetIdOfPart(part), hidden));
                return part;
            }

            Instructions(NewSheet(L["Instructions"]), context, sections, language, now, rightToLeft);

            // The option labels, one block of rows per choice question, that the drop-down lists point to.
            var listsPart = NewSheet(ListsSheet, hidden: true);
            var listRanges = new Dictionary<string, string>(StringComparer.Ordinal);
            using (var lists = new SheetWriter(listsPart, [40]))
            {
                foreach (var question in domains.SelectMany(CapabilitiesOf).SelectMany(c => c.Questions).Where(q => q.IsChoice))
                {
                    var first = lists.CurrentRow + 1;
                    foreach (var option in question.Options) lists.Row(option.Label.Get(language));
                    listRanges[question.Key] = $"'{ListsSheet}'!$A${first}:$A${lists.CurrentRow}";
                }
            }

            var versions = new Dictionary<string, uint>(StringComparer.Ordinal);
            foreach (var domain in domains)
            {
                var part = NewSheet(domain.Name.Get(language));
                using var sheet = new SheetWriter(part, [10, 24, 60, 40, 30, 28, 32, 10], frozenRows: HeaderRows, frozenColumns: 1,
                    rightToLeft: rightToLeft, hiddenColumns: new HashSet<int> { VersionColumn });
                sheet.Row(XCell.Str(domain.Name.Get(language), XStyle.Title));
                sheet.Row(XCell.Header(L["Key"]), XCell.Header(L["Capability"]), XCell.Header(L["Question"]), XCell.Header(L["Help"]),
                    XCell.Header(L["Answer only if"]), XCell.Header(L["Current answer"]), XCell.Header(L["New answer"]), XCell.Header(L["Row version"]));
                var validations = new List<DataValidation>();
                foreach (var capability in CapabilitiesOf(domain))
                {
                    foreach (var question in capability.Questions)
                    {
                        var stored = answers.GetValueOrDefault(question.Key);
                        var version = stored?.Version ?? 0;
                        versions[question.Key] = version;
                        var current = stored is null ? "" : AnswerJson.Display(question, stored.Value, language);
                        sheet.Row(question.Key, XCell.Str(capability.Name.Get(language), XStyle.Wrap), XCell.Str(question.Text.Get(language), XStyle.Wrap),
                            XCell.Str(question.Help?.Get(language), XStyle.Wrap), XCell.Str(RelevanceText.Describe(definition, question, language, L), XStyle.Wrap),
                            XCell.Str(current, XStyle.Wrap), XCell.Str(null, question.Type == QuestionType.Date ? XStyle.InputDate : XStyle.Input),
                            version.ToString(CultureInfo.InvariantCulture));
                        if (Validation(question, SheetWriter.Reference(NewAnswerColumn, sheet.CurrentRow), listRanges, language) is { } validation)
                            validations.Add(validation);
                    }
                }
                sheet.End(validations: validations);
            }

            var stamp = new WorkbookStamp(context.Id, context.Submission.CountryIso3, context.Cycle.Id, context.Cycle.QuestionnaireVersionId,
                language, sections.ToString(), versions);
            using (var meta = new SheetWriter(NewSheet(StampSheet, hidden: true), [16, 40]))
            {
                meta.Row(SubmissionField, context.Id.ToString(CultureInfo.InvariantCulture));
                meta.Row(CountryField, stamp.CountryIso3);
                meta.Row(CycleField, stamp.CycleId.ToString(CultureInfo.InvariantCulture));
                meta.Row(QuestionnaireField, stamp.QuestionnaireVersionId.ToString(CultureInfo.InvariantCulture));
                meta.Row(LanguageField, language);
                meta.Row(SectionsField, stamp.Sections);
                meta.Row(SignatureField, signature.Sign(stamp));
                foreach (var (key, version) in versions) meta.Row(key, version.ToString(CultureInfo.InvariantCulture));
            }

            var sheetElements = new Sheets();
            for (var i = 0; i < sheets.Count; i++)
            {
                var (name, id, hidden) = sheets[i];
                var sheet = new Sheet { Name = name, SheetId = (uint)(i + 1), Id = id };
                if (hidden) sheet.State = SheetStateValues.Hidden;
                sheetElements.Append(sheet);
            }
            workbookPart.Workbook = new Workbook(new BookViews(new WorkbookView { ActiveTab = 0U }), sheetElements);
            workbookPart.Workbook.Save();
        }
        return stream.ToArray();
    }

    private void Instructions(WorksheetPart part, SubmissionContext context, WorkbookSections sections, string language, DateTimeOffset now, bool rightToLeft)
    {
        using var sheet = new SheetWriter(part, [110], rightToLeft: rightToLeft);
        sheet.Row(XCell.Str($"{context.CountryName} · {Bidi.Isolate(context.CycleTitle)}", XStyle.Title));
        sheet.Row(XCell.Str($"{context.Definition.Title.Get(language)} ({context.Definition.Version})", XStyle.Label));
        sheet.Row(L["Downloaded on {0} (UTC).", now.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)]);
        if (sections.Keys is not null) sheet.Row(XCell.Str(L["This workbook holds only the sections assigned to you."], XStyle.Wrap));
        sheet.Blank();
        string[] steps =
        [
            L["Each section has its own sheet, with one row per question. Type your answers in the shaded “New answer” column; leave a cell empty to keep the current answer."],
            L["For a question with options, choose one from the cell's list. Where several options may be chosen, separate them with “;”."],
            L["Write numbers with a point as the decimal separator, dates as YYYY-MM-DD, and web addresses starting with http:// or https://."],
            L["A question marked “Answer only if …” applies only when that condition holds; otherwise what you type there is ignored."],
            L["Do not change the hidden columns and sheets or the keys: the workbook is signed, and an altered workbook is refused."],
            L["Upload the workbook on the assessment's page. You will see every change before anything is saved, and decide for each answer that was changed online since this download."],
            L["To remove an answer, do it online."],
        ];
        for (var i = 0; i < steps.Length; i++) sheet.Row(XCell.Str($"{i + 1}. {steps[i]}", XStyle.Wrap));
    }

    /// <summary>The cell's check, as close to the page's as a spreadsheet can go; the upload checks again exactly.</summary>
    private DataValidation? Validation(Question question, string cell, Dictionary<string, string> listRanges, string language)
    {
        var validation = new DataValidation
        {
            AllowBlank = true, ShowErrorMessage = true, ShowInputMessage = true, ErrorStyle = DataValidationErrorStyleValues.Stop,
            SequenceOfReferences = new ListValue<StringValue> { InnerText = cell },
        };
        switch (question.Type)
        {
            case QuestionType.MultipleChoice:
                // A list offers one label at a time; several are typed with ";", so the list only helps.
                validation.Type = DataValidationValues.List;
                validation.ShowErrorMessage = false;
                validation.Prompt = Short(L["Several options may be chosen: separate them with “;”."]);
                validation.Append(new Formula1(listRanges[question.Key]));
                break;
            case QuestionType.YesPartialNo or QuestionType.Maturity or QuestionType.SingleChoice:
                validation.Type = DataValidationValues.List;
                validation.Error = Short(L["Choose one of the options in the list."]);
                validation.Append(new Formula1(listRanges[question.Key]));
                break;
            case QuestionType.Number:
                validation.Type = question.Integer ? DataValidationValues.Whole : DataValidationValues.Decimal;
                validation.Operator = DataValidationOperatorValues.Between;
                var min = question.Constraint?.Min ?? -1_000_000_000_000m;
                var max = question.Constraint?.Max ?? 1_000_000_000_000m;
                validation.Error = Short(ConstraintChecker.Parse(question, [(min - 1).ToString(CultureInfo.InvariantCulture)], language).Error
                    ?? ConstraintChecker.Parse(question, ["?"], language).Error ?? "");
                validation.Append(new Formula1(min.ToString(CultureInfo.InvariantCulture)), new Formula2(max.ToString(CultureInfo.InvariantCulture)));
                break;
            case QuestionType.Date:
                validation.Type = DataValidationValues.Date;
                validation.Operator = DataValidationOperatorValues.Between;
                validation.Error = Short(ConstraintChecker.Parse(question, ["?"], language).Error ?? "");
                validation.Prompt = "YYYY-MM-DD";
                // 1900-01-01 to 9999-12-31 as spreadsheet serial dates.
                validation.Append(new Formula1("1"), new Formula2("2958465"));
                break;
            case QuestionType.Url:
                validation.Type = DataValidationValues.Custom;
                validation.Error = Short(ConstraintChecker.Parse(question, ["?"], language).Error ?? "");
                validation.Append(new Formula1($"OR(LEFT({cell},7)=\"http://\",LEFT({cell},8)=\"https://\")"));
                break;
            default:
                if (AnswerLimits.MaxLength(question) is not { } limit) return null;
                validation.Type = DataValidationValues.TextLength;
                validation.Operator = DataValidationOperatorValues.LessThanOrEqual;
                validation.Error = Short(ConstraintChecker.Parse(question, [new string('x', limit + 1)], language).Error ?? "");
                validation.Append(new Formula1(limit.ToString(CultureInfo.InvariantCulture)));
                break;
        }
        return validation;
    }

    /// <summary>Excel refuses a validation message over 255 characters.</summary>
    private static string Short(string text) => text.Length > 255 ? text[..254] + "…" : text;
}
