using AssistantKit.Export;
using AssistantKit.Export.Jobs;
using AssistantKit.Export.Jobs.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Quartz;
using Quartz.Impl;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers background export jobs (<see cref="IExportJobs"/>) and scheduled exports (<see cref="IExportSchedules"/>)
/// on a Quartz.NET scheduler of their own, with job records and Quartz's tables in one database. The host registers
/// an <see cref="IConversationSource"/>, the exporter (<c>AddAssistantKit()</c> or <c>AddExport()</c>) and, for live
/// progress, realtime.
/// </summary>
public static class ExportJobsServiceCollectionExtensions
{
    /// <summary>
    /// Runs export jobs on a cluster of servers sharing PostgreSQL: each job runs once, on one server; when that server
    /// dies another runs it again. Call <see cref="MigrateExportJobsAsync"/> once at start-up, before the host starts.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="configure">Configures the options, or <see langword="null"/>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddPostgreSqlExportJobs(this IServiceCollection services, string connectionString, Action<ExportJobsOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddPooledDbContextFactory<PostgreSqlExportJobsContext>(o => o.UseNpgsql(connectionString));
        return Add<PostgreSqlExportJobsContext>(services, configure, (store, settings) =>
        {
            store.UsePostgres(connectionString);
            store.UseClustering(c =>
            {
                c.CheckinInterval = settings.ClusterCheckinInterval;
                c.CheckinMisfireThreshold = settings.ClusterCheckinMisfireThreshold;
            });
        });
    }

    /// <summary>
    /// Runs export jobs on this server with a SQLite file (nothing to install; one server). Call
    /// <see cref="MigrateExportJobsAsync"/> once at start-up, before the host starts.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="connectionString">A SQLite connection string, for example <c>Data Source=exports.db</c>.</param>
    /// <param name="configure">Configures the options, or <see langword="null"/>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddSqliteExportJobs(this IServiceCollection services, string connectionString, Action<ExportJobsOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddPooledDbContextFactory<SqliteExportJobsContext>(o => o.UseSqlite(connectionString));
        return Add<SqliteExportJobsContext>(services, configure, (store, _) => store.UseSqlite(connectionString));
    }

    /// <summary>Creates the job tables and Quartz's tables, or brings them up to date (the migrations shipped with the package). Safe to run on several servers at once.</summary>
    /// <param name="services">The built service provider.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the schema is current.</returns>
    /// <exception cref="ExportJobsUnavailableException">The database cannot be reached.</exception>
    public static Task MigrateExportJobsAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<ExportJobsDatabase>().MigrateAsync(cancellationToken);
    }

    private static IServiceCollection Add<TContext>(IServiceCollection services, Action<ExportJobsOptions>? configure, Action<IPersistentStoreBuilder, ExportJobsOptions> useDatabase)
        where TContext : ExportJobsContext
    {
        // Quartz's settings are fixed when it is registered, so they are read from the same callback here.
        var settings = new ExportJobsOptions();
        configure?.Invoke(settings);
        if (new ExportJobsOptionsValidator().Validate(null, settings) is { Failed: true } invalid)
        {
            throw new OptionsValidationException(nameof(ExportJobsOptions), typeof(ExportJobsOptions), invalid.Failures);
        }

        services.AddOptions<ExportJobsOptions>().Configure(o => configure?.Invoke(o));

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(static sp => new ExportJobsDatabase(sp.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContext, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IExportStorage>(static sp => new FileSystemExportStorage(sp.GetRequiredService<IOptions<ExportJobsOptions>>().Value.StoragePath));
        services.TryAddSingleton<ExportJobsScheduler>();
        services.TryAddSingleton<ExportProgressPublisher>();
        services.TryAddSingleton<QuartzExportJobs>();
        services.TryAddSingleton<IExportJobs>(static sp => sp.GetRequiredService<QuartzExportJobs>());
        services.TryAddSingleton<IExportSchedules, QuartzExportSchedules>();

        services.AddQuartz(ExportJobsScheduler.Name, q =>
        {
            if (settings.InstanceId is { } instanceId)
            {
                q.ConfigureScheduler(s => s.InstanceId = instanceId);
            }

            // A shutdown asks running exports to stop and hands them back: another server (or this one, restarted)
            // runs them again instead of the shutdown waiting minutes for them.
            q.ConfigureScheduler(s =>
            {
                s.ShutdownJobInterruption = ShutdownJobInterruption.Always;
                s.IdleWaitTime = settings.PollInterval;
            });
            if (settings.RunJobs)
            {
                q.UseDefaultThreadPool(settings.MaxConcurrency);
            }
            else
            {
                q.UseThreadPool<ZeroSizeThreadPool>();
            }

            q.UsePersistentStore(store =>
            {
                store.ConfigureStore(o =>
                {
                    o.StoreJobDataAsStrings = true;
                    o.RecoverFiringsCancelledByShutdown = true;
                });
                useDatabase(store, settings);
            });
            q.AddJob<ExportRetentionJob>(j => j.WithIdentity(ExportRetentionJob.Key).StoreDurably());
            q.AddTrigger(t => t.ForJob(ExportRetentionJob.Key).WithIdentity(ExportRetentionJob.Key.Name, ExportJobsScheduler.JobGroup).StartNow()
                .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(settings.RetentionSweepInterval).RepeatForever()));
        });
        // The shutdown does not wait for running jobs: they are interrupted above and run again (handed back, or
        // recovered from the database). Waiting would hang the host while the database is down: Quartz retries
        // completing each interrupted firing until the database answers, and the wait for jobs waits on those retries.
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = false);
        if (!settings.RunJobs)
        {
            // Built and bound to the database, never started: it stores jobs and schedules, other servers fire them.
            services.AddQuartzHostedService(ExportJobsScheduler.Name, o => o.AutoStart = false);
        }

        return services;
    }
}
