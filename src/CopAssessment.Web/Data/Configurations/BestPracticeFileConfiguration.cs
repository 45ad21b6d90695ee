using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CopAssessment.Web.Data.Configurations;

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
