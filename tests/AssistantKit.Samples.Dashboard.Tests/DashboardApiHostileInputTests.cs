using System.Net;
using System.Net.Http.Json;
using System.Text;
using AssistantKit.Samples.Dashboard;
using AssistantKit.TestUtils;

namespace AssistantKit.Samples.Dashboard.Tests;

/// <summary>The dashboard's API inputs under the hostile-input contract: a bad request is a 400 that says why, never a 500.</summary>
public sealed class DashboardApiHostileInputTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string> Requests() => new()
    {
        { "POST", "/api/export/batch", "{}" },
        { "POST", "/api/export/batch", """{"ids":null,"options":null}""" },
        { "POST", "/api/export/batch", """{"ids":["does-not-exist"]}""" },
        { "POST", "/api/export/batch", """{"ids":["{first}"],"options":{"format":"nope"}}""" },
        { "POST", "/api/export/batch", """{"ids":["{first}"],"options":{"from":"2025-02-01","to":"2025-01-01"}}""" },
        { "POST", "/api/my-templates/import", """{"schemaVersion":1,"templates":[{"id":"a","variables":[5]}]}""" },
        { "POST", "/api/my-templates/import", "{bad json" },
        { "POST", "/api/my-templates/import", "{\"id\":\"a\",\"name\":\"A\ud800\",\"examples\":[]}" },
        { "POST", "/api/my-templates/import", "{big}" },
        { "GET", "/api/conversations/{first}/export?format=nope", "" },
        { "GET", "/api/conversations/{first}/export?from=2025-02-01&to=2025-01-01", "" },
    };

    [Fact]
    public async Task Urls_FromTheCommandLine_AreWhereItListens()
    {
        var port = RealtimeTestServer.FreePort();
        await using var dashboard = await RunningDashboard.StartAsync(["--urls", $"http://127.0.0.1:{port}"]);
        var app = dashboard.App;
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

        Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/", Token)).StatusCode);
        Assert.Equal($"http://127.0.0.1:{port}", Assert.Single(app.Urls));
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task BadRequest_IsA400WithAReason(string method, string path, string body)
    {
        await using var dashboard = await RunningDashboard.StartAsync();
        var app = dashboard.App;
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var first = (await http.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/conversations", Token)).GetProperty("items")[0].GetProperty("id").GetString()!;
        var content = body == "{big}" ? new string(' ', 3 * 1024 * 1024) : body.Replace("{first}", first, StringComparison.Ordinal).Replace("\ud800", "\\ud800", StringComparison.Ordinal);

        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{first}", first, StringComparison.Ordinal));
        if (method == "POST")
        {
            request.Content = new StringContent(content, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request, Token);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Token)}");
        Assert.NotEmpty(await response.Content.ReadAsStringAsync(Token));
        await app.StopAsync(Token);
    }

    [Fact]
    public async Task TemplateEdit_MalformedOversizedOrSomeoneElses_RefusedAndNothingStoredChanges()
    {
        await using var dashboard = await RunningDashboard.StartAsync();
        HttpClient As(string user) => new() { BaseAddress = new Uri(dashboard.App.Urls.First()), DefaultRequestHeaders = { { "Authorization", $"Bearer demo:{user}" } } };
        using var ada = As("Ada");
        using var bob = As("Bob");
        using var customized = await ada.PostAsJsonAsync("/api/templates/technical-expert/customize", new { name = "Ada's expert", culture = "en" }, Token);
        var id = (await customized.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Token)).GetProperty("id").GetString()!;
        var before = await ada.GetStringAsync($"/api/my-templates/{id}", Token);
        var template = System.Text.Json.JsonDocument.Parse(before).RootElement.GetProperty("templates")[0].GetRawText();
        HttpContent Json(string body) => new StringContent(body, Encoding.UTF8, "application/json");

        var malformed = await ada.PutAsync($"/api/my-templates/{id}", Json("{\"name\": "), Token);
        string Changed(Action<System.Text.Json.Nodes.JsonObject> change)
        {
            var node = System.Text.Json.Nodes.JsonNode.Parse(template)!.AsObject();
            change(node);
            return node.ToJsonString();
        }

        var invalid = await ada.PutAsync($"/api/my-templates/{id}", Json(Changed(t => t["variables"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["name"] = "bad name!" }))), Token);
        var oversized = await ada.PutAsync($"/api/my-templates/{id}", Json(Changed(t => t["instructions"] = new string('x', 2 * 1024 * 1024))), Token);
        var someoneElses = await bob.PutAsync($"/api/my-templates/{id}", Json(template), Token);

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.Forbidden], new[] { malformed.StatusCode, invalid.StatusCode, oversized.StatusCode, someoneElses.StatusCode });
        Assert.Contains("$.variables[0].name", await invalid.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.Equal(before, await ada.GetStringAsync($"/api/my-templates/{id}", Token));
    }
}
