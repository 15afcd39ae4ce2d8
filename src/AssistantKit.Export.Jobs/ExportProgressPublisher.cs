using AssistantKit.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AssistantKit.Export.Jobs;

/// <summary>Tells a job's owner how it stands (<c>export_progress</c>), when the host has realtime; a failed publish never fails the job.</summary>
internal sealed class ExportProgressPublisher(IServiceProvider services, ILogger<ExportProgressPublisher> logger)
{
    private readonly IRealtimePublisher? _publisher = services.GetService<IRealtimePublisher>();

    public async Task PublishAsync(ExportJob job, CancellationToken cancellationToken = default)
    {
        if (_publisher is null)
        {
            return;
        }

        try
        {
            var progress = new ExportProgress(job.Id, job.Done, job.Total, job.State.ToString().ToLowerInvariant() /* the enum's JSON name */, job.Error);
            await _publisher.PublishExportProgressAsync(progress, job.OwnerId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Could not publish the progress of export job {JobId}.", job.Id);
        }
    }

}
