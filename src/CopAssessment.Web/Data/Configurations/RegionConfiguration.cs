using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CopAssessment.Web.Data.Configurations;

public class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> entity)
    {
        entity.HasKey(r => r.Code);
        entity.Property(r => r.Code).HasMaxLength(TextLimits.RegionCode);
        entity.Property(r => r.Name).HasMaxLength(TextLimits.PlaceName);
    }
}
