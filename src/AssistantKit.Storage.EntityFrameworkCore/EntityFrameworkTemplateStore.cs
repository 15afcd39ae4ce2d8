using AssistantKit.Templates;
using AssistantKit.Templates.Serialization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AssistantKit.Storage;

/// <summary>
/// A template store in a relational database through Entity Framework Core: PostgreSQL for several servers, SQLite
/// embedded. Every version is a row keyed by (template, version), so when two writers — on one server or on two — save
/// the same version, the database keeps the first and the other gets a <see cref="TemplateConcurrencyException"/>.
/// Registered by <c>AddPostgreSqlTemplateStore</c> or <c>AddSqliteTemplateStore</c>; tables are created by
/// <c>MigrateTemplateStoreAsync</c>.
/// </summary>
public sealed class EntityFrameworkTemplateStore : TemplateStoreBase
{
    private readonly Func<TemplateStoreContext> _context;

    internal EntityFrameworkTemplateStore(Func<TemplateStoreContext> context, TimeProvider timeProvider)
        : base(timeProvider)
    {
        _context = context;
    }

    /// <summary>Creates the tables, or brings them up to this version's schema (EF Core migrations shipped with the package).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the schema is current.</returns>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        var db = _context();
        await using var _ = db.ConfigureAwait(false);
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task<IReadOnlyList<StoredTemplate>> LoadVersionsAsync(string id, CancellationToken cancellationToken)
    {
        var db = _context();
        await using var _ = db.ConfigureAwait(false);
        var rows = await db.TemplateVersions.AsNoTracking().Where(v => v.TemplateId == id).OrderBy(static v => v.Version).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.ConvertAll(ToStored);
    }

    private static StoredTemplate ToStored(TemplateVersionRow row) => new()
    {
        Template = TemplateJson.Read(row.Json)[0],
        Version = row.Version,
        SavedAt = row.SavedAt,
        SavedBy = row.SavedBy,
        ChangeNote = row.ChangeNote,
    };

    /// <inheritdoc />
    protected override async Task<StoredTemplate?> LoadCurrentAsync(string id, CancellationToken cancellationToken)
    {
        var db = _context();
        await using var _ = db.ConfigureAwait(false);
        var row = await db.TemplateVersions.AsNoTracking().Where(v => v.TemplateId == id).OrderByDescending(static v => v.Version).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToStored(row);
    }

    /// <inheritdoc />
    protected override async Task<IReadOnlyList<StoredTemplate>> LoadAllCurrentAsync(CancellationToken cancellationToken)
    {
        // One query: the row of each template whose version is its highest (primary-key lookups on both databases).
        var db = _context();
        await using var _ = db.ConfigureAwait(false);
        var versions = db.TemplateVersions.AsNoTracking();
        var rows = await versions.Where(v => v.Version == versions.Where(w => w.TemplateId == v.TemplateId).Max(w => w.Version))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.OrderBy(static v => v.TemplateId, StringComparer.Ordinal).Select(ToStored).ToList(); // ordinal, whatever the database's collation
    }

    /// <inheritdoc />
    protected override async Task<IReadOnlyList<string>> ListIdsAsync(CancellationToken cancellationToken)
    {
        var db = _context();
        await using var _ = db.ConfigureAwait(false);
        var ids = await db.TemplateVersions.AsNoTracking().Select(static v => v.TemplateId).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
        return ids.Order(StringComparer.Ordinal).ToList();
    }

    /// <inheritdoc />
    protected override async Task<bool> TryAppendAsync(StoredTemplate version, CancellationToken cancellationToken)
    {
        var db = _context();
        await using var _ = db.ConfigureAwait(false);
        db.TemplateVersions.Add(new TemplateVersionRow
        {
            TemplateId = version.Template.Id,
            Version = version.Version,
            OwnerId = version.Template.OwnerId,
            SavedAt = version.SavedAt.ToUniversalTime(),
            SavedBy = version.SavedBy,
            ChangeNote = version.ChangeNote,
            Json = TemplateJson.Serialize([version.Template]), // a template document: it carries its schema version
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException e) when (e.InnerException is SqliteException { SqliteErrorCode: 19 } or PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            return false; // another writer saved this version first
        }
    }
}
