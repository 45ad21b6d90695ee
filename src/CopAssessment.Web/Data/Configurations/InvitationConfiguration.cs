using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CopAssessment.Web.Data.Configurations;

public class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> entity)
    {
        entity.Property(i => i.Email).HasMaxLength(TextLimits.Email);
        entity.Property(i => i.Role).HasMaxLength(TextLimits.Role);
        entity.Property(i => i.CountryIso3).HasMaxLength(TextLimits.CountryCode);
        entity.Property(i => i.RegionCode).HasMaxLength(TextLimits.RegionCode);
        entity.Property(i => i.Organisation).HasMaxLength(TextLimits.Organisation);
        entity.Property(i => i.TokenHash).HasMaxLength(TextLimits.Sha256);
        entity.Property(i => i.InvitedBy).HasMaxLength(TextLimits.Email);
        entity.HasIndex(i => i.TokenHash).IsUnique();
    }
}
