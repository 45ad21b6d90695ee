using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CopAssessment.Web.Data.Configurations;

public class SubmissionSnapshotConfiguration : IEntityTypeConfiguration<SubmissionSnapshot>
{
    public void Configure(EntityTypeBuilder<SubmissionSnapshot> entity)
    {
        entity.ToTable("SubmissionSnapshots");
        entity.Property(s => s.Answers).HasColumnType("jsonb");
        entity.Property(s => s.Evidence).HasColumnType("jsonb");
        entity.HasOne<Submission>().WithMany().HasForeignKey(s => s.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        entity.HasIndex(s => s.SubmissionId);
    }
}
