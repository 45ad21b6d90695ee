using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CopAssessment.Web.Data.Configurations;

public class ReviewCommentConfiguration : IEntityTypeConfiguration<ReviewComment>
{
    public void Configure(EntityTypeBuilder<ReviewComment> entity)
    {
        entity.ToTable("ReviewComments");
        entity.Property(c => c.QuestionKey).HasMaxLength(TextLimits.QuestionKey);
        entity.Property(c => c.Body).HasMaxLength(TextLimits.Note);
        entity.Property(c => c.AuthorEmail).HasMaxLength(TextLimits.Email);
        entity.Property(c => c.AuthorName).HasMaxLength(TextLimits.PersonName);
        entity.Property(c => c.ResolvedBy).HasMaxLength(TextLimits.Email);
        entity.HasOne(c => c.Submission).WithMany().HasForeignKey(c => c.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        entity.HasOne<ReviewComment>().WithMany().HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Cascade);
        entity.HasIndex(c => new { c.SubmissionId, c.Resolved });
    }
}
