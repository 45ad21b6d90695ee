using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CopAssessment.Web.Data.Configurations;

public class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> entity)
    {
        entity.ToTable("EvidenceFiles");
        entity.HasKey(f => f.EvidenceId);
    }
}
