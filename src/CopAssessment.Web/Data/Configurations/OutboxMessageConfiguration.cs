using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CopAssessment.Web.Data.Configurations;

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
