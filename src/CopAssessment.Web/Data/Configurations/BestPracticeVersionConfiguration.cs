using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CopAssessment.Web.Data.Configurations;

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
