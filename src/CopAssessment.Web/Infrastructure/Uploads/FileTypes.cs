using System.IO.Compression;

namespace CopAssessment.Web.Infrastructure.Uploads;

/// <summary>Upload rules shared by evidence and best-practice attachments (configuration section "Uploads").</summary>
public sealed class UploadOptions
{
    /// <summary>Largest file accepted (bytes); 20 MB by default.</summary>
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>
    /// Largest request body the server reads (Kestrel and the form reader): the file plus room for the form's
    /// other fields and multipart framing, so a file just over the limit still reaches the feature, which
    /// names the limit; anything larger is refused before it is read (<see cref="Security.RequestGuard"/>).
    /// </summary>
    public long MaxRequestBytes => MaxBytes + 1024 * 1024;
}

public sealed record DetectedFile(string ContentType, string Extension)
{
    /// <summary>What a stored file of no known type (none should exist) is served as: bytes to save, never to render.</summary>
    public static readonly DetectedFile Unknown = new("application/octet-stream", ".bin");
}

/// <summary>
/// Files are accepted by what they are, not what they are called: the first bytes (and, for Office files,
/// the parts inside the zip) decide the type. Allowed: PDF, Office Open XML, OpenDocument, legacy Office,
/// PNG, JPEG, GIF, WebP. Anything else is refused before it is stored, and the name a file is stored and
/// served under ends in the extension of the detected type (<see cref="NameFor"/>): a GIF that is also
/// JScript, uploaded as <c>report.js</c>, is kept as <c>report.gif</c>, so nothing opens it as a script.
/// </summary>
public static class FileTypes
{
    /// <summary>Extensions people use for each detected type besides the canonical one; such a name is kept.</summary>
    private static readonly Dictionary<string, string[]> Aliases = new()
    {
        [".jpg"] = [".jpeg", ".jpe"],
    };

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

    /// <summary>True for content that is a zip (OOXML, OpenDocument), which must pass <see cref="ZipLimits"/>.</summary>
    public static bool IsZip(byte[] content) => content.AsSpan().StartsWith("PK\x03\x04"u8);

    /// <summary>
    /// The stored type of a file, as downloads serve it: the content type was detected when the file was
    /// uploaded; one that is not an allowed type is served as <see cref="DetectedFile.Unknown"/>.
    /// </summary>
    public static DetectedFile FromContentType(string? contentType) =>
        Allowed.FirstOrDefault(t => string.Equals(t.ContentType, contentType, StringComparison.OrdinalIgnoreCase)) ?? DetectedFile.Unknown;

    private static readonly DetectedFile[] Allowed =
    [
        new("application/pdf", ".pdf"), new("image/png", ".png"), new("image/jpeg", ".jpg"), new("image/gif", ".gif"), new("image/webp", ".webp"),
        new("application/vnd.ms-excel", ".xls"), new("application/vnd.ms-powerpoint", ".ppt"), new("application/msword", ".doc"),
        new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx"),
        new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx"),
        new("application/vnd.openxmlformats-officedocument.presentationml.presentation", ".pptx"),
        new("application/vnd.oasis.opendocument.text", ".odt"), new("application/vnd.oasis.opendocument.spreadsheet", ".ods"),
        new("application/vnd.oasis.opendocument.presentation", ".odp"),
    ];

    /// <summary>
    /// The name with the detected type's extension: kept when it already has it (or an alias such as .jpeg),
    /// otherwise the misleading extension is replaced (<c>report.js</c> → <c>report.gif</c>).
    /// </summary>
    public static string NameFor(string fileName, DetectedFile type)
    {
        var extension = Path.GetExtension(fileName);
        var lower = extension.ToLowerInvariant();
        if (lower == type.Extension || (Aliases.TryGetValue(type.Extension, out var aliases) && aliases.Contains(lower))) return fileName;
        var stem = fileName[..^extension.Length].TrimEnd('.', ' ');
        return (stem.Length == 0 ? "file" : stem) + type.Extension;
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
