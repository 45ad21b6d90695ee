using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CopAssessment.Web.Data.Configurations;

public class QuestionnaireVersionConfiguration : IEntityTypeConfiguration<QuestionnaireVersion>
{
    public void Configure(EntityTypeBuilder<QuestionnaireVersion> entity)
    {
        entity.Property(v => v.Key).HasMaxLength(50);
        entity.Property(v => v.Label).HasMaxLength(50);
        entity.Property(v => v.Title).HasMaxLength(300);
        entity.Property(v => v.ContentHash).HasMaxLength(64);
        entity.Property(v => v.ImportedBy).HasMaxLength(256);
        entity.HasIndex(v => v.ContentHash).IsUnique();
        entity.HasIndex(v => new { v.Key, v.Number }).IsUnique();
    }
}
