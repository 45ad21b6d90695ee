using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CopAssessment.Web.Features.BestPractices;

/// <summary>The current filtered list as one worksheet: years and ids as number cells, a frozen, filtered header.</summary>
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
            workbook.Workbook = new Workbook();
            var styles = workbook.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = Stylesheet();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();

            var header = new Row { RowIndex = 1 };
            header.Append(new Cell { CellReference = "A1", DataType = CellValues.String, CellValue = new CellValue(text("Id")), StyleIndex = 1 });
            for (var i = 0; i < columns.Count; i++)
                header.Append(new Cell { CellReference = Ref(i + 1, 1), DataType = CellValues.String, CellValue = new CellValue(text(columns[i].Header)), StyleIndex = 1 });
            header.Append(new Cell { CellReference = Ref(columns.Count + 1, 1), DataType = CellValues.String, CellValue = new CellValue(text("Start year")), StyleIndex = 1 });
            header.Append(new Cell { CellReference = Ref(columns.Count + 2, 1), DataType = CellValues.String, CellValue = new CellValue(text("End year")), StyleIndex = 1 });
            header.Append(new Cell { CellReference = Ref(columns.Count + 3, 1), DataType = CellValues.String, CellValue = new CellValue(text("Link")), StyleIndex = 1 });
            data.Append(header);

            uint r = 2;
            foreach (var item in items)
            {
                var excelRow = new Row { RowIndex = r };
                var (start, end, id) = numbers(item);
                excelRow.Append(Number(0, r, id));
                var values = row(item);
                for (var i = 0; i < values.Count; i++) excelRow.Append(Text(i + 1, r, values[i]));
                excelRow.Append(start is null ? Text(columns.Count + 1, r, "") : Number(columns.Count + 1, r, start.Value));
                excelRow.Append(end is null ? Text(columns.Count + 2, r, "") : Number(columns.Count + 2, r, end.Value));
                excelRow.Append(Text(columns.Count + 3, r, $"{baseUrl}/best-practices/{id}"));
                data.Append(excelRow);
                r++;
            }

            var widths = new Columns(new DocumentFormat.OpenXml.Spreadsheet.Column { Min = 1, Max = 1, Width = 8, CustomWidth = true });
            for (var i = 0; i < columns.Count; i++)
                widths.Append(new DocumentFormat.OpenXml.Spreadsheet.Column { Min = (uint)i + 2, Max = (uint)i + 2, Width = columns[i].Width, CustomWidth = true });
            widths.Append(new DocumentFormat.OpenXml.Spreadsheet.Column { Min = (uint)columns.Count + 2, Max = (uint)columns.Count + 3, Width = 11, CustomWidth = true });
            widths.Append(new DocumentFormat.OpenXml.Spreadsheet.Column { Min = (uint)columns.Count + 4, Max = (uint)columns.Count + 4, Width = 45, CustomWidth = true });

            var lastColumn = Ref(columns.Count + 3, Math.Max(1, r - 1));
            sheetPart.Worksheet = new Worksheet(
                new SheetViews(new SheetView(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen }) { WorkbookViewId = 0 }),
                widths, data, new AutoFilter { Reference = $"A1:{lastColumn}" });
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = Truncate(text("Best practices"), 31) }));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];

    private static Cell Text(int column, uint row, string value) =>
        new() { CellReference = Ref(column, row), DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Clean(value)) { Space = SpaceProcessingModeValues.Preserve }) };

    private static Cell Number(int column, uint row, int value) =>
        new() { CellReference = Ref(column, row), DataType = CellValues.Number, CellValue = new CellValue(value.ToString(CultureInfo.InvariantCulture)) };

    /// <summary>XML cannot carry most control characters; a submitter's text must not break the file.</summary>
    private static string Clean(string value) => new(value.Where(c => c is '\t' or '\n' or '\r' || !char.IsControl(c)).ToArray());

    private static string Ref(int column, uint row)
    {
        var name = "";
        for (var c = column + 1; c > 0; c = (c - 1) / 26) name = (char)('A' + (c - 1) % 26) + name;
        return name + row.ToString(CultureInfo.InvariantCulture);
    }

    private static Stylesheet Stylesheet() => new(
        new Fonts(new Font(), new Font(new Bold())),
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
        new Borders(new Border()),
        new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }));
}
