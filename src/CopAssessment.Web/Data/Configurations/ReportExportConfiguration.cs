using CopAssessment.Web.Data.Reports;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CopAssessment.Web.Data.Configurations;

public class ReportExportConfiguration : IEntityTypeConfiguration<ReportExport>
{
    public void Configure(EntityTypeBuilder<ReportExport> entity)
    {
        entity.ToTable("ReportExports");
        entity.Property(e => e.Kind).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        entity.Property(e => e.Format).HasConversion<string>().HasMaxLength(ReportExport.FormatLength);
        entity.Property(e => e.Status).HasConversion<string>().HasMaxLength(TextLimits.EnumName);
        entity.Property(e => e.RegionCode).HasMaxLength(ReportExport.RegionCodeLength);
        entity.Property(e => e.CountryIso3).HasMaxLength(TextLimits.CountryCode);
        entity.Property(e => e.Language).HasMaxLength(TextLimits.Culture);
        entity.Property(e => e.FileName).HasMaxLength(ReportExport.FileNameLength);
        entity.Property(e => e.Error).HasMaxLength(ReportExport.ErrorLength);
        entity.Property(e => e.RequestedBy).HasMaxLength(TextLimits.Email);
        entity.HasIndex(e => new { e.Status, e.HeartbeatAt });
        entity.HasIndex(e => e.ExpiresAt);
        entity.HasIndex(e => new { e.RequestedBy, e.RequestedAt });
    }
}
