using System.IO.Compression;

namespace CopAssessment.Web.Infrastructure.Uploads;

/// <summary>Upload rules shared by evidence and best-practice attachments (configuration section "Uploads").</summary>
public sealed class UploadOptions
{
    /// <summary>Largest file accepted (bytes); 20 MB by default.</summary>
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;
}

public sealed record DetectedFile(string ContentType, string Extension);

/// <summary>
/// Files are accepted by what they are, not what they are called: the first bytes (and, for Office files,
/// the parts inside the zip) decide the type. Allowed: PDF, Office Open XML, OpenDocument, legacy Office,
/// PNG, JPEG, GIF, WebP. Anything else is refused before it is stored.
/// </summary>
public static class FileTypes
{
    public static DetectedFile? Detect(byte[] content, string? fileName = null)
    {
        ReadOnlySpan<byte> b = content;
        if (b.StartsWith("%PDF-"u8)) return new("application/pdf", ".pdf");
        if (b.StartsWith((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return new("image/png", ".png");
        if (b.StartsWith((byte[])[0xFF, 0xD8, 0xFF])) return new("image/jpeg", ".jpg");
        if (b.StartsWith("GIF87a"u8) || b.StartsWith("GIF89a"u8)) return new("image/gif", ".gif");
        if (b.Length >= 12 && b.StartsWith("RIFF"u8) && b[8..12].SequenceEqual("WEBP"u8)) return new("image/webp", ".webp");
        if (b.StartsWith((byte[])[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])) return LegacyOffice(fileName);
        if (b.StartsWith("PK\x03\x04"u8)) return ZippedOffice(content);
        return null;
    }

    /// <summary>The OLE container does not say which Office program wrote it; the extension does.</summary>
    private static DetectedFile LegacyOffice(string? fileName) => Path.GetExtension(fileName ?? "").ToLowerInvariant() switch
    {
        ".xls" => new("application/vnd.ms-excel", ".xls"),
        ".ppt" => new("application/vnd.ms-powerpoint", ".ppt"),
        _ => new("application/msword", ".doc"),
    };

    /// <summary>A zip is an Office document only when it holds the parts of one.</summary>
    private static DetectedFile? ZippedOffice(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.GetEntry("[Content_Types].xml") is not null)
            {
                if (zip.GetEntry("word/document.xml") is not null) return new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx");
                if (zip.GetEntry("xl/workbook.xml") is not null) return new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx");
                if (zip.GetEntry("ppt/presentation.xml") is not null) return new("application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx");
                return null;
            }
            // OpenDocument: the entry "mimetype" names the type.
            if (zip.GetEntry("mimetype") is not { } entry || entry.Length > 200) return null;
            using var reader = new StreamReader(entry.Open());
            var type = reader.ReadToEnd().Trim();
            return type switch
            {
                "application/vnd.oasis.opendocument.text" => new(type, ".odt"),
                "application/vnd.oasis.opendocument.spreadsheet" => new(type, ".ods"),
                "application/vnd.oasis.opendocument.presentation" => new(type, ".odp"),
                _ => null,
            };
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
