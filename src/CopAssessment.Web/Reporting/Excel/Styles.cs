using CopAssessment.Domain.Questionnaires;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CopAssessment.Web.Reporting.Excel;

/// <summary>The workbook's stylesheet; cell formats in the order of <see cref="XStyle"/>, one differential format per stage.</summary>
public static class Styles
{
    public static Stylesheet Create(IReadOnlyList<Stage> stages)
    {
        var numberFormats = new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164U, FormatCode = "0.0" },
            new NumberingFormat { NumberFormatId = 165U, FormatCode = "0.0%" },
            new NumberingFormat { NumberFormatId = 166U, FormatCode = "yyyy-mm-dd" },
            new NumberingFormat { NumberFormatId = 167U, FormatCode = "yyyy-mm-dd hh:mm \"UTC\"" })
        { Count = 4U };

        var fonts = new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 14 }, new Color { Rgb = "FF1F3864" }, new FontName { Val = "Calibri" }))
        { Count = 3U };

        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFD9E2F3" }, new BackgroundColor { Indexed = 64U }) { PatternType = PatternValues.Solid }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFFFF2CC" }, new BackgroundColor { Indexed = 64U }) { PatternType = PatternValues.Solid }))
        { Count = 4U };

        var borders = new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(),
                new BottomBorder(new Color { Rgb = "FF8EA9DB" }) { Style = BorderStyleValues.Thin }, new DiagonalBorder()))
        { Count = 2U };

        var cellFormats = new CellFormats(
            Format(0, 0, 0, 0),                                   // Default
            Format(0, 1, 2, 1, wrap: true),                       // Header
            Format(164, 0, 0, 0),                                 // Score
            Format(165, 0, 0, 0),                                 // Percent
            Format(1, 0, 0, 0),                                   // Integer
            Format(166, 0, 0, 0),                                 // Date
            Format(0, 2, 0, 0),                                   // Title
            Format(0, 0, 0, 0, wrap: true),                       // Wrap
            Format(167, 0, 0, 0),                                 // DateTime
            Format(0, 1, 0, 0),                                   // Label
            Format(0, 0, 3, 0, wrap: true),                       // Input
            Format(166, 0, 3, 0))                                 // InputDate
        { Count = 12U };

        var differential = new DifferentialFormats { Count = (uint)stages.Count };
        for (var i = 0; i < stages.Count; i++)
        {
            var rgb = "FF" + StagePalette.Fill(i, stages.Count);
            differential.Append(new DifferentialFormat(new Fill(new PatternFill(
                new ForegroundColor { Rgb = rgb }, new BackgroundColor { Rgb = rgb }) { PatternType = PatternValues.Solid })));
        }

        return new Stylesheet(
            numberFormats, fonts, fills, borders,
            new CellStyleFormats(new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U }) { Count = 1U },
            cellFormats,
            new CellStyles(new DocumentFormat.OpenXml.Spreadsheet.CellStyle { Name = "Normal", FormatId = 0U, BuiltinId = 0U }) { Count = 1U },
            differential);
    }

    private static CellFormat Format(uint numberFormat, uint font, uint fill, uint border, bool wrap = false)
    {
        var format = new CellFormat
        {
            NumberFormatId = numberFormat, FontId = font, FillId = fill, BorderId = border, FormatId = 0U,
            ApplyNumberFormat = numberFormat != 0, ApplyFont = font != 0, ApplyFill = fill != 0, ApplyBorder = border != 0,
        };
        if (wrap)
        {
            format.ApplyAlignment = true;
            format.Append(new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top });
        }
        return format;
    }

    /// <summary>
    /// Colours each numeric cell of <paramref name="range"/> by the stage its score reaches: one rule per
    /// stage, highest first, each stopping the others. Blank and text cells stay uncoloured.
    /// </summary>
    public static ConditionalFormatting StageColours(string range, string topLeft, IReadOnlyList<Stage> stages)
    {
        var formatting = new ConditionalFormatting { SequenceOfReferences = new ListValue<StringValue> { InnerText = range } };
        var priority = 1;
        for (var i = stages.Count - 1; i >= 0; i--)
        {
            var min = stages[i].MinScore.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            formatting.Append(new ConditionalFormattingRule(new Formula($"AND(ISNUMBER({topLeft}),{topLeft}>={min})"))
            {
                Type = ConditionalFormatValues.Expression,
                FormatId = (uint)i,
                Priority = priority++,
                StopIfTrue = true,
            });
        }
        return formatting;
    }
}
