using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CopAssessment.Web.Data.Configurations;

public class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> entity)
    {
        entity.Property(u => u.DisplayName).HasMaxLength(TextLimits.PersonName);
        entity.Property(u => u.CountryIso3).HasMaxLength(TextLimits.CountryCode);
        entity.Property(u => u.RegionCode).HasMaxLength(TextLimits.RegionCode);
        entity.Property(u => u.Organisation).HasMaxLength(TextLimits.Organisation);
        entity.Property(u => u.PreferredCulture).HasMaxLength(TextLimits.Culture);
        entity.HasIndex(u => u.CountryIso3);
    }
}
