using CopAssessment.Web.Data.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CopAssessment.Web.Data.Configurations;

public class ReportExportConfiguration : IEntityTypeConfiguration<ReportExport>
{
    public void Configure(EntityTypeBuilder<ReportExport> entity)
    {
        entity.ToTable("ReportExports");
        entity.Property(e => e.Kind).HasConversion<string>().HasMaxLength(20);
        entity.Property(e => e.Format).HasConversion<string>().HasMaxLength(10);
        entity.Property(e => e.Status).HasConversion<string>().HasMaxLength(20);
        entity.Property(e => e.RegionCode).HasMaxLength(10);
        entity.Property(e => e.CountryIso3).HasMaxLength(3);
        entity.Property(e => e.Language).HasMaxLength(10);
        entity.Property(e => e.FileName).HasMaxLength(200);
        entity.Property(e => e.Error).HasMaxLength(2000);
        entity.Property(e => e.RequestedBy).HasMaxLength(256);
        entity.HasIndex(e => new { e.Status, e.HeartbeatAt });
        entity.HasIndex(e => e.ExpiresAt);
        entity.HasIndex(e => new { e.RequestedBy, e.RequestedAt });
    }
}
