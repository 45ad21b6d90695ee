using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CopAssessment.Web.Data.Configurations;

public class CountryChangeConfiguration : IEntityTypeConfiguration<CountryChange>
{
    public void Configure(EntityTypeBuilder<CountryChange> entity)
    {
        entity.Property(c => c.CountryIso3).HasMaxLength(TextLimits.CountryCode);
        entity.Property(c => c.Field).HasMaxLength(TextLimits.FieldName);
        entity.Property(c => c.ChangedBy).HasMaxLength(TextLimits.Email);
        entity.HasIndex(c => new { c.CountryIso3, c.ChangedAt });
    }
}
