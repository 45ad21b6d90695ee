using System.Text;

namespace CopAssessment.Web.Features.Results;

/// <summary>
/// RFC 4180 CSV in UTF-8 with a byte-order mark (without it Excel reads Arabic and Chinese as Latin-1). Text cells
/// that a spreadsheet would take for a formula (starting with = + - @, tab or carriage return) get a leading
/// apostrophe, as OWASP advises; numbers are written by the app itself in the invariant culture and never need it.
/// </summary>
public static class Csv
{
    /// <summary>A cell: text (guarded) or a number (written as it is).</summary>
    public readonly record struct Cell(string? Text, double? Number, bool IsNumber)
    {
        public static implicit operator Cell(string? text) => new(text, null, false);
        public static Cell Of(double? number) => new(null, number, true);
        public static Cell Of(int number) => new(null, number, true);
    }

    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<Cell>> rows)
    {
        var text = new StringBuilder();
        Line(text, [.. header.Select(h => (Cell)h)]);
        foreach (var row in rows) Line(text, row);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static void Line(StringBuilder text, IReadOnlyList<Cell> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) text.Append(',');
            var cell = cells[i];
            if (cell.IsNumber) text.Append(cell.Number?.ToString("R", CultureInfo.InvariantCulture));
            else Text(text, Guard(cell.Text ?? ""));
        }
        text.Append("\r\n");
    }

    /// <summary>The cell as a spreadsheet should read it: never as a formula.</summary>
    public static string Guard(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    private static void Text(StringBuilder text, string value)
    {
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            text.Append(value);
            return;
        }
        text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
