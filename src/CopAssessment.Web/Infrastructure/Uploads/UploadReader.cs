using System.Security.Cryptography;

namespace CopAssessment.Web.Infrastructure.Uploads;

public sealed record UploadedFile(string FileName, string ContentType, byte[] Content, string Sha256);

public enum UploadProblem { Missing, TooLarge, TypeNotAllowed, UnsafeArchive }

/// <summary>
/// Reads an uploaded file under the one set of rules every feature uses: not empty, at most
/// <see cref="UploadOptions.MaxBytes"/>, a type allowed by <see cref="FileTypes"/> (decided by content),
/// a zip that unpacks to what it says within <see cref="ZipLimits"/>, a file name safe to send back and
/// ending in the detected type's extension, and its SHA-256. Each feature words the refusal in its own messages.
/// </summary>
public sealed class UploadReader(IOptions<UploadOptions> options)
{
    public long MaxBytes => options.Value.MaxBytes;

    public async Task<(UploadedFile? File, UploadProblem? Problem)> ReadAsync(IFormFile? file, string fallbackName)
    {
        if (file is null || file.Length == 0) return (null, UploadProblem.Missing);
        if (file.Length > MaxBytes) return (null, UploadProblem.TooLarge);
        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content);
        }
        var name = CleanFileName(file.FileName, "");
        if (FileTypes.IsZip(content) && !ZipLimits.Check(content)) return (null, UploadProblem.UnsafeArchive);
        if (FileTypes.Detect(content, name) is not { } type) return (null, UploadProblem.TypeNotAllowed);
        name = name.Length == 0 ? fallbackName + type.Extension : FileTypes.NameFor(name, type);
        return (new UploadedFile(name, type.ContentType, content, Convert.ToHexStringLower(SHA256.HashData(content))), null);
    }

    /// <summary>
    /// The last path segment without control characters (directional ones included: they make
    /// <c>photo\u202Egnp.exe</c> display as "photo exe.png"), quotes or slashes, at most 200 characters.
    /// </summary>
    public static string CleanFileName(string? name, string fallback)
    {
        var justName = Bidi.StripControls(Path.GetFileName((name ?? "").Replace('\\', '/')));
        var cleaned = new string(justName.Where(c => !char.IsControl(c) && c is not ('"' or '/' or '\\')).ToArray()).Trim();
        if (cleaned.Length == 0) cleaned = fallback;
        return cleaned.Length > 200 ? cleaned[^200..] : cleaned;
    }
}
