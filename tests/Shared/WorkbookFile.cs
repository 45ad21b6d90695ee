using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CopAssessment.Tests;

/// <summary>
/// Edits a downloaded assessment workbook the way a person (or an attacker) would: types a new answer next to a
/// question key, changes a cell of the hidden stamp sheet, a hidden row version, or adds rows.
/// </summary>
public static class WorkbookFile
{
    public const int NewAnswerColumn = 6, VersionColumn = 7;

    /// <summary>Types <paramref name="text"/> (or a number) into the "new answer" cell of <paramref name="key"/>'s row.</summary>
    public static byte[] Answer(byte[] workbook, params (string Key, object Value)[] answers) => Edit(workbook, document =>
    {
        foreach (var (key, value) in answers)
        {
            var row = FindRow(document, key) ?? throw new InvalidOperationException("no row for " + key);
            SetCell(row, NewAnswerColumn, value);
        }
    });

    /// <summary>Sets column <paramref name="column"/> (0-based) of <paramref name="key"/>'s row on the sheet named <paramref name="sheet"/> (any sheet when null).</summary>
    public static byte[] SetCell(byte[] workbook, string key, int column, object value, string? sheet = null) => Edit(workbook, document =>
        SetCell(FindRow(document, key, sheet) ?? throw new InvalidOperationException("no row for " + key), column, value));

    /// <summary>Appends <paramref name="count"/> rows of filler to the first sheet holding <paramref name="key"/>.</summary>
    public static byte[] AddRows(byte[] workbook, string key, int count) => Edit(workbook, document =>
    {
        var data = FindRow(document, key)!.Parent!;
        var last = data.Elements<Row>().Max(r => r.RowIndex!.Value);
        for (var i = 1; i <= count; i++)
        {
            var row = new Row { RowIndex = last + (uint)i };
            SetCell(row, 1, "filler");
            data.Append(row);
        }
    });

    /// <summary>The text of every cell of the sheet named <paramref name="sheet"/>, by reference ("A1").</summary>
    public static Dictionary<string, string> Cells(byte[] workbook, string sheet)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(workbook, false), false);
        var part = (WorksheetPart)document.WorkbookPart!.GetPartById(Sheets(document).Single(s => s.Name == sheet).Id!);
        return part.Worksheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!, c => TextOf(document, c));
    }

    public static List<Sheet> Sheets(SpreadsheetDocument document) => [.. document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>()];

    private static byte[] Edit(byte[] workbook, Action<SpreadsheetDocument> edit)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            edit(document);
            foreach (var part in document.WorkbookPart!.WorksheetParts) part.Worksheet.Save();
        }
        return stream.ToArray();
    }

    private static Row? FindRow(SpreadsheetDocument document, string key, string? sheet = null)
    {
        foreach (var entry in Sheets(document).Where(s => sheet is null || s.Name == sheet))
        {
            var part = (WorksheetPart)document.WorkbookPart!.GetPartById(entry.Id!);
            foreach (var row in part.Worksheet.Descendants<Row>())
            {
                var first = row.Elements<Cell>().FirstOrDefault(c => c.CellReference?.Value?.StartsWith('A') == true && !char.IsLetter(c.CellReference.Value[1]));
                if (first is not null && TextOf(document, first) == key) return row;
            }
        }
        return null;
    }

    private static void SetCell(Row row, int column, object value)
    {
        var reference = $"{(char)('A' + column)}{row.RowIndex!.Value}";
        var cell = row.Elements<Cell>().FirstOrDefault(c => c.CellReference?.Value == reference);
        if (cell is null)
        {
            cell = new Cell { CellReference = reference };
            var after = row.Elements<Cell>().LastOrDefault(c => string.CompareOrdinal(ColumnOf(c.CellReference!.Value!), ColumnOf(reference)) < 0
                && ColumnOf(c.CellReference!.Value!).Length <= ColumnOf(reference).Length);
            if (after is null) row.PrependChild(cell); else row.InsertAfter(cell, after);
        }
        cell.RemoveAllChildren();
        if (value is string text)
        {
            cell.DataType = CellValues.InlineString;
            cell.InlineString = new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve });
        }
        else
        {
            cell.DataType = null;
            cell.CellValue = new CellValue(Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture).ToString("R", System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static string ColumnOf(string reference) => new([.. reference.TakeWhile(char.IsLetter)]);

    private static string TextOf(SpreadsheetDocument document, Cell cell)
    {
        if (cell.DataType?.Value == CellValues.SharedString)
            return document.WorkbookPart!.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().ElementAt(int.Parse(cell.CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)).InnerText;
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString?.InnerText ?? "";
        return cell.CellValue?.Text ?? "";
    }
}
