using System.Text;
using AssistantKit.Serialization;
using AssistantKit.TestUtils;
using static AssistantKit.Export.Tests.ExportTestHelpers;

namespace AssistantKit.Export.Tests;

public sealed class ConversationExporterTests
{
    [Fact]
    public void Formats_BuiltIns_AreRegistered()
    {
        Assert.Equal(["csv", "html", "json", "markdown", "pdf", "txt"], Exporter.Formats.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("docx", "Format", "Valid formats: csv, html, json, markdown, pdf, txt")]
    [InlineData("json", "TimeZone", "Europe/Berlin")]
    [InlineData("json", "Culture", "\"de\"")]
    public async Task ExportAsync_InvalidOptions_ThrowsListingValidValues(string format, string param, string listed)
    {
        var options = new ExportOptions
        {
            Format = format,
            TimeZone = param == "TimeZone" ? "Mars/Olympus" : "UTC",
            Culture = param == "Culture" ? "xx-NOPE" : "en",
        };

        var ex = await Assert.ThrowsAsync<ExportOptionsException>(() => Exporter.ExportAsync(SampleConversations.Create(2), options, Stream.Null, TestContext.Current.CancellationToken));

        Assert.Equal(param, ex.ParamName);
        Assert.Contains(listed, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportAsync_DateRangeStartAfterEnd_Throws()
    {
        var options = new ExportOptions { DateRange = new DateRange(DateTimeOffset.UnixEpoch.AddDays(2), DateTimeOffset.UnixEpoch) };

        var ex = await Assert.ThrowsAsync<ExportOptionsException>(() => Exporter.ExportAsync(SampleConversations.Create(2), options, Stream.Null, TestContext.Current.CancellationToken));

        Assert.Equal("DateRange", ex.ParamName);
    }

    [Fact]
    public async Task ExportAsync_FiltersAndOptions_ShapeTheOutput()
    {
        var conversation = SampleConversations.Header() with
        {
            Messages =
            [
                Message("s", MessageRole.System, "system prompt", 0),
                Message("u1", MessageRole.User, "early", 1) with { AuthorName = "Ada" },
                Message("a1", MessageRole.Assistant, "answer", 2) with { Parts = [new ReasoningPart { Text = "secret thoughts" }], Model = "gpt" },
                Message("u2", MessageRole.User, "late", 30),
                Message("t", MessageRole.Tool, "tool output", 31),
            ],
        };
        var options = new ExportOptions
        {
            MessageFilter = MessageFilter.All,
            IncludeSystemMessages = false,
            IncludeToolMessages = false,
            IncludeReasoning = false,
            DateRange = new DateRange(new DateTimeOffset(2025, 1, 1, 10, 1, 0, TimeSpan.Zero), new DateTimeOffset(2025, 1, 1, 10, 5, 0, TimeSpan.Zero)),
            TimeZone = "Europe/Berlin",
        };

        var (json, result) = await ExportToStringAsync(conversation, options);
        var back = ConversationJson.Deserialize(json);

        Assert.Equal(["u1", "a1"], back.Messages.Select(static m => m.Id));
        Assert.Equal(2, result.MessagesWritten);
        Assert.Null(back.Messages[0].AuthorName); // user info off
        Assert.Empty(back.Participants);
        Assert.Null(back.Messages[1].Model); // metadata off
        Assert.Empty(back.Messages[1].Parts); // reasoning off
        Assert.Equal(TimeSpan.FromHours(1), back.Messages[0].CreatedAt!.Value.Offset); // Berlin in January
        Assert.Equal(conversation.Messages[1].CreatedAt, back.Messages[0].CreatedAt);
    }

    [Theory]
    [InlineData(MessageFilter.User, new[] { "u1", "u2" })]
    [InlineData(MessageFilter.Assistant, new[] { "a1" })]
    public async Task ExportAsync_RoleFilter_KeepsOnlyThatRole(MessageFilter filter, string[] expected)
    {
        var conversation = new Conversation
        {
            Id = "c",
            Messages = [Message("u1", MessageRole.User, "q"), Message("a1", MessageRole.Assistant, "a"), Message("u2", MessageRole.User, "q2"), Message("s", MessageRole.System, "s")],
        };

        var (json, _) = await ExportToStringAsync(conversation, new ExportOptions { MessageFilter = filter });

        Assert.Equal(expected, ConversationJson.Deserialize(json).Messages.Select(static m => m.Id));
    }

    [Fact]
    public async Task ExportAsync_JsonWithEverythingIncluded_ReimportsLosslessly()
    {
        var conversation = SampleConversations.Create(50);

        var (json, _) = await ExportToStringAsync(conversation, new ExportOptions { IncludeMetadata = true, IncludeUserInfo = true });

        Assert.True(ConversationAssert.StructurallyEqual(conversation, ConversationJson.Deserialize(json)));
        Assert.Contains("Grüße", json, StringComparison.Ordinal);
        Assert.Contains("Конечно", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("markdown")]
    [InlineData("txt")]
    [InlineData("csv")]
    [InlineData("html")]
    public async Task ExportAsync_BadText_GivesValidUtf8AndAWarning(string format)
    {
        var conversation = new Conversation
        {
            Id = "c",
            Title = null,
            Messages =
            [
                Message("m1", MessageRole.User, "lone \uD800 surrogate and \u0001\u001b controls") with { AuthorName = "Ada \uDC00", Parts = [new CodePart { Code = "x\uD800", Language = "py\uDBFF" }] },
                Message("m2", MessageRole.Assistant, "later", 0) with { CreatedAt = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero) }, // out of time order
                Message("m3", MessageRole.Assistant, ""),
            ],
        };

        using var stream = new MemoryStream();
        var result = await Exporter.ExportAsync(conversation, new ExportOptions { Format = format, IncludeUserInfo = true }, stream, TestContext.Current.CancellationToken);

        // Message text reaches the formatters as it is; their UTF-8 encoders replace each lone surrogate (JSON escapes the replacement).
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(stream.ToArray());
        Assert.Contains(format == "json" ? "\\uFFFD" : "\uFFFD", text, StringComparison.Ordinal);
        if (format == "json")
        {
            var back = ConversationJson.Deserialize(text).Messages[0];
            var code = (CodePart)back.Parts[0];
            Assert.Equal(["lone \uFFFD surrogate and \u0001\u001b controls", "Ada \uFFFD", "x\uFFFD", "py\uFFFD"], [back.Content, back.AuthorName, code.Code, code.Language]);
        }

        Assert.Single(result.Warnings);
        Assert.Equal(3, result.MessagesWritten);
        Assert.StartsWith("Untitled conversation", result.FileName, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("markdown")]
    [InlineData("txt")]
    [InlineData("csv")]
    [InlineData("html")]
    public async Task ExportAsync_EmptyConversation_WritesAValidDocument(string format)
    {
        var (text, result) = await ExportToStringAsync(new Conversation { Id = "empty" }, new ExportOptions { Format = format });

        Assert.Equal(0, result.MessagesWritten);
        Assert.NotEmpty(text);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("markdown")]
    [InlineData("txt")]
    [InlineData("csv")]
    [InlineData("html")]
    public async Task ExportAsync_AsyncOnlyDestination_IsNeverWrittenSynchronously(string format)
    {
        // ASP.NET Core response bodies throw on synchronous writes; every formatter must write asynchronously only.
        var big = Message("big", MessageRole.Assistant, string.Concat(Enumerable.Repeat("A long line of text, ", 30_000)));
        var conversation = SampleConversations.Create(2_000) with { Messages = [.. SampleConversations.Messages(2_000), big] };
        using var destination = new AsyncOnlyStream();

        var result = await Exporter.ExportAsync(conversation, new ExportOptions { Format = format }, destination, TestContext.Current.CancellationToken);

        Assert.Equal(2_001, result.MessagesWritten);
        Assert.Equal(destination.Length, result.BytesWritten);
        Assert.True(destination.Length > 2_000_000);
    }

    [Fact]
    public async Task ExportAsync_TenMegabyteMessage_IsWrittenWhole()
    {
        var body = string.Concat(Enumerable.Repeat("Lorem ipsum dolor sit amet, **consectetur** adipiscing elit. ", 170_000));
        var conversation = new Conversation { Id = "big", Messages = [Message("m", MessageRole.Assistant, body)] };

        var (json, _) = await ExportToStringAsync(conversation, new ExportOptions());

        Assert.Equal(body, ConversationJson.Deserialize(json).Messages[0].Content);
    }

    [Fact]
    public async Task ExportAsync_StreamedMillionMessages_CountsEveryOne()
    {
        using var sink = new CountingSink();
        var header = new Conversation { Id = "huge", Title = "Huge" };

        var result = await Exporter.ExportAsync(header, ShortMessages(1_000_000), new ExportOptions(), sink, TestContext.Current.CancellationToken);

        Assert.Equal(1_000_000, result.MessagesWritten);
        Assert.Equal(sink.Length, result.BytesWritten);
    }

    [Fact]
    public async Task ExportAsync_Cancelled_StopsPromptly()
    {
        using var cts = new CancellationTokenSource();
        var header = new Conversation { Id = "huge" };
        var count = 0;

        async IAsyncEnumerable<ConversationMessage> Messages()
        {
            await foreach (var message in ShortMessages(10_000_000))
            {
                if (++count == 1000)
                {
                    await cts.CancelAsync();
                }

                yield return message;
            }
        }

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Exporter.ExportAsync(header, Messages(), new ExportOptions { Format = "csv" }, Stream.Null, cts.Token));
        Assert.InRange(count, 1000, 1001);
    }

    [Fact]
    public async Task ExportToDirectoryAsync_HostileTitles_GiveSafeUniqueFiles()
    {
        var directory = Directory.CreateTempSubdirectory("ak-export-").FullName;
        try
        {
            string[] titles = ["../../etc/passwd", "CON", "a<b>c:d\"e/f\\g|h?i*j", new string('x', 300), "..", "   ", "CON"];
            var names = new List<string>();
            foreach (var title in titles)
            {
                var result = await Exporter.ExportToDirectoryAsync(new Conversation { Id = "c", Title = title }, new ExportOptions { Format = "txt", FileNameTemplate = "{title}" }, directory, TestContext.Current.CancellationToken);
                names.Add(result.FileName);
            }

            Assert.Equal(titles.Length, Directory.GetFiles(directory).Length);
            Assert.All(Directory.GetFiles(directory), f => Assert.Equal(directory, Path.GetDirectoryName(f)));
            Assert.Equal(names.Count, names.Distinct().Count());
            Assert.Equal("_CON.txt", names[1]);
            Assert.Equal("_CON (2).txt", names[6]);
            Assert.DoesNotContain(names, static n => n.IndexOfAny(['/', '\\', '<', '>', ':', '"', '|', '?', '*']) >= 0);
            Assert.All(names, static n => Assert.True(Encoding.UTF8.GetByteCount(n) <= 200));
            Assert.Empty(Directory.GetFiles(directory, "*.partial"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public async Task ExportAsync_CustomFormatter_IsUsedAndFailuresAreWrapped()
    {
        var exporter = ExporterFactory.Create(static b => b.AddFormatter<FailingFormatter>());

        Assert.Contains("broken", exporter.Formats);
        var ex = await Assert.ThrowsAsync<ExportException>(() => exporter.ExportAsync(SampleConversations.Create(1), new ExportOptions { Format = "BROKEN" }, Stream.Null, TestContext.Current.CancellationToken));
        Assert.Equal("broken", ex.Format);
        Assert.Equal("conv-1", ex.ConversationId);
    }

    internal static async IAsyncEnumerable<ConversationMessage> ShortMessages(int count)
    {
        var template = new ConversationMessage { Id = "m", Role = MessageRole.User, Content = "Short message body — Grüße." };
        for (var i = 0; i < count; i++)
        {
            yield return template with { Id = i.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        }

        await Task.CompletedTask;
    }

    internal sealed class FailingFormatter : IExportFormatter
    {
        public string Format => "broken";

        public string ContentType => "text/plain";

        public string FileExtension => "txt";

        public async Task WriteAsync(ExportContext context, Stream destination, CancellationToken cancellationToken)
        {
            await destination.WriteAsync("partial"u8.ToArray(), cancellationToken);
            throw new InvalidOperationException("disk on fire");
        }
    }

    private sealed class AsyncOnlyStream : Stream
    {
        private readonly MemoryStream _content = new();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _content.Length;

        public override long Position { get => _content.Length; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override void Write(ReadOnlySpan<byte> buffer) => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override void Flush() => throw new InvalidOperationException("Synchronous operations are disallowed.");

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _content.Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            _content.Dispose();
            base.Dispose(disposing);
        }
    }

    /// <summary>A stream that only counts, so a million-message export does not need the memory to hold it.</summary>
    private sealed class CountingSink : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }
}
