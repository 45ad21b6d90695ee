using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CopAssessment.Web.Data.Configurations;

public class SubmissionConfiguration : IEntityTypeConfiguration<Submission>
{
    public void Configure(EntityTypeBuilder<Submission> entity)
    {
        entity.ToTable("Submissions");
        entity.Property(s => s.CountryIso3).HasMaxLength(TextLimits.CountryCode);
        entity.Property(s => s.Status).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        entity.Property(s => s.ScoreSnapshot).HasColumnType("jsonb");
        entity.HasOne(s => s.Cycle).WithMany().HasForeignKey(s => s.CycleId).OnDelete(DeleteBehavior.Cascade);
        entity.HasOne(s => s.Country).WithMany().HasForeignKey(s => s.CountryIso3).OnDelete(DeleteBehavior.Restrict);
        entity.HasIndex(s => new { s.CycleId, s.CountryIso3 }).IsUnique();
        entity.HasIndex(s => new { s.CycleId, s.Status });
        entity.Property(s => s.Version).IsRowVersion();
    }
}
