using CopAssessment.Web.Data.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CopAssessment.Web.Data.Configurations;

public class AssessmentCycleConfiguration : IEntityTypeConfiguration<AssessmentCycle>
{
    public void Configure(EntityTypeBuilder<AssessmentCycle> entity)
    {
        entity.ToTable("AssessmentCycles");
        entity.Property(c => c.Name).HasMaxLength(TextLimits.CycleName);
        entity.HasIndex(c => c.Name).IsUnique();
        entity.Property(c => c.Status).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        entity.Property(c => c.PublicationPolicy).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        entity.HasOne(c => c.QuestionnaireVersion).WithMany().HasForeignKey(c => c.QuestionnaireVersionId).OnDelete(DeleteBehavior.Restrict);
        entity.Property(c => c.Version).IsRowVersion();
    }
}

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

public class AnswerConfiguration : IEntityTypeConfiguration<Answer>
{
    public void Configure(EntityTypeBuilder<Answer> entity)
    {
        entity.ToTable("Answers");
        entity.Property(a => a.QuestionKey).HasMaxLength(TextLimits.QuestionKey);
        entity.Property(a => a.Value).HasColumnType("jsonb");
        entity.Property(a => a.UpdatedBy).HasMaxLength(TextLimits.Email);
        entity.HasOne(a => a.Submission).WithMany().HasForeignKey(a => a.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        entity.HasIndex(a => new { a.SubmissionId, a.QuestionKey }).IsUnique();
        entity.Property(a => a.Version).IsRowVersion();
    }
}

public class AnswerHistoryConfiguration : IEntityTypeConfiguration<AnswerHistory>
{
    public void Configure(EntityTypeBuilder<AnswerHistory> entity)
    {
        entity.ToTable("AnswerHistory");
        entity.Property(h => h.QuestionKey).HasMaxLength(TextLimits.QuestionKey);
        entity.Property(h => h.OldValue).HasColumnType("jsonb");
        entity.Property(h => h.NewValue).HasColumnType("jsonb");
        entity.Property(h => h.ChangedBy).HasMaxLength(TextLimits.Email);
        entity.HasOne<Submission>().WithMany().HasForeignKey(h => h.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        entity.HasIndex(h => new { h.SubmissionId, h.QuestionKey, h.ChangedAt });
    }
}

public class EvidenceConfiguration : IEntityTypeConfiguration<Evidence>
{
    public void Configure(EntityTypeBuilder<Evidence> entity)
    {
        entity.ToTable("Evidence");
        entity.Property(e => e.QuestionKey).HasMaxLength(TextLimits.QuestionKey);
        entity.Property(e => e.FileName).HasMaxLength(TextLimits.FileName);
        entity.Property(e => e.ContentType).HasMaxLength(TextLimits.ContentType);
        entity.Property(e => e.Sha256).HasMaxLength(TextLimits.Sha256);
        entity.Property(e => e.Url).HasMaxLength(TextLimits.Url);
        entity.Property(e => e.AddedBy).HasMaxLength(TextLimits.Email);
        entity.HasOne(e => e.Submission).WithMany().HasForeignKey(e => e.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        entity.HasOne(e => e.File).WithOne().HasForeignKey<EvidenceFile>(f => f.EvidenceId).OnDelete(DeleteBehavior.Cascade);
        entity.HasIndex(e => new { e.SubmissionId, e.QuestionKey });
    }
}

public class EvidenceFileConfiguration : IEntityTypeConfiguration<EvidenceFile>
{
    public void Configure(EntityTypeBuilder<EvidenceFile> entity)
    {
        entity.ToTable("EvidenceFiles");
        entity.HasKey(f => f.EvidenceId);
    }
}

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

public class SubmissionTransitionConfiguration : IEntityTypeConfiguration<SubmissionTransition>
{
    public void Configure(EntityTypeBuilder<SubmissionTransition> entity)
    {
        entity.ToTable("SubmissionTransitions");
        entity.Property(t => t.From).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        entity.Property(t => t.To).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        entity.Property(t => t.By).HasMaxLength(TextLimits.Email);
        entity.Property(t => t.Note).HasMaxLength(TextLimits.Note);
        entity.HasOne<Submission>().WithMany().HasForeignKey(t => t.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        entity.HasIndex(t => new { t.SubmissionId, t.At });
    }
}
