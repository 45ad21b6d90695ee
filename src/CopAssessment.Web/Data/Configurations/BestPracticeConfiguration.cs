using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CopAssessment.Web.Data.Configurations;

public class BestPracticeConfiguration : IEntityTypeConfiguration<BestPractice>
{
    public void Configure(EntityTypeBuilder<BestPractice> entity)
    {
        // CREATE EXTENSION IF NOT EXISTS unaccent in the migration; the search column that uses it is
        // created after every migration (Features/BestPractices/LibrarySearchSchema.cs, decision 0004).
        entity.Metadata.Model.GetOrAddPostgresExtension(null, "unaccent", null);

        entity.ToTable("BestPractices");
        entity.Property(p => p.OwnerId).HasMaxLength(TextLimits.UserId);
        entity.Property(p => p.OwnerEmail).HasMaxLength(TextLimits.Email);
        entity.Property(p => p.OwnerCountryIso3).HasMaxLength(TextLimits.CountryCode);
        entity.HasOne<Country>().WithMany().HasForeignKey(p => p.OwnerCountryIso3).OnDelete(DeleteBehavior.Restrict);
        entity.HasMany(p => p.Versions).WithOne(v => v.Practice).HasForeignKey(v => v.PracticeId).OnDelete(DeleteBehavior.Cascade);
        entity.HasOne(p => p.LatestVersion).WithMany().HasForeignKey(p => p.LatestVersionId).OnDelete(DeleteBehavior.Restrict);
        entity.HasOne(p => p.PublishedVersion).WithMany().HasForeignKey(p => p.PublishedVersionId).OnDelete(DeleteBehavior.Restrict);
        entity.HasIndex(p => p.OwnerId);
        entity.HasIndex(p => p.OwnerCountryIso3);
        entity.HasIndex(p => p.PublishedVersionId).IsUnique();
        entity.HasIndex(p => p.FirstPublishedAt);
        entity.Property(p => p.RowVersion).IsRowVersion();
    }
}
