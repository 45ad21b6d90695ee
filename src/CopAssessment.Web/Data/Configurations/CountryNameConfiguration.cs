using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CopAssessment.Web.Data.Configurations;

public class CountryNameConfiguration : IEntityTypeConfiguration<CountryName>
{
    public void Configure(EntityTypeBuilder<CountryName> entity)
    {
        entity.HasKey(n => new { n.CountryIso3, n.Language });
        entity.Property(n => n.CountryIso3).HasMaxLength(TextLimits.CountryCode);
        entity.Property(n => n.Language).HasMaxLength(TextLimits.Culture);
        entity.Property(n => n.Name).HasMaxLength(TextLimits.PlaceName);
        entity.Property(n => n.Version).IsRowVersion();
        entity.HasOne<Country>().WithMany().HasForeignKey(n => n.CountryIso3).OnDelete(DeleteBehavior.Cascade);
    }
}
