namespace CopAssessment.Web.Reporting.Pdf;

/// <summary>
/// The report document's style sheet: inlined in the HTML Chromium prints (which has no server to fetch from), and
/// served at <c>/reports/report.css</c> for the same document read on the web, where the Content-Security-Policy
/// allows no inline style. The stage colours depend on the definition's number of stages, the workbook's palette.
/// </summary>
public static class ReportStyles
{
    /// <summary>The whole sheet for a definition with <paramref name="stageCount"/> stages.</summary>
    public static string For(int stageCount) => Css + Stages(stageCount) + Screen;

    /// <summary>One class per stage of the definition, in the colours the workbook uses.</summary>
    private static string Stages(int count) => string.Concat(Enumerable.Range(0, count)
        .Select(i => $".st{i} {{ background: #{StagePalette.Fill(i, count)} !important; }}\n"));

    private const string Css = """
        @page { size: A4; }
        * { box-sizing: border-box; }
        html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        body { margin: 0; font-family: "Noto Sans", "Noto Sans Arabic", "Noto Sans CJK SC", "Noto Sans CJK JP", sans-serif; font-size: 9.5pt; color: #1d2733; line-height: 1.4; }
        html[lang=ar] body { font-family: "Noto Sans Arabic", "Noto Naskh Arabic", "Noto Sans", sans-serif; font-size: 10pt; }
        html[lang|=zh] body { font-family: "Noto Sans CJK SC", "Noto Sans", sans-serif; line-break: strict; }
        h1, h2, h3 { color: #15365c; font-weight: 700; margin: 0 0 6pt; }
        h2 { font-size: 16pt; border-bottom: 2pt solid #1f4e79; padding-bottom: 4pt; margin-bottom: 10pt; }
        h3 { font-size: 11.5pt; margin-top: 12pt; }
        p { margin: 0 0 6pt; }
        .section { break-before: page; }
        /* A heading stays with what follows it, and a heading with its short table moves to the next page whole
           rather than leaving the heading, or two rows, at the foot of a page. */
        h2, h3 { break-after: avoid; page-break-after: avoid; }
        .keep { break-inside: avoid; page-break-inside: avoid; }
        p, li { orphans: 3; widows: 3; }
        .section.first { break-before: auto; }
        .map-block { margin-top: 10pt; }
        .world-map { width: 100%; height: auto; display: block; }
        table { width: 100%; border-collapse: collapse; margin: 4pt 0 10pt; }
        thead { display: table-header-group; }
        tr { break-inside: avoid; page-break-inside: avoid; }
        th { background: #1f4e79; color: #fff; font-weight: 600; text-align: start; padding: 4pt 5pt; font-size: 8.5pt; vertical-align: bottom; }
        td { padding: 3.5pt 5pt; border-bottom: 0.5pt solid #d5dce6; vertical-align: top; }
        tbody tr:nth-child(even) td { background: #f6f8fb; }
        td.num, th.num { text-align: end; font-variant-numeric: tabular-nums; white-space: nowrap; }
        td.bar { width: 300px; vertical-align: middle; }
        .muted { color: #5b6b7f; }
        .small { font-size: 8pt; }
        .note { background: #eef3f9; border-inline-start: 3pt solid #1f4e79; padding: 6pt 8pt; margin: 6pt 0 10pt; }
        .legend { display: flex; flex-wrap: wrap; gap: 4pt 14pt; align-items: center; font-size: 8pt; color: #3c4a5c; margin: 2pt 0 8pt; }
        .legend span { display: inline-flex; align-items: center; gap: 4pt; }
        .chip { display: inline-block; width: 10pt; height: 8pt; border-radius: 1.5pt; }
        .st-none { background: #fff !important; color: #9aa5b3; }
        .pill { display: inline-block; padding: 0.5pt 6pt; border-radius: 7pt; font-size: 8pt; font-weight: 600; color: #1d2733; }
        /* cover */
        .cover { height: 255mm; display: flex; flex-direction: column; }
        .cover .band { background: #15365c; color: #fff; padding: 16mm 12mm 14mm; border-radius: 2mm; }
        .cover .org { font-size: 9pt; letter-spacing: 0.08em; text-transform: uppercase; opacity: 0.85; margin-bottom: 14mm; }
        .cover h1 { color: #fff; font-size: 25pt; line-height: 1.2; margin-bottom: 6mm; }
        .cover .subtitle { font-size: 12pt; opacity: 0.92; }
        .cover dl { margin: 12mm 2mm 0; display: grid; grid-template-columns: 45mm 1fr; gap: 3mm 6mm; font-size: 10pt; }
        .cover dt { color: #5b6b7f; }
        .cover dd { margin: 0; font-weight: 600; }
        .cover .foot { margin-top: auto; font-size: 8pt; color: #5b6b7f; border-top: 0.5pt solid #c9d3df; padding-top: 3mm; }
        .kpis { display: flex; gap: 6mm; margin: 4mm 0 6mm; }
        .kpi { flex: 1; border: 0.5pt solid #c9d3df; border-radius: 2mm; padding: 4mm; }
        .kpi .value { font-size: 22pt; font-weight: 700; color: #15365c; line-height: 1.1; }
        .kpi .value.word { font-size: 14pt; padding-top: 4pt; }
        .kpi .label { font-size: 8pt; color: #5b6b7f; text-transform: uppercase; letter-spacing: 0.04em; }
        /* contents */
        .toc { list-style: none; padding: 0; margin: 6mm 0 0; font-size: 11pt; }
        .toc li { display: flex; align-items: baseline; padding: 2.2mm 0; border-bottom: 0.5pt dotted #9aa5b3; }
        .toc .t { flex: 1; }
        .toc .p { font-variant-numeric: tabular-nums; min-width: 10mm; text-align: end; font-weight: 600; }
        /* heat map */
        table.heat { table-layout: fixed; font-size: 6.2pt; }
        table.heat th { font-size: 6.5pt; padding: 2pt 1pt; text-align: center; }
        /* Long names wrap: an ellipsis would cut a left-to-right name at its start in a right-to-left page. */
        table.heat th.name, table.heat td.name { width: 30mm; text-align: start; white-space: normal; overflow-wrap: anywhere; }
        table.heat td { padding: 1.6pt 1pt; text-align: center; border: 0.5pt solid #fff; font-variant-numeric: tabular-nums; }
        .codes { columns: 2; column-gap: 8mm; font-size: 7.5pt; }
        .codes div { break-inside: avoid; }
        .answers td.q { width: 52%; }
        .answers td.key { width: 13mm; white-space: nowrap; color: #5b6b7f; font-size: 7.5pt; }
        .evidence { font-size: 7.5pt; color: #1f4e79; word-break: break-all; }
        .evidence a { color: inherit; text-decoration: none; }
        table.trend tr.sub td:first-child { padding-inline-start: 12pt; color: #3c4a5c; }
        table.trend tr.main td { font-weight: 600; }
        table.trend td.spark { width: 115px; vertical-align: middle; padding: 1pt 4pt; }

        """;

    /// <summary>
    /// On a screen (the web page) the document reads as one column of A4 width with its sections one after another,
    /// and on a phone each table scrolls inside its own box; a print (the PDF) keeps its page rules.
    /// </summary>
    private const string Screen = """
        @media screen {
          body { max-width: 210mm; margin: 0 auto; padding: 0 6mm 12mm; font-size: 10.5pt; }
          .cover { height: auto; }
          .cover .foot { margin-top: 8mm; }
          .section { margin-top: 12mm; padding-top: 2mm; }
          .web-bar { padding: 3mm 0; border-bottom: 0.5pt solid #c9d3df; margin-bottom: 6mm; }
          .web-bar a, .toc a { color: #15365c; }
          .toc a { flex: 1; }
          table.heat { font-size: 8pt; }
        }
        @media screen and (max-width: 700px) {
          body { padding: 0 3mm 8mm; }
          table { display: block; overflow-x: auto; }
          table.heat { table-layout: auto; }
          .kpis { flex-wrap: wrap; }
          .cover dl { grid-template-columns: 1fr; }
        }

        """;
}
