using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace AssistantKit.Export.Jobs;

/// <summary>The Quartz scheduler the export jobs run on: a named scheduler of its own, so a host's own Quartz setup is untouched.</summary>
internal sealed class ExportJobsScheduler(IServiceProvider services)
{
    public const string Name = "AssistantKit.Export";

    public const string JobGroup = "assistantkit-exports";

    public const string ScheduleGroup = "assistantkit-schedules";

    public const string JobIdKey = "jobId";

    public ValueTask<IScheduler> GetAsync(CancellationToken cancellationToken) =>
        services.GetRequiredKeyedService<ISchedulerFactory>(Name).GetScheduler(cancellationToken);
}
