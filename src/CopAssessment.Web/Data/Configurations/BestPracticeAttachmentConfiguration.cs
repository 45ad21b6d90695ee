using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CopAssessment.Web.Data.Configurations;

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
