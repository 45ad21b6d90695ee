using System.Security.Cryptography;
using CopAssessment.Web.Data;
using CopAssessment.Web.Data.Assessments;
using CopAssessment.Web.Infrastructure.Security;
using CopAssessment.Web.Infrastructure.Uploads;

namespace CopAssessment.Web.Features.Assessments;

public sealed class EvidenceStore(CopDbContext db, Audit audit, Microsoft.Extensions.Options.IOptions<UploadOptions> options)
{
    public long MaxBytes => options.Value.MaxBytes;

    /// <summary>Null on success, otherwise the (English, to be localized) reason; nothing is stored on refusal.</summary>
    public async Task<string?> AddFileAsync(SubmissionContext context, string questionKey, IFormFile file, string who)
    {
        if (file.Length == 0) return "The file is empty.";
        if (file.Length > MaxBytes) return "The file is larger than the limit.";
        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer);
        var content = buffer.ToArray();
        if (FileTypes.Detect(content, file.FileName) is not { } type)
            return "This type of file is not accepted: upload a PDF, an Office document or an image.";
        var name = Path.GetFileName(file.FileName);
        if (string.IsNullOrWhiteSpace(name)) name = "evidence" + type.Extension;
        if (name.Length > 200) name = name[^200..];
        var evidence = new Evidence
        {
            SubmissionId = context.Id, QuestionKey = questionKey, FileName = name, ContentType = type.ContentType, Size = content.Length,
            Sha256 = Convert.ToHexStringLower(SHA256.HashData(content)), AddedBy = who, File = new EvidenceFile { Content = content },
        };
        db.Set<Evidence>().Add(evidence);
        audit.Record("evidence-added", $"submission {context.Id} {questionKey}", $"{name} ({content.Length} bytes, sha256 {evidence.Sha256})", context.Submission.CountryIso3);
        await db.SaveChangesAsync();
        return null;
    }

    public async Task<string?> AddUrlAsync(SubmissionContext context, string questionKey, string url, string who)
    {
        url = url.Trim();
        if (url.Length > 2000 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(uri.Host))
            return "Enter a web address starting with http:// or https://.";
        db.Set<Evidence>().Add(new Evidence { SubmissionId = context.Id, QuestionKey = questionKey, Url = uri.ToString(), AddedBy = who });
        audit.Record("evidence-added", $"submission {context.Id} {questionKey}", uri.ToString(), context.Submission.CountryIso3);
        await db.SaveChangesAsync();
        return null;
    }
}
