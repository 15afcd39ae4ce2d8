using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AssistantKit.Export;

/// <summary>Minimal-API results for exports: <c>app.MapGet("/conversations/{id}/export", … =&gt; ExportResults.Download(conversation, options))</c>.</summary>
public static class ExportResults
{
    /// <summary>
    /// Answers with <paramref name="conversation"/> exported as <paramref name="options"/> say, as a file download: the
    /// export is written to a temporary file first (constant memory; a failed export answers with an error, never with
    /// half a file), then sent with its length, content type and <see cref="ContentDisposition.Attachment"/> name.
    /// Invalid options answer 400 with the reason. Uses the <see cref="IConversationExporter"/> of the request's services,
    /// in the folder <see cref="ExportServiceOptions.TemporaryDirectory"/> names (the system's temporary folder by default).
    /// </summary>
    /// <param name="conversation">The conversation.</param>
    /// <param name="options">The export options (format, filters, file name template).</param>
    /// <returns>The result.</returns>
    public static IResult Download(Conversation conversation, ExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        ArgumentNullException.ThrowIfNull(options);
        return new DownloadResult(conversation, options);
    }

    private sealed class DownloadResult(Conversation conversation, ExportOptions options) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var exporter = httpContext.RequestServices.GetRequiredService<IConversationExporter>();
            var folder = httpContext.RequestServices.GetService<IOptions<ExportServiceOptions>>()?.Value.TemporaryDirectory ?? Path.GetTempPath();
            var path = Path.Combine(folder, $"assistantkit-download-{Guid.NewGuid():N}.partial");
            try
            {
                ExportResult result;
                var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous);
                await using (file.ConfigureAwait(false))
                {
                    try
                    {
                        result = await exporter.ExportAsync(conversation, options, file, httpContext.RequestAborted).ConfigureAwait(false);
                    }
                    catch (ExportOptionsException e)
                    {
                        await Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "The export options are invalid.").ExecuteAsync(httpContext).ConfigureAwait(false);
                        return;
                    }
                }

                var response = httpContext.Response;
                response.ContentType = result.ContentType;
                response.ContentLength = new FileInfo(path).Length;
                response.Headers.ContentDisposition = ContentDisposition.Attachment(result.FileName);
                response.Headers.XContentTypeOptions = "nosniff"; // an HTML export is a download, never a page of this site
                await response.SendFileAsync(path, httpContext.RequestAborted).ConfigureAwait(false);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
