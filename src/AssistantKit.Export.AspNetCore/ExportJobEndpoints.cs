using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AssistantKit.Export;

/// <summary>
/// The HTTP API of background export jobs and schedules for the signed-in user:
/// <c>app.MapAssistantKitExportJobs("/exports")</c>. Needs <see cref="IExportJobs"/> and <see cref="IExportSchedules"/>
/// (for example <c>AddPostgreSqlExportJobs</c>). Every endpoint requires an authenticated user, whose id
/// (<see cref="ClaimTypes.NameIdentifier"/>, else the name) owns the jobs; another user's job or schedule answers 404,
/// as if it did not exist.
/// </summary>
public static class ExportJobEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>POST {pattern}</c> (queue: <c>{"conversationIds": [...], "options": {...}}</c>, 202 with the job),
    /// <c>GET {pattern}</c> (my jobs, newest first, <c>?limit=</c>), <c>GET {pattern}/{id}</c>, <c>DELETE {pattern}/{id}</c>
    /// (cancel: 204, or 409 once finished), <c>GET {pattern}/{id}/download</c> (the ZIP, with ranges), and
    /// <c>GET|POST {pattern}/schedules</c>, <c>DELETE {pattern}/schedules/{id}</c>. Invalid input answers 400 with what
    /// and where; a job database that cannot be reached answers 503 with <c>Retry-After</c>.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="pattern">The route prefix.</param>
    /// <returns>The group, to add policies (<c>.RequireAuthorization("policy")</c>, rate limiting) to.</returns>
    public static RouteGroupBuilder MapAssistantKitExportJobs(this IEndpointRouteBuilder endpoints, string pattern = "/exports")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup(pattern);
        group.RequireAuthorization();
        group.MapPost("", Guarded(EnqueueAsync));
        group.MapGet("", Guarded(ListAsync));
        group.MapGet("/schedules", Guarded(ListSchedulesAsync));
        group.MapPost("/schedules", Guarded(SaveScheduleAsync));
        group.MapDelete("/schedules/{id}", Guarded(DeleteScheduleAsync));
        group.MapGet("/{id}", Guarded(GetAsync));
        group.MapDelete("/{id}", Guarded(CancelAsync));
        group.MapGet("/{id}/download", Guarded(DownloadAsync));
        return group;
    }

    private static async Task<IResult> EnqueueAsync(HttpContext context, string owner)
    {
        var body = await context.Request.ReadFromJsonAsync(ExportJobsHttpJson.Default.ExportJobBody, context.RequestAborted).ConfigureAwait(false)
            ?? throw new ArgumentException("The body is empty; send {\"conversationIds\": [...], \"options\": {...}}.");
        var job = await Jobs(context).EnqueueAsync(new ExportJobRequest(owner, body.ConversationIds ?? [], body.Options ?? new ExportOptions()), context.RequestAborted).ConfigureAwait(false);
        var location = $"{context.Request.PathBase}{context.Request.Path.Value?.TrimEnd('/')}/{Uri.EscapeDataString(job.Id)}";
        return new Located(Results.Json(job, ExportJobsHttpJson.Default.ExportJob, statusCode: StatusCodes.Status202Accepted), location);
    }

    private static async Task<IResult> ListAsync(HttpContext context, string owner)
    {
        var limit = int.TryParse(context.Request.Query["limit"], out var asked) ? asked : 50;
        if (limit is < 1 or > 500)
        {
            throw new ArgumentException("limit is 1 to 500.");
        }

        var jobs = await Jobs(context).ListAsync(owner, limit, context.RequestAborted).ConfigureAwait(false);
        return Results.Json(jobs, ExportJobsHttpJson.Default.IReadOnlyListExportJob);
    }

    private static async Task<IResult> GetAsync(HttpContext context, string owner) =>
        await Jobs(context).GetAsync(owner, Id(context), context.RequestAborted).ConfigureAwait(false) is { } job
            ? Results.Json(job, ExportJobsHttpJson.Default.ExportJob)
            : NotFound();

    private static async Task<IResult> CancelAsync(HttpContext context, string owner)
    {
        var jobs = Jobs(context);
        if (await jobs.CancelAsync(owner, Id(context), context.RequestAborted).ConfigureAwait(false))
        {
            return Results.NoContent();
        }

        return await jobs.GetAsync(owner, Id(context), context.RequestAborted).ConfigureAwait(false) is { } job
            ? Results.Problem($"The job has already {job.State.ToString().ToLowerInvariant()}.", statusCode: StatusCodes.Status409Conflict, title: "The job has ended.")
            : NotFound();
    }

    private static async Task<IResult> DownloadAsync(HttpContext context, string owner)
    {
        var jobs = Jobs(context);
        if (await jobs.OpenResultAsync(owner, Id(context), context.RequestAborted).ConfigureAwait(false) is not { } result)
        {
            return await jobs.GetAsync(owner, Id(context), context.RequestAborted).ConfigureAwait(false) is { IsFinished: false }
                ? Results.Problem("The job has not finished yet.", statusCode: StatusCodes.Status409Conflict, title: "No result yet.")
                : NotFound();
        }

        var created = result.Job.FinishedAt ?? result.Job.CreatedAt;
        context.Response.Headers.ContentDisposition = ContentDisposition.Attachment($"assistantkit-export-{created:yyyy-MM-dd}-{result.Job.Id}.zip");
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Stream(result.Content, "application/zip", enableRangeProcessing: true);
    }

    private static async Task<IResult> ListSchedulesAsync(HttpContext context, string owner) =>
        Results.Json(await Schedules(context).ListAsync(owner, context.RequestAborted).ConfigureAwait(false), ExportJobsHttpJson.Default.IReadOnlyListExportSchedule);

    private static async Task<IResult> SaveScheduleAsync(HttpContext context, string owner)
    {
        var body = await context.Request.ReadFromJsonAsync(ExportJobsHttpJson.Default.ExportScheduleBody, context.RequestAborted).ConfigureAwait(false)
            ?? throw new ArgumentException("The body is empty; send {\"name\": ..., \"cron\": ..., \"timeZone\": ..., \"lookback\": \"7.00:00:00\", \"options\": {...}}.");
        var schedule = await Schedules(context).SaveAsync(
            new ExportSchedule
            {
                Id = body.Id ?? "",
                OwnerId = owner,
                Name = body.Name ?? "",
                Cron = body.Cron ?? "",
                TimeZone = body.TimeZone ?? "UTC",
                Lookback = body.Lookback ?? TimeSpan.FromDays(7),
                Options = body.Options ?? new ExportOptions(),
            },
            context.RequestAborted).ConfigureAwait(false);
        return Results.Json(schedule, ExportJobsHttpJson.Default.ExportSchedule);
    }

    private static async Task<IResult> DeleteScheduleAsync(HttpContext context, string owner) =>
        await Schedules(context).DeleteAsync(owner, Id(context), context.RequestAborted).ConfigureAwait(false) ? Results.NoContent() : NotFound();

    /// <summary>Runs a handler for the signed-in user, turning bad input into 400 and an unreachable job database into 503.</summary>
    private static RequestDelegate Guarded(Func<HttpContext, string, Task<IResult>> handler) => async context =>
    {
        IResult result;
        var owner = context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.User.Identity?.Name;
        try
        {
            result = owner is null
                ? Results.Problem("Export jobs belong to a signed-in user.", statusCode: StatusCodes.Status401Unauthorized)
                : context.Request.ContentLength > 0 && !context.Request.HasJsonContentType()
                    ? Results.Problem($"The body is JSON (Content-Type: application/json), not '{context.Request.ContentType}'.", statusCode: StatusCodes.Status415UnsupportedMediaType)
                    : await handler(context, owner).ConfigureAwait(false);
        }
        catch (ExportJobsUnavailableException e)
        {
            context.Response.Headers.RetryAfter = "5";
            result = Results.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "Export jobs are unavailable.");
        }
        catch (JsonException e)
        {
            result = Results.Problem($"The body is not valid JSON at {e.Path ?? "$"} (line {e.LineNumber + 1}): {e.Message}", statusCode: StatusCodes.Status400BadRequest, title: "Invalid request.");
        }
        catch (Exception e) when (e is ArgumentException or ExportOptionsException or BadHttpRequestException)
        {
            result = Results.Problem(e.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request.");
        }

        await result.ExecuteAsync(context).ConfigureAwait(false);
    };

    private static IResult NotFound() => Results.Problem("You have no such export job or schedule.", statusCode: StatusCodes.Status404NotFound);

    private static string Id(HttpContext context) => (string?)context.GetRouteValue("id") ?? "";

    private static IExportJobs Jobs(HttpContext context) => context.RequestServices.GetRequiredService<IExportJobs>();

    private static IExportSchedules Schedules(HttpContext context) => context.RequestServices.GetRequiredService<IExportSchedules>();

    /// <summary>A result with a <c>Location</c> header.</summary>
    private sealed class Located(IResult inner, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.Location = location;
            return inner.ExecuteAsync(httpContext);
        }
    }
}

/// <summary>The body of <c>POST /exports</c>.</summary>
internal sealed record ExportJobBody(IReadOnlyList<string>? ConversationIds, ExportOptions? Options);

/// <summary>The body of <c>POST /exports/schedules</c>.</summary>
internal sealed record ExportScheduleBody(string? Id, string? Name, string? Cron, string? TimeZone, TimeSpan? Lookback, ExportOptions? Options);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ExportJobBody))]
[JsonSerializable(typeof(ExportScheduleBody))]
[JsonSerializable(typeof(ExportJob))]
[JsonSerializable(typeof(IReadOnlyList<ExportJob>))]
[JsonSerializable(typeof(ExportSchedule))]
[JsonSerializable(typeof(IReadOnlyList<ExportSchedule>))]
internal sealed partial class ExportJobsHttpJson : JsonSerializerContext;
