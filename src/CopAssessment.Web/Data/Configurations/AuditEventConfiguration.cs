using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CopAssessment.Web.Data.Configurations;

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
