using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AssistantKit.TestUtils;

namespace AssistantKit.Export.Jobs.Tests;

/// <summary>The HTTP API over real Kestrel, with two signed-in users.</summary>
public sealed class EndpointTests(JobDatabases databases) : IClassFixture<JobDatabases>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task JobFlow_QueueWatchDownload_AndNobodyElseSeesIt()
    {
        await using var server = await StartAsync(await databases.CreateAsync("sqlite"));
        using var ada = Client(server, "ada");
        using var bob = Client(server, "bob");

        using var queued = await ada.PostAsJsonAsync("exports", new { conversationIds = new[] { "c-1", "missing-1", "c-2" }, options = new { format = "markdown", includeMetadata = true } }, Ct);
        Assert.True(queued.StatusCode == HttpStatusCode.Accepted, await queued.Content.ReadAsStringAsync(Ct));
        var job = await queued.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = job.GetProperty("id").GetString()!;
        Assert.Equal($"/exports/{id}", queued.Headers.Location!.OriginalString);
        Assert.Equal("queued", job.GetProperty("state").GetString());
        JsonElement status;
        do
        {
            await Task.Delay(50, Ct);
            status = await ada.GetFromJsonAsync<JsonElement>($"exports/{id}", Ct);
        }
        while (status.GetProperty("state").GetString() is "queued" or "running");

        Assert.Equal(("succeeded", 3, 1), (status.GetProperty("state").GetString(), status.GetProperty("done").GetInt32(), status.GetProperty("failed").GetInt32()));
        using var download = await ada.GetAsync($"exports/{id}/download", Ct);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(status.GetProperty("resultLength").GetInt64(), download.Content.Headers.ContentLength);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.EndsWith($"-{id}.zip", download.Content.Headers.ContentDisposition.FileName, StringComparison.Ordinal);
        using (var zip = new ZipArchive(await download.Content.ReadAsStreamAsync(Ct)))
        {
            Assert.Equal(3, zip.Entries.Count); // two conversations and the manifest
        }

        using var range = new HttpRequestMessage(HttpMethod.Get, $"exports/{id}/download") { Headers = { Range = new RangeHeaderValue(0, 9) } };
        using var partial = await ada.SendAsync(range, Ct);
        Assert.Equal((HttpStatusCode.PartialContent, 10L), (partial.StatusCode, partial.Content.Headers.ContentLength)); // a broken download resumes

        Assert.Equal([id], (await ada.GetFromJsonAsync<JsonElement[]>("exports", Ct))!.Select(j => j.GetProperty("id").GetString()));
        Assert.Empty((await bob.GetFromJsonAsync<JsonElement[]>("exports", Ct))!);
        foreach (var (method, path) in new[] { ("GET", $"exports/{id}"), ("GET", $"exports/{id}/download"), ("DELETE", $"exports/{id}") })
        {
            using var response = await bob.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Ct);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode); // not 403: bob learns nothing about ada's jobs
        }

        using var cancelFinished = await ada.DeleteAsync($"exports/{id}", Ct);
        Assert.Equal(HttpStatusCode.Conflict, cancelFinished.StatusCode);
        using var anonymous = new HttpClient { BaseAddress = server.HttpUri };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("exports", Ct)).StatusCode);
    }

    [Fact]
    public async Task Cancel_ByOwner_StopsTheJob_AndLeavesNoDownload()
    {
        var source = new TestConversationSource { Delay = TimeSpan.FromMilliseconds(50) };
        await using var server = await StartAsync(await databases.CreateAsync("sqlite"), source);
        using var ada = Client(server, "ada");
        using var queued = await ada.PostAsJsonAsync("exports", new { conversationIds = TestConversationSource.Ids(300) }, Ct);
        var id = (await queued.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;

        using var cancel = await ada.DeleteAsync($"exports/{id}", Ct);
        var status = await ada.GetFromJsonAsync<JsonElement>($"exports/{id}", Ct);

        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        Assert.Equal("cancelled", status.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await ada.GetAsync($"exports/{id}/download", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("{\"conversationIds\": []}", "1 to 100000")]
    [InlineData("{\"conversationIds\": [\"c-1\"], \"options\": {\"format\": \"docx\"}}", "docx")]
    [InlineData("{\"conversationIds\": [\"c-1\"], \"options\": {\"format\": 7}}", "at $.options (line 1): format is a string")]
    [InlineData("{\"conversationIds\": [\"c-1\"], \"options\": {\"fromat\": \"pdf\"}}", "Unknown export option 'fromat'")]
    [InlineData("{\"conversationIds\": [\"c-1\"", "line 1")]
    [InlineData("", "not valid JSON")]
    public async Task Enqueue_BadBody_400SayingWhatAndWhere(string body, string expected)
    {
        await using var server = await StartAsync(await databases.CreateAsync("sqlite"));
        using var ada = Client(server, "ada");

        using var response = await ada.PostAsync("exports", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains(expected, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await ada.GetFromJsonAsync<JsonElement[]>("exports", Ct))!);
    }

    [Fact]
    public async Task Enqueue_NotJson_415SayingSo()
    {
        await using var server = await StartAsync(await databases.CreateAsync("sqlite"));
        using var ada = Client(server, "ada");

        using var response = await ada.PostAsync("exports", new StringContent("conversationIds=c-1", Encoding.UTF8, "application/x-www-form-urlencoded"), Ct);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Contains("application/json", (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty((await ada.GetFromJsonAsync<JsonElement[]>("exports", Ct))!);
    }

    [Fact]
    public async Task Enqueue_FuzzedBodies_AlwaysAcceptedOrA400WithAReason_NeverAServerError()
    {
        await using var server = await StartAsync(await databases.CreateAsync("sqlite"));
        using var ada = Client(server, "ada");
        var body = """
            {"conversationIds": ["c-1", "missing-2"], "options": {"format": "markdown", "includeMetadata": true, "includeTimestamps": false,
             "messageFilter": "assistant", "dateRange": {"start": "2025-01-01T00:00:00Z", "end": null}, "timeZone": "Europe/Berlin",
             "culture": "de", "fileNameTemplate": "{title} {date}", "csvSeparator": ";", "maxEmbeddedAttachmentBytes": 1024}}
            """u8.ToArray();
        var statuses = new Dictionary<HttpStatusCode, int>();

        var violations = await JsonMutator.ViolationsAsync(body, 400, async mutant =>
        {
            using var response = await ada.PostAsync("exports", new ByteArrayContent(mutant) { Headers = { ContentType = new("application/json") } }, Ct);
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            var text = await response.Content.ReadAsStringAsync(Ct);
            if (response.StatusCode is not (HttpStatusCode.Accepted or HttpStatusCode.BadRequest))
            {
                throw new InvalidOperationException($"{(int)response.StatusCode}: {text}");
            }

            if (response.StatusCode == HttpStatusCode.BadRequest && JsonDocument.Parse(text).RootElement.GetProperty("detail").GetString() is not { Length: > 0 })
            {
                throw new InvalidOperationException("A 400 without a reason.");
            }
        }, static _ => false);

        Assert.True(violations.Count == 0, JsonMutator.Report(violations, 400));
        Assert.True(statuses.GetValueOrDefault(HttpStatusCode.Accepted) > 0 && statuses.GetValueOrDefault(HttpStatusCode.BadRequest) > 0, string.Join(", ", statuses));
    }

    [Fact]
    public async Task DatabaseDown_503WithRetryAfter_AndNothingHalfQueued()
    {
        var postgres = await PostgresServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync();
        await using var server = await StartAsync(database);
        using var ada = Client(server, "ada");
        Assert.Equal(HttpStatusCode.OK, (await ada.GetAsync("exports", Ct)).StatusCode);

        await postgres.DisposeAsync(); // the database server dies
        using var enqueue = await ada.PostAsJsonAsync("exports", new { conversationIds = new[] { "c-1" } }, Ct);
        using var list = await ada.GetAsync("exports", Ct);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, enqueue.StatusCode);
        Assert.Equal("5", enqueue.Headers.RetryAfter!.ToString());
        Assert.Contains("cannot be reached", (await enqueue.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, list.StatusCode);
    }

    [Fact]
    public async Task Schedules_CreateListDelete_PerUser()
    {
        await using var server = await StartAsync(await databases.CreateAsync("sqlite"));
        using var ada = Client(server, "ada");
        using var bob = Client(server, "bob");

        using var created = await ada.PostAsJsonAsync("exports/schedules", new { name = "Monday PDF", cron = "0 0 6 ? * MON", timeZone = "Europe/Berlin", lookback = "7.00:00:00", options = new { format = "pdf" } }, Ct);
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync(Ct));
        var schedule = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = schedule.GetProperty("id").GetString()!;
        using var invalid = await ada.PostAsJsonAsync("exports/schedules", new { name = "Bad", cron = "whenever" }, Ct);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True(schedule.TryGetProperty("nextFireTime", out _));
        Assert.Single((await ada.GetFromJsonAsync<JsonElement[]>("exports/schedules", Ct))!);
        Assert.Empty((await bob.GetFromJsonAsync<JsonElement[]>("exports/schedules", Ct))!);
        Assert.Equal(HttpStatusCode.NotFound, (await bob.DeleteAsync($"exports/schedules/{id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ada.DeleteAsync($"exports/schedules/{id}", Ct)).StatusCode);
        Assert.Empty((await ada.GetFromJsonAsync<JsonElement[]>("exports/schedules", Ct))!);
    }

    private Task<RealtimeTestServer> StartAsync(string database, TestConversationSource? source = null) =>
        ExportJobsTestHost.StartAsync(database, databases.Folder(), source ?? new TestConversationSource(), configureApp: app => app.MapAssistantKitExportJobs("/exports"));

    private static HttpClient Client(RealtimeTestServer server, string user) => new()
    {
        BaseAddress = server.HttpUri,
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", TestAuthHandler.Token(user)) },
    };
}
