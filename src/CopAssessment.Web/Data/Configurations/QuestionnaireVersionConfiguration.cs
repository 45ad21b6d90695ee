using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CopAssessment.Web.Data.Configurations;

public class QuestionnaireVersionConfiguration : IEntityTypeConfiguration<QuestionnaireVersion>
{
    public void Configure(EntityTypeBuilder<QuestionnaireVersion> entity)
    {
        entity.Property(v => v.Key).HasMaxLength(TextLimits.QuestionnaireKey);
        entity.Property(v => v.Label).HasMaxLength(TextLimits.VersionLabel);
        entity.Property(v => v.Title).HasMaxLength(TextLimits.QuestionnaireTitle);
        entity.Property(v => v.ContentHash).HasMaxLength(TextLimits.Sha256);
        entity.Property(v => v.ImportedBy).HasMaxLength(TextLimits.Email);
        entity.HasIndex(v => v.ContentHash).IsUnique();
        entity.HasIndex(v => new { v.Key, v.Number }).IsUnique();
    }
}
