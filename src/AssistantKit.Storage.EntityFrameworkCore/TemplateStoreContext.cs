using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace AssistantKit.Storage;

/// <summary>
/// The template tables. One subclass per database, each with its own migrations (column types differ between SQLite
/// and PostgreSQL): <see cref="SqliteTemplateStoreContext"/> and <see cref="PostgreSqlTemplateStoreContext"/>.
/// </summary>
internal abstract class TemplateStoreContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<TemplateVersionRow> TemplateVersions => Set<TemplateVersionRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        var version = modelBuilder.Entity<TemplateVersionRow>();
        version.ToTable("ak_template_versions");
        version.HasKey(static v => new { v.TemplateId, v.Version });
        version.Property(static v => v.TemplateId).HasColumnName("template_id").HasMaxLength(128);
        version.Property(static v => v.Version).HasColumnName("version");
        version.Property(static v => v.OwnerId).HasColumnName("owner_id");
        version.Property(static v => v.SavedAt).HasColumnName("saved_at");
        version.Property(static v => v.SavedBy).HasColumnName("saved_by");
        version.Property(static v => v.ChangeNote).HasColumnName("change_note");
        version.Property(static v => v.Json).HasColumnName("json");
        version.HasIndex(static v => v.OwnerId).HasDatabaseName("ix_ak_template_versions_owner");
    }
}

internal sealed class SqliteTemplateStoreContext(DbContextOptions<SqliteTemplateStoreContext> options) : TemplateStoreContext(options);

internal sealed class PostgreSqlTemplateStoreContext(DbContextOptions<PostgreSqlTemplateStoreContext> options) : TemplateStoreContext(options);

/// <summary>For <c>dotnet ef migrations add NAME --context SqliteTemplateStoreContext --output-dir Migrations/Sqlite</c>.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteTemplateStoreContext>
{
    public SqliteTemplateStoreContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteTemplateStoreContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>For <c>dotnet ef migrations add NAME --context PostgreSqlTemplateStoreContext --output-dir Migrations/PostgreSql</c>.</summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlTemplateStoreContext>
{
    public PostgreSqlTemplateStoreContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlTemplateStoreContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
