using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CopAssessment.Web.Data.Configurations;

public class AnswerConfiguration : IEntityTypeConfiguration<Answer>
{
    public void Configure(EntityTypeBuilder<Answer> entity)
    {
        entity.ToTable("Answers");
        entity.Property(a => a.QuestionKey).HasMaxLength(TextLimits.QuestionKey);
        entity.Property(a => a.Value).HasColumnType("jsonb");
        entity.Property(a => a.UpdatedBy).HasMaxLength(TextLimits.Email);
        entity.HasOne(a => a.Submission).WithMany().HasForeignKey(a => a.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        entity.HasKey(a => new { a.SubmissionId, a.QuestionKey });
        entity.Property(a => a.Version).IsRowVersion();
    }
}
