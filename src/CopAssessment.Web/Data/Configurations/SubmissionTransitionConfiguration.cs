using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CopAssessment.Web.Data.Configurations;

public class SubmissionTransitionConfiguration : IEntityTypeConfiguration<SubmissionTransition>
{
    public void Configure(EntityTypeBuilder<SubmissionTransition> entity)
    {
        entity.ToTable("SubmissionTransitions");
        entity.Property(t => t.From).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        entity.Property(t => t.To).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        entity.Property(t => t.By).HasMaxLength(TextLimits.Email);
        entity.Property(t => t.Note).HasMaxLength(TextLimits.Note);
        entity.HasOne<Submission>().WithMany().HasForeignKey(t => t.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        entity.HasIndex(t => new { t.SubmissionId, t.At });
    }
}
