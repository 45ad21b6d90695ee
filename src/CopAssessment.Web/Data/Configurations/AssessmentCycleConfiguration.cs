using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CopAssessment.Web.Data.Configurations;

public class AssessmentCycleConfiguration : IEntityTypeConfiguration<AssessmentCycle>
{
    public void Configure(EntityTypeBuilder<AssessmentCycle> entity)
    {
        entity.ToTable("AssessmentCycles");
        entity.Property(c => c.Name).HasMaxLength(TextLimits.CycleName);
        entity.HasIndex(c => c.Name).IsUnique();
        entity.Property(c => c.Status).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        entity.Property(c => c.PublicationPolicy).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        entity.Property(c => c.Licence).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        entity.HasOne(c => c.QuestionnaireVersion).WithMany().HasForeignKey(c => c.QuestionnaireVersionId).OnDelete(DeleteBehavior.Restrict);
        entity.Property(c => c.Version).IsRowVersion();
    }
}
