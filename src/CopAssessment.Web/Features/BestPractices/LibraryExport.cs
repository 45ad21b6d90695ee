using CopAssessment.Web.Reporting.Excel;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CopAssessment.Web.Features.BestPractices;

/// <summary>
/// The current filtered list as one worksheet: years and ids as number cells, a frozen, filtered header. Written
/// with the reports' streaming <see cref="SheetWriter"/> and stylesheet, so cells are cleaned, typed and styled one way.
/// </summary>
public static class LibraryExport
{
    public sealed record Column(string Header, double Width);

    public static byte[] Write(IReadOnlyList<LibraryItem> items, Func<string, string> text, Func<LibraryItem, IReadOnlyList<string>> row,
        IReadOnlyList<Column> columns, Func<LibraryItem, (int? Start, int? End, int Id)> numbers, string baseUrl)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Styles.Create([]);
            styles.Stylesheet.Save();

            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            using (var sheet = new SheetWriter(sheetPart, [8, .. columns.Select(c => c.Width), 11, 11, 45], frozenRows: 1))
            {
                sheet.Row([XCell.Header(text("Id")), .. columns.Select(c => XCell.Header(text(c.Header))),
                    XCell.Header(text("Start year")), XCell.Header(text("End year")), XCell.Header(text("Link"))]);
                foreach (var item in items)
                {
                    var (start, end, id) = numbers(item);
                    sheet.Row([XCell.Num(id), .. row(item).Select(v => XCell.Str(v)), XCell.Num(start), XCell.Num(end), $"{baseUrl}/best-practices/{id}"]);
                }
                sheet.End($"A1:{SheetWriter.Reference(columns.Count + 3, Math.Max(1, sheet.CurrentRow))}");
            }

            var name = text("Best practices");
            if (name.Length > SheetWriter.SheetNameLength) name = name[..SheetWriter.SheetNameLength];
            workbook.Workbook = new Workbook(
                new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = name }),
                // What Excel itself writes for an auto-filter; some readers need it to show the buttons.
                new DefinedNames(new DefinedName($"'{name.Replace("'", "''")}'!$A$1:${SheetWriter.Column(columns.Count + 3)}${Math.Max(1, items.Count + 1)}")
                {
                    Name = "_xlnm._FilterDatabase", LocalSheetId = 0U, Hidden = true,
                }));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }
}
