using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CopAssessment.Web.Data.Configurations;

public class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> entity)
    {
        entity.HasKey(r => r.Code);
        entity.Property(r => r.Code).HasMaxLength(3);
        entity.Property(r => r.Name).HasMaxLength(TextLimits.PlaceName);
    }
}

public class CountryConfiguration : IEntityTypeConfiguration<Country>
{
    public void Configure(EntityTypeBuilder<Country> entity)
    {
        entity.HasKey(c => c.Iso3);
        entity.Property(c => c.Iso3).HasMaxLength(3);
        entity.Property(c => c.Iso2).HasMaxLength(2);
        entity.Property(c => c.Name).HasMaxLength(TextLimits.PlaceName);
        entity.Property(c => c.RegionCode).HasMaxLength(3);
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
        entity.Property(c => c.CountryIso3).HasMaxLength(3);
        entity.Property(c => c.Field).HasMaxLength(40);
        entity.Property(c => c.ChangedBy).HasMaxLength(256);
        entity.HasIndex(c => new { c.CountryIso3, c.ChangedAt });
    }
}

public class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> entity)
    {
        entity.Property(i => i.Email).HasMaxLength(256);
        entity.Property(i => i.Role).HasMaxLength(40);
        entity.Property(i => i.CountryIso3).HasMaxLength(3);
        entity.Property(i => i.RegionCode).HasMaxLength(3);
        entity.Property(i => i.Organisation).HasMaxLength(200);
        entity.Property(i => i.TokenHash).HasMaxLength(64);
        entity.Property(i => i.InvitedBy).HasMaxLength(256);
        entity.HasIndex(i => i.TokenHash).IsUnique();
    }
}

public class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> entity)
    {
        entity.Property(m => m.To).HasMaxLength(256);
        entity.Property(m => m.Subject).HasMaxLength(300);
        entity.Property(m => m.DeduplicationKey).HasMaxLength(200);
        entity.HasIndex(m => m.DeduplicationKey).IsUnique();
        entity.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
    }
}

public class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> entity)
    {
        entity.Property(a => a.Action).HasMaxLength(60);
        entity.Property(a => a.UserEmail).HasMaxLength(256);
        entity.Property(a => a.CountryIso3).HasMaxLength(3);
        entity.Property(a => a.Subject).HasMaxLength(300);
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
        entity.Property(u => u.CountryIso3).HasMaxLength(3);
        entity.Property(u => u.RegionCode).HasMaxLength(3);
        entity.Property(u => u.Organisation).HasMaxLength(TextLimits.Organisation);
        entity.Property(u => u.PreferredCulture).HasMaxLength(10);
        entity.HasIndex(u => u.CountryIso3);
    }
}
