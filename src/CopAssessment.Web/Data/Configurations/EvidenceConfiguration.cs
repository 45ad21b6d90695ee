using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CopAssessment.Web.Data.Configurations;

public class EvidenceConfiguration : IEntityTypeConfiguration<Evidence>
{
    public void Configure(EntityTypeBuilder<Evidence> entity)
    {
        entity.ToTable("Evidence");
        entity.Property(e => e.QuestionKey).HasMaxLength(TextLimits.QuestionKey);
        entity.Property(e => e.FileName).HasMaxLength(TextLimits.FileName);
        entity.Property(e => e.ContentType).HasMaxLength(TextLimits.ContentType);
        entity.Property(e => e.Sha256).HasMaxLength(TextLimits.Sha256);
        entity.Property(e => e.Url).HasMaxLength(TextLimits.Url);
        entity.Property(e => e.AddedBy).HasMaxLength(TextLimits.Email);
        entity.HasOne(e => e.Submission).WithMany().HasForeignKey(e => e.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        entity.HasOne(e => e.File).WithOne().HasForeignKey<EvidenceFile>(f => f.EvidenceId).OnDelete(DeleteBehavior.Cascade);
        entity.HasIndex(e => new { e.SubmissionId, e.QuestionKey });
    }
}
