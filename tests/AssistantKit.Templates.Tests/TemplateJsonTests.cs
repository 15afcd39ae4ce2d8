using System.Text;
using AssistantKit.Templates.Serialization;

namespace AssistantKit.Templates.Tests;

public sealed class TemplateJsonTests
{
    [Fact]
    public async Task Serialize_ThenRead_RoundTripsThePack()
    {
        var templates = await TemplateCatalog.BuiltIn.ListAsync(new TemplateQuery { Culture = "de" }, TestContext.Current.CancellationToken);

        var json = TemplateJson.Serialize(templates);
        var back = TemplateJson.Read(json);

        Assert.StartsWith("{\n  \"schemaVersion\": 1,", json, StringComparison.Ordinal);
        Assert.Contains("Übersetzung", json, StringComparison.Ordinal);
        Assert.Equal(TemplateJson.Serialize(templates), TemplateJson.Serialize(back));
    }

    [Fact]
    public void Read_InvalidTemplate_ReportsEveryErrorWithPathAndRule()
    {
        var metadata = string.Join(",", Enumerable.Range(0, 17).Select(static i => $"\"k{i}\": \"v\""));
        var json = $$"""
            {"schemaVersion": 1, "templates": [
              {"id": "ok-one", "name": "Fine", "examples": [{"user": "u", "assistant": "a"}]},
              {"id": "Bad Id", "name": "{{new string('n', 300)}}", "temperature": 3, "maxTokens": 0, "category": "magic",
               "tags": [{{string.Join(",", Enumerable.Range(0, 33).Select(static i => $"\"t{i}\""))}}],
               "metadata": { {{metadata}}, "{{new string('k', 65)}}": "{{new string('v', 513)}}" },
               "examples": [],
               "variables": [{"name": "bad name", "type": "select"}]}
            ]}
            """;

        var ex = Assert.Throws<TemplateValidationException>(() => TemplateJson.Read(json));

        var found = ex.Errors.Select(static e => (e.Path, e.Rule)).ToHashSet();
        Assert.Contains(("$.templates[1].id", "pattern"), found);
        Assert.Contains(("$.templates[1].name", "maxLength"), found);
        Assert.Contains(("$.templates[1].temperature", "range"), found);
        Assert.Contains(("$.templates[1].maxTokens", "range"), found);
        Assert.Contains(("$.templates[1].category", "enum"), found);
        Assert.Contains(("$.templates[1].tags", "maxItems"), found);
        Assert.Contains(("$.templates[1].metadata", "maxItems"), found);
        Assert.Contains(($"$.templates[1].metadata['{new string('k', 65)}']", "maxLength"), found);
        Assert.Contains(("$.templates[1].examples", "required"), found);
        Assert.Contains(("$.templates[1].variables[0].name", "pattern"), found);
        Assert.Contains(("$.templates[1].variables[0].options", "required"), found);
        Assert.DoesNotContain(ex.Errors, static e => e.Path.StartsWith("$.templates[0]", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_NewerSchemaVersion_IsRefusedClearly()
    {
        var ex = Assert.Throws<TemplateValidationException>(() => TemplateJson.Read("""{"schemaVersion": 7, "templates": []}"""));

        Assert.Contains("schemaVersion 7 is newer", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LegacyBareTemplateFromTheOriginalApp_IsMigrated()
    {
        var templates = TemplateJson.Read("""
            [{"id": "my-bot", "name": "My Bot", "description": "d", "category": "custom", "personality": "p", "instructions": "i",
              "model": "gpt-4", "tools": [], "temperature": 0.7, "maxTokens": 1000, "isActive": true, "tags": ["a"],
              "examples": [{"user": "hi", "assistant": "hello"}], "metadata": {"createdBy": "me"}}]
            """);

        var template = Assert.Single(templates);
        Assert.Equal(("my-bot", TemplateCategory.Custom, 0.7, 1000), (template.Id, template.Category, template.Temperature!.Value, template.MaxTokens!.Value));
        Assert.Equal("me", template.Metadata["createdBy"]);
    }

    [Fact]
    public void Read_LobeChatAgent_BecomesATemplate()
    {
        var template = Assert.Single(TemplateJson.Read("""
            {"identifier": "Travel Guide", "author": "someone", "schemaVersion": 1,
             "meta": {"title": "Travel Guide", "description": "Plans trips", "tags": ["travel", "planning"], "category": "life", "avatar": "x"},
             "config": {"systemRole": "You plan trips.", "model": "gpt-4o", "params": {"temperature": 0.8, "max_tokens": 900},
                        "fewShots": [{"role": "user", "content": "Rome?"}, {"role": "assistant", "content": "Three days."}]}}
            """));

        Assert.Equal(("travel-guide", "Travel Guide", "You plan trips."), (template.Id, template.Name, template.Instructions));
        Assert.Equal((0.8, 900), (template.Temperature!.Value, template.MaxTokens!.Value));
        Assert.Equal("Three days.", Assert.Single(template.Examples).Assistant);
        Assert.Equal("lobechat", template.Metadata["source"]);
    }

    [Fact]
    public void Read_TooLargeOrTooDeepOrNotJson_IsRefused()
    {
        Assert.Contains(Assert.Throws<TemplateValidationException>(() => TemplateJson.Read(new byte[TemplateJson.MaxDocumentBytes + 1])).Errors, static e => e.Rule == "maxSize");
        Assert.Contains(Assert.Throws<TemplateValidationException>(() => TemplateJson.Read(new string('[', 100) + new string(']', 100))).Errors, static e => e.Rule == "json");
        Assert.Contains(Assert.Throws<TemplateValidationException>(() => TemplateJson.Read(Encoding.UTF8.GetBytes("{\"schemaVersion\": 1, \"templates\": ["))).Errors, static e => e.Rule == "json");
    }

    [Fact]
    public async Task Customize_AppliesOverridesAndRecordsOrigin()
    {
        var source = (await TemplateCatalog.BuiltIn.GetAsync("technical-expert", cancellationToken: TestContext.Current.CancellationToken))!;

        var custom = new TemplateCustomization
        {
            Id = "my-rust-expert",
            Name = "Rust Expert",
            AddTags = ["rust"],
            RemoveTags = ["DEVOPS"],
            AppendExamples = [new() { User = "Borrow checker?", Assistant = "It enforces aliasing XOR mutation." }],
            Variables = [new TemplateVariable { Name = "stack", Default = "Rust" }],
        }.ApplyTo(source, ownerId: "u1");

        Assert.Equal(("Rust Expert", "u1", TemplateVisibility.Private), (custom.Name, custom.OwnerId, custom.Visibility));
        Assert.Equal(new TemplateOrigin { TemplateId = "technical-expert" }, custom.Origin);
        Assert.Contains("rust", custom.Tags);
        Assert.DoesNotContain("devops", custom.Tags);
        Assert.Equal(source.Examples.Count + 1, custom.Examples.Count);
        Assert.Equal("Rust", Assert.Single(custom.Variables).Default);
        Assert.Throws<TemplateValidationException>(() => new TemplateCustomization { Id = "x", Temperature = 5 }.ApplyTo(source));
    }
}
