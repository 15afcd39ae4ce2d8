using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AssistantKit.Export.Jobs.Persistence;

/// <summary>
/// The job table (<c>ak_export_jobs</c>); the migrations also create Quartz's tables in the same database. One subclass
/// per database, each with its own migrations: <see cref="SqliteExportJobsContext"/> and <see cref="PostgreSqlExportJobsContext"/>.
/// </summary>
internal abstract class ExportJobsContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<ExportJobRow> Jobs => Set<ExportJobRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var job = modelBuilder.Entity<ExportJobRow>();
        job.ToTable("ak_export_jobs");
        job.HasKey(static j => j.Id);
        job.Property(static j => j.Id).HasColumnName("id").HasMaxLength(64);
        job.Property(static j => j.OwnerId).HasColumnName("owner_id");
        job.Property(static j => j.State).HasColumnName("state").HasConversion<string>().HasMaxLength(16);
        job.Property(static j => j.Format).HasColumnName("format").HasMaxLength(64);
        job.Property(static j => j.OptionsJson).HasColumnName("options");
        job.Property(static j => j.ConversationIdsJson).HasColumnName("conversation_ids");
        job.Property(static j => j.Total).HasColumnName("total");
        job.Property(static j => j.Done).HasColumnName("done");
        job.Property(static j => j.Failed).HasColumnName("failed");
        job.Property(static j => j.Error).HasColumnName("error");
        job.Property(static j => j.ResultKey).HasColumnName("result_key");
        job.Property(static j => j.ResultLength).HasColumnName("result_length");
        job.Property(static j => j.ScheduleId).HasColumnName("schedule_id").HasMaxLength(64);
        job.Property(static j => j.Attempts).HasColumnName("attempts");
        job.Property(static j => j.Node).HasColumnName("node");
        job.Property(static j => j.CreatedAt).HasColumnName("created_at");
        job.Property(static j => j.StartedAt).HasColumnName("started_at");
        job.Property(static j => j.FinishedAt).HasColumnName("finished_at");
        job.HasIndex(static j => new { j.OwnerId, j.CreatedAt }).HasDatabaseName("ix_ak_export_jobs_owner_created");
        job.HasIndex(static j => j.FinishedAt).HasDatabaseName("ix_ak_export_jobs_finished");
    }
}

internal sealed class SqliteExportJobsContext(DbContextOptions<SqliteExportJobsContext> options) : ExportJobsContext(options);

internal sealed class PostgreSqlExportJobsContext(DbContextOptions<PostgreSqlExportJobsContext> options) : ExportJobsContext(options);

/// <summary>For <c>dotnet ef migrations add NAME --context SqliteExportJobsContext --output-dir Persistence/Migrations/Sqlite</c>.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteExportJobsContext>
{
    public SqliteExportJobsContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteExportJobsContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>For <c>dotnet ef migrations add NAME --context PostgreSqlExportJobsContext --output-dir Persistence/Migrations/PostgreSql</c>.</summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlExportJobsContext>
{
    public PostgreSqlExportJobsContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlExportJobsContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
