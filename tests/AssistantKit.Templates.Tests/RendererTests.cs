using Microsoft.Extensions.AI;
using Microsoft.Extensions.Time.Testing;

namespace AssistantKit.Templates.Tests;

public sealed class RendererTests
{
    private static readonly FakeTimeProvider Clock = new(new DateTimeOffset(2025, 3, 14, 9, 26, 0, TimeSpan.Zero));
    private static readonly TemplateRenderer Renderer = new(Clock);

    private static AssistantTemplate Template(string instructions, params TemplateVariable[] variables) => new()
    {
        Id = "t",
        Name = "T",
        Personality = "You help {{user_name}}.",
        Instructions = instructions,
        Variables = variables,
        Model = "gpt-4o",
        Temperature = 0.5,
        MaxTokens = 300,
        Tools = ["search"],
        Examples = [new() { User = "Hi from {{city}}", Assistant = "Hello!" }],
    };

    [Fact]
    public void Render_FillsVariablesDefaultsAndBuiltIns()
    {
        var template = Template("Today is {{current_date}} ({{locale}}). Speak {{ lang }}. Level {{level}}.",
            new TemplateVariable { Name = "lang", Required = true },
            new TemplateVariable { Name = "level", Type = TemplateVariableType.Select, Options = ["A1", "B2"], Default = "B2" },
            new TemplateVariable { Name = "city" });

        var rendered = Renderer.Render(template, new Dictionary<string, string> { ["lang"] = "German", ["city"] = "Köln" }, userName: "Ada", culture: new System.Globalization.CultureInfo("de-DE"));

        Assert.Equal("You help Ada.\n\nToday is 14.03.2025 (de-DE). Speak German. Level B2.", rendered.SystemPrompt);
        Assert.Equal("Hi from Köln", rendered.Examples[0].User);
    }

    [Fact]
    public void Render_MissingAndInvalid_ReportsEverythingAtOnce()
    {
        var template = Template("{{a}} {{b}} {{n}} {{d}} {{s}} {{undeclared}}",
            new TemplateVariable { Name = "a", Required = true },
            new TemplateVariable { Name = "b", Required = true },
            new TemplateVariable { Name = "n", Type = TemplateVariableType.Number },
            new TemplateVariable { Name = "d", Type = TemplateVariableType.Date },
            new TemplateVariable { Name = "s", Type = TemplateVariableType.Select, Options = ["x"] });

        var ex = Assert.Throws<TemplateRenderException>(() => Renderer.Render(template, new Dictionary<string, string> { ["n"] = "many", ["d"] = "someday", ["s"] = "y" }, userName: "u"));

        Assert.Equal(["a", "b", "city", "undeclared"], ex.MissingVariables);
        Assert.Equal(7, ex.Errors.Count);
        Assert.Contains(ex.Errors, static e => e.Contains("'many' is not a number", StringComparison.Ordinal));
        Assert.Contains(ex.Errors, static e => e.Contains("'y' is not one of x", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_ValueContainingPlaceholders_IsInsertedLiterally()
    {
        var template = Template("Topic: {{topic}}. Secret: {{secret}}", new TemplateVariable { Name = "topic" }, new TemplateVariable { Name = "secret" }, new TemplateVariable { Name = "city", Default = "x" });

        var rendered = Renderer.Render(template, new Dictionary<string, string> { ["topic"] = "{{secret}} and {{user_name}}", ["secret"] = "s3cr3t" }, userName: "Ada");

        Assert.EndsWith("Topic: {{secret}} and {{user_name}}. Secret: s3cr3t", rendered.SystemPrompt, StringComparison.Ordinal);
    }

    [Fact]
    public void ToChatOptionsAndMessages_DriveAChatClient()
    {
        var rendered = Renderer.Render(Template("Be brief.", new TemplateVariable { Name = "city", Default = "Bonn" }), userName: "Ada");
        var tool = AIFunctionFactory.Create(() => "result", "search");

        var options = rendered.ToChatOptions(name => name == "search" ? tool : null);
        var messages = rendered.ToChatMessages();

        Assert.Equal(("gpt-4o", 0.5f, 300), (options.ModelId, options.Temperature!.Value, options.MaxOutputTokens!.Value));
        Assert.Equal("You help Ada.\n\nBe brief.", options.Instructions);
        Assert.Same(tool, Assert.Single(options.Tools!));
        Assert.Equal([ChatRole.System, ChatRole.User, ChatRole.Assistant], messages.Select(static m => m.Role));
        Assert.Equal("Hi from Bonn", messages[1].Text);
        var ex = Assert.Throws<InvalidOperationException>(() => rendered.ToChatOptions(static _ => null));
        Assert.Contains("search", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BuiltInTemplates_RenderWithTheirRequiredVariables()
    {
        foreach (var template in await TemplateCatalog.BuiltIn.ListAsync(new TemplateQuery { Culture = "de" }, TestContext.Current.CancellationToken))
        {
            var values = template.Variables.Where(static v => v.Required).ToDictionary(static v => v.Name, static _ => "Beispiel");

            var rendered = Renderer.Render(template, values, userName: "Ada");

            Assert.DoesNotContain("{{", rendered.SystemPrompt, StringComparison.Ordinal);
        }
    }
}
