using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CopAssessment.Web.Data.Configurations;

public class CycleTitleConfiguration : IEntityTypeConfiguration<CycleTitle>
{
    public void Configure(EntityTypeBuilder<CycleTitle> entity)
    {
        entity.ToTable("CycleTitles");
        entity.HasKey(t => new { t.CycleId, t.Language });
        entity.Property(t => t.Language).HasMaxLength(TextLimits.Culture);
        entity.Property(t => t.Title).HasMaxLength(TextLimits.CycleName);
        entity.HasOne<AssessmentCycle>().WithMany(c => c.Titles).HasForeignKey(t => t.CycleId).OnDelete(DeleteBehavior.Cascade);
    }
}
