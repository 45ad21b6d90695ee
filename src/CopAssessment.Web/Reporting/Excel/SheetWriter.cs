using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CopAssessment.Web.Reporting.Excel;

/// <summary>Cell styles of <see cref="Styles.Create"/>, by index.</summary>
public enum XStyle : uint
{
    Default = 0,
    Header = 1,
    Score = 2,
    Percent = 3,
    Integer = 4,
    Date = 5,
    Title = 6,
    Wrap = 7,
    DateTime = 8,
    Label = 9,
    /// <summary>A cell the reader fills in (the workbook's "new answer" column): shaded, wrapped.</summary>
    Input = 10,
    /// <summary>An input cell for a date, shown yyyy-mm-dd.</summary>
    InputDate = 11,
}

/// <summary>One cell to write: text, number or nothing, with a style.</summary>
public readonly record struct XCell(string? Text, double? Number, XStyle Style)
{
    public static readonly XCell Empty = new(null, null, XStyle.Default);

    public static XCell Str(string? text, XStyle style = XStyle.Default) => new(text ?? "", null, style);
    public static XCell Num(double? value, XStyle style = XStyle.Default) => new(null, value, style);
    /// <summary>
    /// The score's decimal value (15 significant digits, what spreadsheets compute with), so that the "0.0"
    /// format rounds the half the page shows: 62.249999999999993 is written as 62.25 and shown as 62.3.
    /// </summary>
    public static XCell Score(double? value) => new(null, (double?)CopAssessment.Domain.Scoring.ScoreDisplay.Exact(value), XStyle.Score);
    public static XCell Percent(double? value) => new(null, value, XStyle.Percent);
    public static XCell Int(int? value) => new(null, value, XStyle.Integer);
    public static XCell Date(DateOnly? value) => new(null, value?.ToDateTime(TimeOnly.MinValue).ToOADate(), XStyle.Date);
    public static XCell DateTime(DateTimeOffset? value) => new(null, value?.UtcDateTime.ToOADate(), XStyle.DateTime);
    public static XCell Header(string text) => new(text, null, XStyle.Header);

    public static implicit operator XCell(string text) => Str(text);

    public static implicit operator XCell(Microsoft.Extensions.Localization.LocalizedString text) => Str(text.Value);
}

/// <summary>
/// Streams one worksheet with <see cref="OpenXmlWriter"/>: only the current row is in memory, whatever the
/// report's size. Elements are written in the order the schema requires (views, columns, data, filter,
/// conditional formats).
/// </summary>
public sealed class SheetWriter : IDisposable
{
    private readonly OpenXmlWriter _writer;
    private int _row;
    private bool _ended;

    /// <param name="hiddenColumns">0-based columns written hidden (values a program reads back, not people).</param>
    public SheetWriter(WorksheetPart part, IReadOnlyList<double> widths, int frozenRows = 0, int frozenColumns = 0, bool rightToLeft = false,
        IReadOnlySet<int>? hiddenColumns = null)
    {
        _writer = OpenXmlWriter.Create(part, Encoding.UTF8);
        _writer.WriteStartDocument(true);
        _writer.WriteStartElement(new Worksheet());

        var view = new SheetView { WorkbookViewId = 0U };
        if (rightToLeft) view.RightToLeft = true;
        if (frozenRows > 0 || frozenColumns > 0)
        {
            var topLeft = Reference(frozenColumns, frozenRows + 1);
            var pane = new Pane { TopLeftCell = topLeft, State = PaneStateValues.Frozen };
            if (frozenRows > 0) pane.VerticalSplit = frozenRows;
            if (frozenColumns > 0) pane.HorizontalSplit = frozenColumns;
            pane.ActivePane = frozenRows > 0 && frozenColumns > 0 ? PaneValues.BottomRight
                : frozenRows > 0 ? PaneValues.BottomLeft : PaneValues.TopRight;
            view.Append(pane);
            view.Append(new Selection { Pane = pane.ActivePane, ActiveCell = topLeft, SequenceOfReferences = new ListValue<StringValue> { InnerText = topLeft } });
        }
        _writer.WriteElement(new SheetViews(view));

        if (widths.Count > 0)
        {
            var columns = new Columns();
            for (var i = 0; i < widths.Count; i++)
            {
                var column = new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = widths[i], CustomWidth = true };
                if (hiddenColumns?.Contains(i) == true) column.Hidden = true;
                columns.Append(column);
            }
            _writer.WriteElement(columns);
        }

        _writer.WriteStartElement(new SheetData());
    }

    /// <summary>The longest sheet name Excel accepts.</summary>
    public const int SheetNameLength = 31;

    /// <summary>1-based index of the last row written.</summary>
    public int CurrentRow => _row;

    public void Row(params XCell[] cells) => Row((IReadOnlyList<XCell>)cells);

    public void Row(IReadOnlyList<XCell> cells)
    {
        _row++;
        _writer.WriteStartElement(new Row { RowIndex = (uint)_row });
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            if (cell.Text is null && cell.Number is null && cell.Style == XStyle.Default) continue;
            var element = new Cell { CellReference = Reference(i, _row) };
            if (cell.Style != XStyle.Default) element.StyleIndex = (uint)cell.Style;
            if (cell.Number is { } number && double.IsFinite(number))
            {
                element.CellValue = new CellValue(number.ToString("R", CultureInfo.InvariantCulture));
            }
            else if (cell.Text is { Length: > 0 } text)
            {
                element.DataType = CellValues.InlineString;
                element.InlineString = new InlineString(new Text(Clean(text)) { Space = SpaceProcessingModeValues.Preserve });
            }
            _writer.WriteElement(element);
        }
        _writer.WriteEndElement();
    }

    public void Blank() => Row([]);

    /// <summary>Closes the sheet data and writes the auto-filter, conditional formats and data validations.</summary>
    public void End(string? autoFilter = null, IEnumerable<ConditionalFormatting>? conditionalFormats = null, IReadOnlyList<DataValidation>? validations = null)
    {
        _writer.WriteEndElement(); // sheetData
        if (autoFilter is not null) _writer.WriteElement(new AutoFilter { Reference = autoFilter });
        foreach (var format in conditionalFormats ?? []) _writer.WriteElement(format);
        if (validations is { Count: > 0 }) _writer.WriteElement(new DataValidations(validations) { Count = (uint)validations.Count });
        _writer.WriteElement(new PageMargins { Left = 0.5, Right = 0.5, Top = 0.75, Bottom = 0.75, Header = 0.3, Footer = 0.3 });
        _writer.WriteEndElement(); // worksheet
        _writer.Close();
        _ended = true;
    }

    public void Dispose()
    {
        if (!_ended) End();
        _writer.Dispose();
    }

    public static string Column(int index)
    {
        var name = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26) name = (char)('A' + (i - 1) % 26) + name;
        return name;
    }

    /// <param name="column">0-based.</param>
    /// <param name="row">1-based.</param>
    public static string Reference(int column, int row) => Column(column) + row.ToString(CultureInfo.InvariantCulture);

    /// <summary>XML 1.0 forbids most control characters; Excel refuses a file that holds them.</summary>
    private static string Clean(string text)
    {
        foreach (var c in text)
        {
            if (c < 0x20 && c is not ('\t' or '\n' or '\r')) return new string(text.Where(x => x >= 0x20 || x is '\t' or '\n' or '\r').ToArray());
        }
        return text.Length > 32767 ? text[..32767] : text;
    }
}
