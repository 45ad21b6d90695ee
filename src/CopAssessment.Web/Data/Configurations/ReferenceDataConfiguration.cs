using Microsoft.EntityFrameworkCore;
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

public class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> entity)
    {
        entity.Property(m => m.To).HasMaxLength(TextLimits.Email);
        entity.Property(m => m.Subject).HasMaxLength(TextLimits.Subject);
        entity.Property(m => m.DeduplicationKey).HasMaxLength(TextLimits.DeduplicationKey);
        entity.HasIndex(m => m.DeduplicationKey).IsUnique();
        entity.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
    }
}

public class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> entity)
    {
        entity.Property(a => a.Action).HasMaxLength(TextLimits.AuditAction);
        entity.Property(a => a.UserEmail).HasMaxLength(TextLimits.Email);
        entity.Property(a => a.CountryIso3).HasMaxLength(TextLimits.CountryCode);
        entity.Property(a => a.Subject).HasMaxLength(TextLimits.Subject);
        entity.HasIndex(a => a.At);
        entity.HasIndex(a => new { a.Action, a.At });
        entity.HasIndex(a => new { a.CountryIso3, a.At });
    }
}

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
