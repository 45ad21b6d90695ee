using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace CopAssessment.Web.Data;

/// <remarks>
/// Migrations live in migrations/CopAssessment.Migrations. Add one from the repository root with:
/// <c>dotnet tool restore &amp;&amp; dotnet ef migrations add NAME --project migrations/CopAssessment.Migrations --startup-project src/CopAssessment.Web</c>
/// (scripts/add-migration.sh NAME does the same and starts the local cluster first).
/// </remarks>
public class CopDbContext(DbContextOptions<CopDbContext> options)
    : IdentityDbContext<ApplicationUser>(options), IDataProtectionKeyContext
{
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<Country> Countries => Set<Country>();
    public DbSet<CountryName> CountryNames => Set<CountryName>();
    public DbSet<CountryChange> CountryChanges => Set<CountryChange>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<ContributorAssignment> ContributorAssignments => Set<ContributorAssignment>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<QuestionnaireVersion> QuestionnaireVersions => Set<QuestionnaireVersion>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CopDbContext).Assembly);
    }
}
