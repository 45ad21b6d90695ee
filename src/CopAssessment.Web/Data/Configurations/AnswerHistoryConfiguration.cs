using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CopAssessment.Web.Data.Configurations;

public class AnswerHistoryConfiguration : IEntityTypeConfiguration<AnswerHistory>
{
    public void Configure(EntityTypeBuilder<AnswerHistory> entity)
    {
        entity.ToTable("AnswerHistory");
        entity.Property(h => h.QuestionKey).HasMaxLength(TextLimits.QuestionKey);
        entity.Property(h => h.OldValue).HasColumnType("jsonb");
        entity.Property(h => h.NewValue).HasColumnType("jsonb");
        entity.Property(h => h.ChangedBy).HasMaxLength(TextLimits.Email);
        entity.Property(h => h.Source).HasMaxLength(TextLimits.HistorySource);
        entity.HasOne<Submission>().WithMany().HasForeignKey(h => h.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        entity.HasIndex(h => new { h.SubmissionId, h.QuestionKey, h.ChangedAt });
    }
}
