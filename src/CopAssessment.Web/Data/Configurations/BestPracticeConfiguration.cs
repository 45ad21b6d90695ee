using CopAssessment.Web.Data.BestPractices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CopAssessment.Web.Data.Configurations;

public class BestPracticeConfiguration : IEntityTypeConfiguration<BestPractice>
{
    public void Configure(EntityTypeBuilder<BestPractice> entity)
    {
        // CREATE EXTENSION IF NOT EXISTS unaccent in the migration; the search column that uses it is
        // created after every migration (Features/BestPractices/LibrarySearchSchema.cs, decision 0004).
        entity.Metadata.Model.GetOrAddPostgresExtension(null, "unaccent", null);

        entity.ToTable("BestPractices");
        entity.Property(p => p.OwnerId).HasMaxLength(TextLimits.UserId);
        entity.Property(p => p.OwnerEmail).HasMaxLength(TextLimits.Email);
        entity.Property(p => p.OwnerCountryIso3).HasMaxLength(TextLimits.CountryCode);
        entity.HasOne<Country>().WithMany().HasForeignKey(p => p.OwnerCountryIso3).OnDelete(DeleteBehavior.Restrict);
        entity.HasMany(p => p.Versions).WithOne(v => v.Practice).HasForeignKey(v => v.PracticeId).OnDelete(DeleteBehavior.Cascade);
        entity.HasOne(p => p.LatestVersion).WithMany().HasForeignKey(p => p.LatestVersionId).OnDelete(DeleteBehavior.Restrict);
        entity.HasOne(p => p.PublishedVersion).WithMany().HasForeignKey(p => p.PublishedVersionId).OnDelete(DeleteBehavior.Restrict);
        entity.HasIndex(p => p.OwnerId);
        entity.HasIndex(p => p.OwnerCountryIso3);
        entity.HasIndex(p => p.PublishedVersionId).IsUnique();
        entity.HasIndex(p => p.FirstPublishedAt);
        entity.Property(p => p.RowVersion).IsRowVersion();
    }
}

public class BestPracticeVersionConfiguration : IEntityTypeConfiguration<BestPracticeVersion>
{
    public void Configure(EntityTypeBuilder<BestPracticeVersion> entity)
    {
        entity.ToTable("BestPracticeVersions");
        entity.Property(v => v.Title).HasMaxLength(PracticeLimits.Title);
        entity.Property(v => v.Summary).HasMaxLength(PracticeLimits.Summary);
        entity.Property(v => v.Description).HasMaxLength(PracticeLimits.Description);
        entity.Property(v => v.Organisation).HasMaxLength(PracticeLimits.Organisation);
        entity.Property(v => v.StakeholderGroup).HasMaxLength(PracticeLimits.StakeholderGroup);
        entity.Property(v => v.Results).HasMaxLength(PracticeLimits.Results);
        entity.Property(v => v.EnablingFactors).HasMaxLength(PracticeLimits.EnablingFactors);
        entity.Property(v => v.Scalability).HasMaxLength(PracticeLimits.Scalability);
        entity.Property(v => v.ContactName).HasMaxLength(PracticeLimits.ContactName);
        entity.Property(v => v.ContactEmail).HasMaxLength(PracticeLimits.ContactEmail);
        entity.Property(v => v.Language).HasMaxLength(TextLimits.Culture);
        entity.Property(v => v.CreatedBy).HasMaxLength(TextLimits.Email);
        entity.Property(v => v.ReviewedBy).HasMaxLength(TextLimits.Email);
        entity.Property(v => v.ReviewNote).HasMaxLength(PracticeLimits.ReviewNote);
        // A concurrency token: two reviewers deciding on the same submitted version cannot both win.
        entity.Property(v => v.Status).HasConversion<string>().HasMaxLength(TextLimits.EnumName).IsConcurrencyToken();
        entity.HasIndex(v => new { v.PracticeId, v.Number }).IsUnique();
        entity.HasIndex(v => new { v.Status, v.SubmittedAt });
        // Library filters: array containment (@>, &&) uses GIN; the plain columns are B-tree. Practices are
        // published by hand, a few a day, so new entries go straight into the GIN index (fastupdate off)
        // rather than a pending list that every search would scan until the next vacuum.
        entity.HasIndex(v => v.Countries).HasMethod("gin").HasStorageParameter("fastupdate", false);
        entity.HasIndex(v => v.Audiences).HasMethod("gin").HasStorageParameter("fastupdate", false);
        entity.HasIndex(v => v.Capabilities).HasMethod("gin").HasStorageParameter("fastupdate", false);
        entity.HasIndex(v => new { v.StakeholderGroup, v.Language });
        entity.HasMany(v => v.Attachments).WithOne(a => a.Version).HasForeignKey(a => a.VersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public class BestPracticeAttachmentConfiguration : IEntityTypeConfiguration<BestPracticeAttachment>
{
    public void Configure(EntityTypeBuilder<BestPracticeAttachment> entity)
    {
        entity.ToTable("BestPracticeAttachments");
        entity.Property(a => a.FileName).HasMaxLength(TextLimits.FileName);
        entity.HasOne(a => a.File).WithMany().HasForeignKey(a => a.FileId).OnDelete(DeleteBehavior.Restrict);
        entity.HasIndex(a => a.VersionId);
    }
}

public class BestPracticeFileConfiguration : IEntityTypeConfiguration<BestPracticeFile>
{
    public void Configure(EntityTypeBuilder<BestPracticeFile> entity)
    {
        entity.ToTable("BestPracticeFiles");
        entity.Property(f => f.ContentType).HasMaxLength(PracticeLimits.AttachmentContentType);
        entity.Property(f => f.Sha256).HasMaxLength(TextLimits.Sha256);
        entity.Property(f => f.UploadedBy).HasMaxLength(TextLimits.Email);
        entity.Property(f => f.Content).HasColumnType("bytea");
        entity.HasIndex(f => f.Sha256);
    }
}
