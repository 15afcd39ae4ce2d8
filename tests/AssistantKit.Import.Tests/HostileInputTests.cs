using System.Text;
using AssistantKit.TestUtils;
using static AssistantKit.Import.Tests.FixtureImportTests;

namespace AssistantKit.Import.Tests;

/// <summary>
/// The hostile-input contract of <see cref="IConversationReader"/> (docs/hostile-input.md), against deterministic mutants
/// of a valid document of every supported shape: the reader never throws; every item holds a conversation or a
/// <see cref="ConversationImportException"/> naming the file. A failure lists the mutant seeds, which reproduce it.
/// </summary>
public sealed class HostileInputTests
{
    private const int MutantsPerShape = 250;

    public static TheoryData<string> Shapes() =>
    [
        "chatbotui-export.json", "openwebui-export.json", "chatgpt-modern-export.json", "chatgpt-search-export.json", "claude-export.json", "librechat-export.json",
        "openai-messages.json", "anthropic-messages.json", "meai-messages.json", "assistantkit-conversation.json",
    ];

    private static readonly Dictionary<string, string> Inline = new(StringComparer.Ordinal)
    {
        ["openai-messages.json"] = """[{"role":"system","content":"Be brief."},{"role":"user","content":[{"type":"text","text":"Hi"}]},{"role":"assistant","content":null,"tool_calls":[{"id":"c1","type":"function","function":{"name":"f","arguments":"{\"a\":1}"}}]},{"role":"tool","tool_call_id":"c1","content":"ok"}]""",
        ["anthropic-messages.json"] = """{"system":"Be brief.","messages":[{"role":"user","content":[{"type":"text","text":"Hi"},{"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}}]},{"role":"assistant","content":[{"type":"thinking","thinking":"hm"},{"type":"tool_use","id":"t1","name":"f","input":{"a":1}}]},{"role":"user","content":[{"type":"tool_result","tool_use_id":"t1","content":"ok"}]}]}""",
        ["meai-messages.json"] = """[{"role":"user","contents":[{"$type":"text","text":"Hi"}]},{"role":"assistant","contents":[{"$type":"functionCall","callId":"c1","name":"f","arguments":{"a":1}}]},{"role":"tool","contents":[{"$type":"functionResult","callId":"c1","result":"ok"}]}]""",
        ["assistantkit-conversation.json"] = """{"schemaVersion":1,"id":"c1","title":"T","createdAt":"2025-01-01T10:00:00+00:00","metadata":{"k":[1]},"messages":[{"id":"m1","role":"user","content":"Hi"},{"id":"m2","parentId":"m1","role":"assistant","content":"Hello","usage":{"inputTokens":1},"parts":[{"type":"code","language":"cs","code":"x"},{"type":"toolCall","callId":"c1","name":"f","arguments":"{}"},{"type":"attachment","name":"a.png","mediaType":"image/png","data":"iVBORw0KGgo="}]}]}""",
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task Mutants_NeverThrow_AndEveryFailureIsTypedAndNamesTheFile(string shape)
    {
        var document = Inline.TryGetValue(shape, out var text) ? Encoding.UTF8.GetBytes(text) : await File.ReadAllBytesAsync(Fixture(shape), TestContext.Current.CancellationToken);
        var violations = await JsonMutator.ViolationsAsync(document, MutantsPerShape, static async mutant =>
        {
            foreach (var item in await ReadStreamAsync(new MemoryStream(mutant), fileName: "mutant.json"))
            {
                if ((item.Conversation is null) == (item.Error is null))
                {
                    throw new InvalidOperationException($"an item with {(item.Conversation is null ? "neither" : "both")} conversation and error");
                }

                if (item.Error is { } error && !error.Message.Contains("mutant.json", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"the error does not name the file: {error.Message}");
                }
            }
        }, static _ => false);

        Assert.True(violations.Count == 0, $"{shape}: {JsonMutator.Report(violations, MutantsPerShape)}");
    }

    /// <summary>Inputs that broke the contract before (issue reports, mutants, the fuzzer), each with what it must give now.</summary>
    [Theory]
    [InlineData("""[{"role":"user","contents":[{"$type":"text","text":"a"},null]}]""", "A null entry in \"contents\" holds nothing; it is skipped")]
    [InlineData("""[{"role":"user","contents":[{"text":"a"}]}]""", "without a \"$type\" this version knows")]
    [InlineData("""{"schemaVersion":1,"id":"c","messages":[{"id":"m","role":"user","content":"","parts":[{"code":"x"}]}]}""", "$.messages[0].parts[0]")]
    [InlineData("""[{"id":"c","current_node":"a","mapping":{"a":{"id":"a","parent":"b","children":["b"],"message":{"id":"a","author":{"role":"user"},"content":{"content_type":"text","parts":["x"]}}},"b":{"id":"b","parent":"a","children":["a"],"message":{"id":"b","author":{"role":"assistant"},"content":{"content_type":"text","parts":["y"]}}}}}]""", "")]
    public async Task ReportedInputs_KeepTheContract(string json, string expected)
    {
        var item = Assert.Single(await ReadStreamAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), fileName: "reported.json"));

        var said = item.Error?.Message ?? string.Join("\n", item.Warnings);
        Assert.Contains(expected, said, StringComparison.Ordinal);
    }
}
