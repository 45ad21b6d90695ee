using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CopAssessment.Web.Data.Configurations;

public class ContributorAssignmentConfiguration : IEntityTypeConfiguration<ContributorAssignment>
{
    public void Configure(EntityTypeBuilder<ContributorAssignment> entity)
    {
        entity.ToTable("ContributorAssignments");
        entity.Property(a => a.UserId).HasMaxLength(TextLimits.UserId);
        entity.Property(a => a.CountryIso3).HasMaxLength(TextLimits.CountryCode);
        entity.Property(a => a.SectionKey).HasMaxLength(TextLimits.QuestionKey);
        entity.Property(a => a.AssignedBy).HasMaxLength(TextLimits.Email);
        entity.HasOne(a => a.User).WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
        entity.HasOne(a => a.Country).WithMany().HasForeignKey(a => a.CountryIso3).OnDelete(DeleteBehavior.Restrict);
        entity.HasIndex(a => new { a.UserId, a.SectionKey }).IsUnique();
        entity.HasIndex(a => new { a.CountryIso3, a.SectionKey });
    }
}
