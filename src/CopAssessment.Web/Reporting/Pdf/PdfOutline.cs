using System.Text.RegularExpressions;

namespace CopAssessment.Web.Reporting.Pdf;

/// <summary>
/// Reads the bookmarks (outline) of a PDF as Chromium writes it — uncompressed dictionaries, one outline
/// item per heading with <c>/Title</c> and <c>/Dest [page 0 R …]</c> — as (title, 1-based page) in
/// document order. Anything it cannot read yields an empty list, and the caller falls back.
/// </summary>
public static partial class PdfOutline
{
    [GeneratedRegex(@"(\d+) 0 obj\s*(.*?)endobj", RegexOptions.Singleline)]
    private static partial Regex ObjectPattern();

    [GeneratedRegex(@"/Kids\s*\[([^\]]*)\]")]
    private static partial Regex KidsPattern();

    [GeneratedRegex(@"(\d+) 0 R")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"/Catalog\b.*?/Pages (\d+) 0 R", RegexOptions.Singleline)]
    private static partial Regex CatalogPattern();

    [GeneratedRegex(@"/Title\s*(\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>).*?/Dest\s*\[(\d+) 0 R", RegexOptions.Singleline)]
    private static partial Regex ItemPattern();

    public static IReadOnlyList<(string Title, int Page)> Read(byte[] pdf)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var objects = new Dictionary<int, string>();
        foreach (Match m in ObjectPattern().Matches(text)) objects[int.Parse(m.Groups[1].Value)] = m.Groups[2].Value;
        if (CatalogPattern().Match(text) is not { Success: true } catalog) return [];

        var pageIndex = new Dictionary<int, int>();
        void Walk(int id)
        {
            if (!objects.TryGetValue(id, out var body)) return;
            if (KidsPattern().Match(body) is { Success: true } kids && body.Contains("/Type /Pages"))
            {
                foreach (Match kid in ReferencePattern().Matches(kids.Groups[1].Value)) Walk(int.Parse(kid.Groups[1].Value));
            }
            else
            {
                pageIndex[id] = pageIndex.Count + 1;
            }
        }
        Walk(int.Parse(catalog.Groups[1].Value));

        var items = new List<(string, int)>();
        foreach (var body in objects.OrderBy(o => o.Key).Select(o => o.Value))
        {
            if (ItemPattern().Match(body) is not { Success: true } item) continue;
            if (!pageIndex.TryGetValue(int.Parse(item.Groups[2].Value), out var page)) return [];
            items.Add((DecodeString(item.Groups[1].Value), page));
        }
        return items;
    }

    /// <summary>A PDF string: literal <c>(…)</c> with escapes, or hex <c>&lt;FEFF…&gt;</c> in UTF-16BE.</summary>
    public static string DecodeString(string token)
    {
        if (token.StartsWith('<'))
        {
            var hex = new string(token.Where(Uri.IsHexDigit).ToArray());
            var bytes = Convert.FromHexString(hex.Length % 2 == 0 ? hex : hex + "0");
            return bytes is [0xFE, 0xFF, ..] ? Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2) : Encoding.Latin1.GetString(bytes);
        }
        var raw = new StringBuilder();
        for (var i = 1; i < token.Length - 1; i++)
        {
            var c = token[i];
            if (c != '\\' || i + 1 >= token.Length - 1) { raw.Append(c); continue; }
            var next = token[++i];
            if (next is >= '0' and <= '7')
            {
                var octal = next.ToString();
                while (octal.Length < 3 && i + 1 < token.Length - 1 && token[i + 1] is >= '0' and <= '7') octal += token[++i];
                raw.Append((char)Convert.ToInt32(octal, 8));
            }
            else raw.Append(next switch { 'n' => '\n', 'r' => '\r', 't' => '\t', 'b' => '\b', 'f' => '\f', _ => next });
        }
        var latin = raw.ToString();
        // Literal strings may also carry UTF-16BE with a byte-order mark.
        return latin.StartsWith("\u00FE\u00FF", StringComparison.Ordinal)
            ? Encoding.BigEndianUnicode.GetString(Encoding.Latin1.GetBytes(latin), 2, latin.Length - 2)
            : latin;
    }
}
