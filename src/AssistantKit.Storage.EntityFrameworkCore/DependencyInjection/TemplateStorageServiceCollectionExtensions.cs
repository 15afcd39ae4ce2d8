using AssistantKit.Storage;
using AssistantKit.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="ITemplateStore"/> in a database, in place of the default store.</summary>
public static class TemplateStorageServiceCollectionExtensions
{
    /// <summary>Stores templates in PostgreSQL (several servers share them). Call <see cref="MigrateTemplateStoreAsync"/> once at start-up.</summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddPostgreSqlTemplateStore(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddPooledDbContextFactory<PostgreSqlTemplateStoreContext>(o => o.UseNpgsql(connectionString));
        return Replace<PostgreSqlTemplateStoreContext>(services);
    }

    /// <summary>Stores templates in a SQLite file (one server, nothing to install). Call <see cref="MigrateTemplateStoreAsync"/> once at start-up.</summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString">A SQLite connection string, for example <c>Data Source=templates.db</c>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddSqliteTemplateStore(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddPooledDbContextFactory<SqliteTemplateStoreContext>(o => o.UseSqlite(connectionString));
        return Replace<SqliteTemplateStoreContext>(services);
    }

    /// <summary>Creates the store's tables or brings them up to date (the migrations shipped with the package).</summary>
    /// <param name="services">The built service provider.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the schema is current.</returns>
    public static Task MigrateTemplateStoreAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<EntityFrameworkTemplateStore>().MigrateAsync(cancellationToken);
    }

    private static IServiceCollection Replace<TContext>(IServiceCollection services)
        where TContext : TemplateStoreContext
    {
        services.TryAddSingleton(TimeProvider.System);
        services.RemoveAll<EntityFrameworkTemplateStore>();
        services.AddSingleton(static sp =>
        {
            var factory = sp.GetRequiredService<IDbContextFactory<TContext>>();
            return new EntityFrameworkTemplateStore(factory.CreateDbContext, sp.GetRequiredService<TimeProvider>());
        });
        services.RemoveAll<ITemplateStore>();
        services.AddSingleton<ITemplateStore>(static sp => sp.GetRequiredService<EntityFrameworkTemplateStore>());
        return services;
    }
}
