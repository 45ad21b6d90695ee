using System.Security.Cryptography;
using CopAssessment.Web.Data.BestPractices;
using CopAssessment.Web.Infrastructure.Localization;
using Microsoft.Extensions.Localization;
using CopAssessment.Web.Infrastructure.Uploads;

namespace CopAssessment.Web.Features.BestPractices;

/// <summary>Adds and removes attachments on the submitter's draft version.</summary>
public sealed class PracticeAttachments(Microsoft.Extensions.Options.IOptions<UploadOptions> options, IStringLocalizer<Ui> L)
{
    public long MaxBytes => options.Value.MaxBytes;

    /// <summary>Returns an error message, or null when the file was attached.</summary>
    public async Task<string?> AddAsync(BestPracticeVersion draft, IFormFile? file, string uploadedBy)
    {
        if (file is null || file.Length == 0) return L["Choose a file."];
        if (file.Length > MaxBytes) return L["The file is larger than {0} MB.", MaxBytes / (1024 * 1024)];
        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(bytes);
        }
        var name = SafeFileName(file.FileName);
        var detected = FileTypes.Detect(bytes, name);
        if (detected is null) return L["Only PDF, Office documents and images (PNG, JPEG, GIF, WebP) can be attached."];
        draft.Attachments.Add(new BestPracticeAttachment
        {
            FileName = name,
            File = new BestPracticeFile
            {
                Content = bytes, Size = bytes.LongLength, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
                ContentType = detected.ContentType, UploadedBy = uploadedBy,
            },
        });
        return null;
    }

    public static string SafeFileName(string name)
    {
        var justName = Path.GetFileName(name.Replace('\\', '/'));
        var cleaned = new string(justName.Where(c => !char.IsControl(c) && c is not ('"' or '/' or '\\')).ToArray()).Trim();
        if (cleaned.Length == 0) cleaned = "attachment";
        return cleaned.Length > 200 ? cleaned[^200..] : cleaned;
    }
}
