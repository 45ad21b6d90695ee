using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CopAssessment.Web.Data.Configurations;

public class CountryConfiguration : IEntityTypeConfiguration<Country>
{
    public void Configure(EntityTypeBuilder<Country> entity)
    {
        entity.HasKey(c => c.Iso3);
        entity.Property(c => c.Iso3).HasMaxLength(TextLimits.CountryCode);
        entity.Property(c => c.Iso2).HasMaxLength(TextLimits.CountryCode2);
        entity.Property(c => c.Name).HasMaxLength(TextLimits.PlaceName);
        entity.Property(c => c.RegionCode).HasMaxLength(TextLimits.RegionCode);
        entity.HasOne(c => c.Region).WithMany(r => r.Countries).HasForeignKey(c => c.RegionCode)
            .OnDelete(DeleteBehavior.Restrict);
        entity.HasIndex(c => c.RegionCode);
        entity.Property(c => c.Version).IsRowVersion();
    }
}
