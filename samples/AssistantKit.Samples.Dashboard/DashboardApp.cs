using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.Json;
using AssistantKit.Export;
using AssistantKit.Import;
using AssistantKit.Realtime;
using AssistantKit.Templates;
using AssistantKit.Templates.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace AssistantKit.Samples.Dashboard;

/// <summary>Builds the dashboard app (also used by the browser tests, on a free port).</summary>
public static class DashboardApp
{
    /// <summary>Builds the app: on <paramref name="port"/> of 127.0.0.1 when given, else where <c>--urls</c> or <c>ASPNETCORE_URLS</c> say, else http://127.0.0.1:5080.</summary>
    public static async Task<WebApplication> BuildAsync(string[] args, int? port = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        if (port is { } fixedPort)
        {
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, fixedPort));
        }
        else if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]) && string.IsNullOrEmpty(builder.Configuration["https_ports"]))
        {
            builder.WebHost.UseUrls("http://127.0.0.1:5080"); // the default; --urls and ASPNETCORE_URLS choose another, as in any ASP.NET Core app
        }
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Services.AddAssistantKit()
            .AddRealtime(o => o.HeartbeatInterval = TimeSpan.FromSeconds(10))
            .AddSystemHealth(o => o.Interval = TimeSpan.FromSeconds(2))
            .AddPresence()
            .AddStats<DemoStats>(o => o.Interval = TimeSpan.FromSeconds(2));
        builder.Services.AddAuthentication(DemoAuthentication.Name).AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, DemoAuthentication>(DemoAuthentication.Name, null);
        builder.Services.AddAuthorization();
        builder.Services.AddSingleton<SampleLibrary>();
        builder.Services.AddHostedService<ActivitySimulator>();

        // Background exports with live progress: jobs and Quartz's tables in a SQLite file, results in a folder beside it
        // (AddPostgreSqlExportJobs for several servers). --Dashboard:DataDirectory=PATH puts both elsewhere.
        var data = builder.Configuration["Dashboard:DataDirectory"] ?? Path.Combine(Path.GetTempPath(), "assistantkit-dashboard");
        Directory.CreateDirectory(data);
        builder.Services.AddSingleton<IConversationSource>(sp => sp.GetRequiredService<SampleLibrary>());
        builder.Services.AddSingleton(new DashboardLayouts(Path.Combine(data, "layouts")));
        builder.Services.AddSqliteExportJobs($"Data Source={Path.Combine(data, "exports.db")}", o =>
        {
            o.StoragePath = Path.Combine(data, "exports");
            o.ProgressInterval = TimeSpan.FromMilliseconds(250);
            o.Retention = TimeSpan.FromDays(1);
        });

        var app = builder.Build();
        await app.Services.GetRequiredService<SampleLibrary>().LoadAsync();
        await app.Services.MigrateExportJobsAsync();
        app.UseWebSockets();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapAssistantKitRealtime("/realtime");
        app.MapAssistantKitExportJobs("/api/exports");
        MapApi(app);
        return app;
    }

    private static void MapApi(WebApplication app)
    {
        var api = app.MapGroup("/api");
        // The gallery a page at a time, with search by text, category, tag and language (the catalog's culture).
        api.MapGet("/templates", async (ITemplateCatalog catalog, string? q, string? culture, string? category, string? tag, int? page, int? pageSize, CancellationToken ct) =>
        {
            var size = Math.Clamp(pageSize ?? 24, 1, 100);
            var number = Math.Max(1, page ?? 1);
            var query = new TemplateQuery
            {
                Text = string.IsNullOrWhiteSpace(q) ? null : q,
                Culture = culture,
                Category = Enum.TryParse<TemplateCategory>(category, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : null,
                Tags = string.IsNullOrWhiteSpace(tag) ? [] : [tag.Trim()],
                Skip = (number - 1) * size,
                Take = size + 1, // one more than shown: is there a next page?
            };
            var templates = query.Text is null ? await catalog.ListAsync(query, ct) : [.. (await catalog.SearchAsync(query, ct)).Select(r => r.Template)];
            return new
            {
                Items = templates.Take(size).Select(t => new { t.Id, t.Name, t.Description, Category = t.Category.ToString().ToLowerInvariant(), t.Tags, t.Model, Examples = t.Examples.Select(e => new { e.User, e.Assistant }) }),
                Page = number,
                PageSize = size,
                HasMore = templates.Count > size,
            };
        });
        // Chat history a page at a time (no endpoint returns everything), with search: text in the title or the messages
        // (of one role when asked), creation date range, model.
        api.MapGet("/conversations", ([AsParameters] ConversationQuery query, SampleLibrary library) =>
        {
            var found = library.Conversations.Where(query.Matches).ToList();
            var size = Math.Clamp(query.PageSize ?? 25, 1, 100);
            var page = Math.Max(1, query.Page ?? 1);
            return new
            {
                Items = found.Skip((page - 1) * size).Take(size).Select(c => new { c.Id, c.Title, Messages = c.Messages.Count, CreatedAt = c.CreatedAt ?? c.Messages.FirstOrDefault()?.CreatedAt }),
                Total = found.Count,
                Page = page,
                PageSize = size,
            };
        });
        // A window of one conversation's messages, for the viewer that renders only what is on screen.
        api.MapGet("/conversations/{id}/messages", (string id, int? offset, int? limit, SampleLibrary library) =>
        {
            if (library.Find(id) is not { } conversation)
            {
                return Results.NotFound();
            }

            var start = Math.Clamp(offset ?? 0, 0, conversation.Messages.Count);
            var count = Math.Clamp(limit ?? 100, 1, 500);
            return Results.Ok(new
            {
                conversation.Title,
                Total = conversation.Messages.Count,
                Offset = start,
                Items = conversation.Messages.Skip(start).Take(count).Select((m, i) => new { Index = start + i, m.Id, Role = m.Role.ToString().ToLowerInvariant(), m.Content, m.CreatedAt, m.Model }),
            });
        });
        api.MapGet("/conversations/{id}/export", (string id, [AsParameters] ExportQuery query, SampleLibrary library) =>
        {
            if (library.Find(id) is not { } conversation)
            {
                return Results.NotFound();
            }

            // A download with its length and name; a bad option (an unknown format, a bad date range) is a 400, never half a file.
            try
            {
                return ExportResults.Download(conversation, query.ToOptions());
            }
            catch (ExportOptionsException e)
            {
                return Results.BadRequest(e.Message);
            }
        });
        api.MapPost("/export/batch", async ([FromBody] BatchRequest request, SampleLibrary library, IConversationExporter exporter, CancellationToken ct) =>
        {
            // A body with the ids missing or null, or with bad options, is the caller's mistake: a 400 that says which.
            var selected = (request.Ids ?? []).Take(1_000).Select(library.Find).OfType<Conversation>().ToList();
            if (selected.Count == 0)
            {
                return Results.BadRequest("Select at least one conversation.");
            }

            using var buffer = new MemoryStream();
            try
            {
                await exporter.ExportBatchAsync(selected.ToAsyncEnumerable(), (request.Options ?? new ExportQuery(null, null, null, null, null, null, null, null)).ToOptions(), buffer, ct);
            }
            catch (ExportOptionsException e)
            {
                return Results.BadRequest(e.Message);
            }

            return Results.File(buffer.ToArray(), "application/zip", $"conversations-{DateTime.UtcNow:yyyyMMdd-HHmmss}.zip");
        });
        api.MapGet("/presence", (IRealtimePresence presence) => presence.GetOnlineUsers());

        // The overview's widget layout, per signed-in user, validated like any other input before anything is stored.
        static string User(HttpContext context) => context.User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        api.MapGet("/layout", (HttpContext context, DashboardLayouts layouts) => layouts.Get(User(context))).RequireAuthorization();
        api.MapGet("/layout/templates", () => DashboardLayouts.Templates);
        api.MapPut("/layout", async (HttpContext context, DashboardLayouts layouts) =>
        {
            using var body = new MemoryStream();
            var buffer = new byte[4096];
            int read;
            while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                if (body.Length + read > DashboardLayouts.MaxBytes)
                {
                    return Results.BadRequest($"A layout is at most {DashboardLayouts.MaxBytes / 1024} KB.");
                }

                body.Write(buffer, 0, read);
            }

            DashboardLayout? layout;
            try
            {
                layout = DashboardLayouts.Parse(body.ToArray());
            }
            catch (JsonException e)
            {
                return Results.BadRequest($"The layout is not valid JSON at {e.Path} (line {e.LineNumber + 1}).");
            }

            if (layout?.Owner is { } owner && owner != User(context))
            {
                return Results.Problem("This layout belongs to someone else.", statusCode: StatusCodes.Status403Forbidden);
            }

            if (DashboardLayouts.Problem(layout) is { } problem)
            {
                return Results.BadRequest(problem);
            }

            layouts.Save(User(context), layout!);
            return Results.NoContent();
        }).RequireAuthorization();

        // "My templates": customizations saved with versions in the template store, import and export.
        static TemplateCaller Caller(HttpContext context) => TemplateCaller.For(context.User.Identity?.Name ?? "guest");
        api.MapPost("/templates/{id}/customize", async (string id, [FromBody] CustomizeRequest request, HttpContext context, ITemplateCatalog catalog, ITemplateStore store, CancellationToken ct) =>
        {
            if (await catalog.GetAsync(id, request.Culture, ct) is not { } source)
            {
                return Results.NotFound();
            }

            var customId = $"{id}-{Caller(context).UserId}".ToLowerInvariant();
            try
            {
                var template = new TemplateCustomization { Id = customId, Name = request.Name, Instructions = request.Instructions, Temperature = request.Temperature }.ApplyTo(source, ownerId: Caller(context).UserId);
                var current = await store.GetAsync(customId, Caller(context), ct);
                var saved = await store.SaveAsync(template, Caller(context), current?.Version, "customized in the dashboard", ct);
                return Results.Ok(new { saved.Template.Id, saved.Template.Name, saved.Version });
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException)
            {
                return Results.BadRequest(e.Message);
            }
        });
        // The template editor: a live preview of what TemplateRenderer and ToChatMessages make of the draft, with the same
        // validation as any template document (errors by JSON path, shown at their field); save makes a version; diff.
        api.MapPost("/templates/preview", async (HttpContext context, TemplateRenderer renderer, CancellationToken ct) =>
        {
            AssistantTemplate template;
            try
            {
                template = (await TemplateJson.ReadAsync(context.Request.Body, ct)).Single();
            }
            catch (TemplateValidationException e)
            {
                return Results.Ok(new { Errors = e.Errors.Select(x => new { x.Path, x.Message }) });
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException)
            {
                return Results.Ok(new { Errors = new[] { new { Path = "$", e.Message } } });
            }

            try
            {
                // A variable with no default shows as [name], as the user will see it filled in later.
                var samples = template.Variables.Where(v => v.Default is null).DistinctBy(v => v.Name).ToDictionary(v => v.Name, v => $"[{v.Name}]");
                var rendered = renderer.Render(template, samples, context.User.Identity?.Name, CultureInfo.GetCultureInfo("en"));
                return Results.Ok(new
                {
                    rendered.SystemPrompt,
                    Messages = rendered.ToChatMessages().Select(m => new { Role = m.Role.Value, m.Text }),
                    Errors = Array.Empty<object>(),
                });
            }
            catch (TemplateRenderException e)
            {
                return Results.Ok(new { Errors = e.MissingVariables.Select(v => new { Path = "$.variables", Message = $"{{{{{v}}}}} is used but is not a variable of the template." }) });
            }
        });
        api.MapPut("/my-templates/{id}", async (string id, HttpContext context, ITemplateStore store, CancellationToken ct) =>
        {
            try
            {
                var template = (await TemplateJson.ReadAsync(context.Request.Body, ct)).Single() with { Id = id };
                var current = await store.GetAsync(id, Caller(context), ct);
                var saved = await store.SaveAsync(template, Caller(context), current?.Version, "edited in the dashboard", ct);
                return Results.Ok(new { saved.Template.Id, saved.Template.Name, saved.Version });
            }
            catch (TemplateValidationException e)
            {
                return Results.BadRequest(new { Errors = e.Errors.Select(x => new { x.Path, x.Message }) });
            }
            catch (TemplateAccessDeniedException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status403Forbidden); // someone else's template
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or UnauthorizedAccessException)
            {
                return Results.BadRequest(new { Errors = new[] { new { Path = "$", e.Message } } });
            }
        });
        api.MapGet("/my-templates/{id}", async (string id, HttpContext context, ITemplateStore store, CancellationToken ct) =>
            await store.GetAsync(id, Caller(context), ct) is { } stored ? Results.Text(TemplateJson.Serialize([stored.Template]), "application/json") : Results.NotFound());
        api.MapGet("/my-templates/{id}/diff", async (string id, HttpContext context, ITemplateStore store, CancellationToken ct) =>
        {
            var history = await store.GetHistoryAsync(id, Caller(context), ct);
            return history.Count < 2
                ? Results.Ok(Array.Empty<TemplateFieldChange>())
                : Results.Ok(TemplateStoreBase.Diff(history[^2].Template, history[^1].Template));
        });
        api.MapGet("/my-templates", async (HttpContext context, ITemplateStore store, CancellationToken ct) =>
            (await store.ListAsync(Caller(context), ct)).Select(s => new { s.Template.Id, s.Template.Name, s.Version, s.SavedAt }));
        api.MapGet("/my-templates/export", async (HttpContext context, ITemplateStore store, CancellationToken ct) =>
            Results.File(System.Text.Encoding.UTF8.GetBytes(TemplateJson.Serialize((await store.ListAsync(Caller(context), ct)).Select(s => s.Template))), "application/json", "my-templates.json"));
        api.MapPost("/my-templates/import", async (HttpContext context, ITemplateStore store, CancellationToken ct) =>
        {
            try
            {
                var imported = await TemplateJson.ReadAsync(context.Request.Body, ct); // at most 1 MB is read, whatever is sent
                foreach (var template in imported)
                {
                    var current = await store.GetAsync(template.Id, Caller(context), ct);
                    await store.SaveAsync(template, Caller(context), current?.Version, "imported", ct);
                }

                return Results.Ok(new { Imported = imported.Count });
            }
            catch (Exception e) when (e is FormatException or InvalidOperationException or UnauthorizedAccessException)
            {
                return Results.BadRequest(e.Message); // invalid document (with every problem's path), a version conflict, someone else's template
            }
        });
    }
}

/// <summary>The export dialog's choices.</summary>
public sealed record ExportQuery(string? Format, string? Filter, bool? Metadata, bool? Timestamps, bool? UserInfo, string? From, string? To, string? Culture)
{
    public ExportOptions ToOptions() => new()
    {
        Format = Format ?? "json",
        MessageFilter = Enum.TryParse<MessageFilter>(Filter, ignoreCase: true, out var filter) ? filter : MessageFilter.All,
        IncludeMetadata = Metadata ?? false,
        IncludeTimestamps = Timestamps ?? true,
        IncludeUserInfo = UserInfo ?? false,
        DateRange = Days(From, To),
        Culture = Culture ?? "en",
        TimeZone = "Europe/Berlin",
    };

    /// <summary>The days from <paramref name="from"/> to <paramref name="to"/>, both whole (ISO dates; a time is taken as it is).</summary>
    public static DateRange? Days(string? from, string? to) =>
        from is null && to is null ? null : new DateRange(Parse(from, TimeSpan.Zero), Parse(to, TimeSpan.FromDays(1) - TimeSpan.FromTicks(1)));

    private static DateTimeOffset? Parse(string? date, TimeSpan add) =>
        DateTimeOffset.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value + (date!.Length <= 10 ? add : TimeSpan.Zero) : null;
}

/// <summary>Search and paging of the chat history.</summary>
public sealed record ConversationQuery(string? Q, string? From, string? To, string? Model, string? Role, int? Page, int? PageSize)
{
    public bool Matches(Conversation conversation)
    {
        var created = conversation.CreatedAt ?? conversation.Messages.FirstOrDefault()?.CreatedAt;
        if (ExportQuery.Days(From, To) is { } days && (created is null || !days.Contains(created.Value)))
        {
            return false;
        }

        var role = Enum.TryParse<MessageRole>(Role, ignoreCase: true, out var parsed) ? parsed : (MessageRole?)null;
        var messages = conversation.Messages.Where(m => role is null || m.Role == role);
        if (!string.IsNullOrWhiteSpace(Model) && !messages.Any(m => string.Equals(m.Model, Model.Trim(), StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        return string.IsNullOrWhiteSpace(Q)
            || (role is null && conversation.Title?.Contains(Q.Trim(), StringComparison.OrdinalIgnoreCase) == true)
            || messages.Any(m => m.Content.Contains(Q.Trim(), StringComparison.OrdinalIgnoreCase));
    }
}

/// <summary>The customize form.</summary>
public sealed record CustomizeRequest(string? Name, string? Instructions, double? Temperature, string? Culture);

/// <summary>A batch export of selected conversations.</summary>
public sealed record BatchRequest(IReadOnlyList<string> Ids, ExportQuery Options);

/// <summary>
/// The sample conversations, loaded once from embedded files through the importers (as a host would); also where
/// background exports read them (every demo user may export the shared samples; a real app checks the owner).
/// </summary>
public sealed class SampleLibrary(IConversationReader reader) : IConversationSource
{
    public IReadOnlyList<Conversation> Conversations { get; private set; } = [];

    public Conversation? Find(string id) => Conversations.FirstOrDefault(c => c.Id == id);

    public ValueTask<Conversation?> GetAsync(string ownerId, string conversationId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Find(conversationId));

    public async IAsyncEnumerable<string> ListIdsAsync(string ownerId, DateRange range, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var conversation in Conversations.Where(c => (c.UpdatedAt ?? c.CreatedAt) is { } at && range.Contains(at)))
        {
            await Task.Yield();
            yield return conversation.Id!;
        }
    }

    public async Task LoadAsync()
    {
        var assembly = typeof(SampleLibrary).Assembly;
        var loaded = new List<Conversation>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("conversations/", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            await using var resource = assembly.GetManifestResourceStream(name)!;
            await foreach (var item in reader.ReadAsync(resource, Path.GetFileName(name)))
            {
                if (item.Conversation is { } conversation)
                {
                    loaded.Add(conversation);
                }
            }
        }

        loaded.Add(LongConversation());
        Conversations = loaded;
    }

    /// <summary>A conversation of 10,000 messages with a little Markdown, for the viewer that renders only what is on screen.</summary>
    private static Conversation LongConversation()
    {
        var start = new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);
        string[] topics = ["retry policies", "`HttpClient` lifetimes", "**structured logging**", "EF Core migrations", "background jobs", "Unicode line breaking"];
        return new Conversation
        {
            Id = "long-10000",
            Title = "Load test: 10,000 messages",
            CreatedAt = start,
            Messages = [.. Enumerable.Range(0, 10_000).Select(i => new ConversationMessage
            {
                Id = $"long-{i:D5}",
                Role = i % 2 == 0 ? MessageRole.User : MessageRole.Assistant,
                Content = i % 2 == 0
                    ? $"Question {i + 1}: how do I handle {topics[i % topics.Length]}?"
                    : $"Answer {i + 1}: for {topics[i % topics.Length]}, start small. Use `await` all the way down and **measure** before tuning.",
                CreatedAt = start.AddSeconds(i * 30),
                Model = i % 2 == 0 ? null : "gpt-4o-mini",
            })],
        };
    }
}

/// <summary>Figures for the stat cards: live-ish numbers that change.</summary>
public sealed class DemoStats(SampleLibrary library, IRealtimePresence presence) : IRealtimeStatsProvider
{
    private long _messages = 1_240;

    public ValueTask<IReadOnlyDictionary<string, double>> GetStatsAsync(CancellationToken cancellationToken)
    {
        var messages = Interlocked.Add(ref _messages, Random.Shared.Next(1, 9));
        return ValueTask.FromResult<IReadOnlyDictionary<string, double>>(new Dictionary<string, double>
        {
            ["totalConversations"] = library.Conversations.Count + 318,
            ["messagesToday"] = messages,
            ["activeUsers"] = presence.GetOnlineUsers().Count,
            ["avgResponseSeconds"] = Math.Round(1.2 + (Random.Shared.NextDouble() * 0.8), 2),
            ["templatesUsed"] = 57 + (messages % 11),
        });
    }
}

/// <summary>Publishes a simulated activity every 1.5 s and a notification every tenth.</summary>
public sealed class ActivitySimulator(IRealtimePublisher publisher, TimeProvider time) : BackgroundService
{
    private static readonly (string Kind, string En)[] Kinds =
    [
        ("conversation_started", "started a conversation"),
        ("message_sent", "sent a message"),
        ("template_used", "used the Technical Expert template"),
        ("export_completed", "exported a conversation as PDF"),
    ];

    private static readonly string[] People = ["Ada", "Grace", "Linus", "Margaret", "Alan"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.5), time);
        for (var n = 1; await timer.WaitForNextTickAsync(stoppingToken); n++)
        {
            var (kind, text) = Kinds[n % Kinds.Length];
            var person = People[n % People.Length];
            await publisher.PublishActivityAsync(new ActivityEvent($"a{n}", kind, $"{person} {text}", time.GetUtcNow(), person.ToLowerInvariant(), person), cancellationToken: stoppingToken);
            if (n % 10 == 0)
            {
                await publisher.PublishNotificationAsync(new Notification($"n{n}", AlertLevel.Info, "AssistantKit", $"{n} activities so far", time.GetUtcNow()), cancellationToken: stoppingToken);
            }
        }
    }
}
