using System.Text;
using AssistantKit.Templates.Serialization;
using AssistantKit.TestUtils;

namespace AssistantKit.Templates.Tests;

/// <summary>The hostile-input contract of <see cref="TemplateJson"/> (docs/hostile-input.md): templates or a <see cref="TemplateValidationException"/> with paths, nothing else.</summary>
public sealed class HostileTemplateJsonTests
{
    public static TheoryData<string> Documents() =>
    [
        """{"schemaVersion":1,"templates":[{"id":"a","name":"A","category":"technical","visibility":"public","temperature":0.5,"maxTokens":100,"tags":["x"],"metadata":{"k":"v"},"examples":[{"user":"u","assistant":"a"}],"variables":[{"name":"v","type":"select","options":["o"]}]}]}""",
        """{"id":"my-helper","name":"Helper","instructions":"Help {{topic}}","examples":[{"user":"hi","assistant":"hello"}],"variables":[{"name":"topic","type":"text"}]}""",
        """{"identifier":"writer","author":"x","meta":{"title":"Writer","description":"d","tags":["t"],"category":"writing"},"config":{"systemRole":"You write.","model":"gpt-4o","params":{"temperature":0.7,"max_tokens":500},"fewShots":[{"role":"user","content":"u"},{"role":"assistant","content":"a"}],"openingMessage":"Hi"}}""",
    ];

    [Theory]
    [MemberData(nameof(Documents))]
    public async Task Mutants_ReadOrThrowOnlyTemplateValidationException(string document)
    {
        var violations = await JsonMutator.ViolationsAsync(Encoding.UTF8.GetBytes(document), 700, static mutant =>
        {
            TemplateJson.Read(mutant);
            return Task.CompletedTask;
        }, static ex => ex is TemplateValidationException { Errors.Count: > 0 } validation && validation.Errors.All(static e => e.Path.StartsWith('$')));

        Assert.True(violations.Count == 0, JsonMutator.Report(violations, 700));
    }

    [Theory]
    [InlineData("""{"schemaVersion":1,"templates":[{"id":"a","name":"A","examples":[{"user":"u","assistant":"a"}],"variables":[5]}]}""", "$.templates[0].variables[0]")]
    [InlineData("""{"schemaVersion":1,"templates":[{"id":"a","name":"A","examples":[{"user":"u","assistant":"a"}],"variables":[{"name":"v","type":5}]}]}""", "$.templates[0].variables[0].type")]
    [InlineData("""{"schemaVersion":1,"templates":[{"id":"a","name":"A","examples":[{"user":"u","assistant":"a"}],"variables":[{"name":"v","type":"select","options":[1]}]}]}""", "$.templates[0].variables[0].options[0]")]
    [InlineData("""{"meta":5,"config":{"systemRole":"x"}}""", "$.name")]
    [InlineData("""{"schemaVersion":1,"templates":[{"id":"a","name":"A","examples":[{"user":"u","assistant":"a"}]},{"id":"a","name":"B","examples":[{"user":"u","assistant":"a"}]}]}""", "$.templates[1].id")]
    [InlineData("""{"id":"a","name":"A\ud800","examples":[{"user":"u","assistant":"a"}]}""", "$.name")]
    public void ReportedCases_AreValidationErrorsWithTheirPath(string document, string path)
    {
        var error = Assert.Throws<TemplateValidationException>(() => TemplateJson.Read(document.Replace("\ud800", "\\ud800", StringComparison.Ordinal)));

        Assert.Contains(error.Errors, e => e.Path == path);
    }

    [Fact]
    public async Task ReadAsync_AnEndlessStream_IsRefusedAfterOneMegabyte()
    {
        await using var zero = File.OpenRead("/dev/zero");

        var error = await Assert.ThrowsAsync<TemplateValidationException>(() => TemplateJson.ReadAsync(zero, TestContext.Current.CancellationToken));

        Assert.Equal("maxSize", Assert.Single(error.Errors).Rule);
    }

    [Fact]
    public void InvalidUtf8_IsAnEncodingError()
    {
        var error = Assert.Throws<TemplateValidationException>(() => TemplateJson.Read([.. "{\"id\":\"a\",\"name\":\"A"u8, 0xFF, .. "\"}"u8]));

        Assert.Equal("encoding", Assert.Single(error.Errors).Rule);
    }
}
