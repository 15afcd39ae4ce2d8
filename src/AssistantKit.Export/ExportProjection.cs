using System.Runtime.CompilerServices;
using System.Text.Json;
using AssistantKit.Export.Text;

namespace AssistantKit.Export;

/// <summary>
/// The one place where <see cref="ExportOptions"/> shape what formatters see: filters, what is included,
/// the time zone, and valid Unicode in every string. Formatters only write.
/// </summary>
internal sealed class ExportProjection(ExportOptions options, TimeZoneInfo timeZone, List<string> warnings)
{
    private static readonly IReadOnlyDictionary<string, JsonElement> NoMetadata = new Dictionary<string, JsonElement>();
    private bool _repairedText;

    public Conversation Header(Conversation header) => new()
    {
        Id = Clean(header.Id),
        Title = CleanOptional(header.Title),
        CreatedAt = Time(header.CreatedAt),
        UpdatedAt = Time(header.UpdatedAt),
        DefaultModel = options.IncludeMetadata ? CleanOptional(header.DefaultModel) : null,
        Participants = options.IncludeUserInfo ? header.Participants.Select(p => p with { Id = Clean(p.Id), Name = CleanOptional(p.Name), Email = CleanOptional(p.Email) }).ToArray() : [],
        Metadata = options.IncludeMetadata ? header.Metadata : NoMetadata,
    };

    /// <summary>Gets how many messages the projection has produced so far.</summary>
    public long Count { get; private set; }

    /// <summary>The messages of an in-memory conversation, through an enumerator that completes synchronously (no async state machine per message).</summary>
    public IAsyncEnumerable<ConversationMessage> Messages(IReadOnlyList<ConversationMessage> messages, CancellationToken cancellationToken) =>
        new ListSource(this, messages, cancellationToken);

    public async IAsyncEnumerable<ConversationMessage> Messages(IAsyncEnumerable<ConversationMessage> messages, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var message in messages.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            cancellationToken.ThrowIfCancellationRequested(); // sources that ignore the token still stop at the next message
            if (message is not null && Keep(message))
            {
                Count++;
                yield return Project(message);
            }
        }
    }

    private bool Keep(ConversationMessage message)
    {
        var byRole = options.MessageFilter switch
        {
            MessageFilter.User => message.Role == MessageRole.User,
            MessageFilter.Assistant => message.Role == MessageRole.Assistant,
            _ => message.Role switch
            {
                MessageRole.System => options.IncludeSystemMessages,
                MessageRole.Tool => options.IncludeToolMessages,
                _ => true,
            },
        };
        return byRole && (options.DateRange is not { } range || (message.CreatedAt is { } created && range.Contains(created)));
    }

    /// <summary>Returns the message as the options shape it; the same instance when nothing changes (the common case costs no allocation).</summary>
    private ConversationMessage Project(ConversationMessage message)
    {
        var hideAuthor = !options.IncludeUserInfo && message.Role == MessageRole.User;
        var id = Clean(message.Id);
        var parentId = CleanOptional(message.ParentId);
        var authorId = hideAuthor ? null : CleanOptional(message.AuthorId);
        var authorName = hideAuthor ? null : CleanOptional(message.AuthorName);
        var content = Clean(message.Content);
        var parts = Parts(message.Parts);
        var createdAt = Time(message.CreatedAt);
        var model = options.IncludeMetadata ? CleanOptional(message.Model) : null;
        var usage = options.IncludeMetadata ? message.Usage : null;
        var metadata = options.IncludeMetadata ? message.Metadata : NoMetadata;
        var unchanged = ReferenceEquals(id, message.Id) && ReferenceEquals(parentId, message.ParentId)
            && ReferenceEquals(authorId, message.AuthorId) && ReferenceEquals(authorName, message.AuthorName)
            && ReferenceEquals(content, message.Content) && ReferenceEquals(parts, message.Parts)
            && createdAt == message.CreatedAt && createdAt?.Offset == message.CreatedAt?.Offset
            && ReferenceEquals(model, message.Model) && ReferenceEquals(usage, message.Usage)
            && (ReferenceEquals(metadata, message.Metadata) || (metadata.Count == 0 && message.Metadata.Count == 0));
        return unchanged ? message : new ConversationMessage
        {
            Id = id,
            ParentId = parentId,
            Role = message.Role,
            AuthorId = authorId,
            AuthorName = authorName,
            Content = content,
            Parts = parts,
            CreatedAt = createdAt,
            Model = model,
            Usage = usage,
            Metadata = metadata,
        };
    }

    private IReadOnlyList<MessagePart> Parts(IReadOnlyList<MessagePart> parts)
    {
        if (parts.Count == 0 || (options.IncludeReasoning && !parts.Any(NeedsCleaning)))
        {
            return parts;
        }

        var result = new List<MessagePart>(parts.Count);
        foreach (var part in parts)
        {
            switch (part)
            {
                case ReasoningPart when !options.IncludeReasoning:
                    break;
                case ReasoningPart reasoning:
                    result.Add(reasoning with { Text = Clean(reasoning.Text) });
                    break;
                case CodePart code:
                    result.Add(code with { Code = Clean(code.Code), Language = CleanOptional(code.Language) });
                    break;
                case ToolCallPart call:
                    result.Add(call with { CallId = Clean(call.CallId), Name = Clean(call.Name), Arguments = CleanOptional(call.Arguments) });
                    break;
                case ToolResultPart toolResult:
                    result.Add(toolResult with { CallId = Clean(toolResult.CallId), Result = CleanOptional(toolResult.Result) });
                    break;
                case AttachmentPart attachment:
                    result.Add(attachment with { Name = CleanOptional(attachment.Name), MediaType = CleanOptional(attachment.MediaType) });
                    break;
                case not null:
                    result.Add(part);
                    break;
            }
        }

        return result;
    }

    private static bool NeedsCleaning(MessagePart part) => part switch
    {
        ReasoningPart r => HasSurrogates(r.Text),
        CodePart c => HasSurrogates(c.Code) || HasSurrogates(c.Language),
        ToolCallPart t => HasSurrogates(t.CallId) || HasSurrogates(t.Name) || HasSurrogates(t.Arguments),
        ToolResultPart t => HasSurrogates(t.CallId) || HasSurrogates(t.Result),
        AttachmentPart a => HasSurrogates(a.Name) || HasSurrogates(a.MediaType),
        _ => false,
    };

    private static bool HasSurrogates(string? value) => value is not null && value.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF') >= 0;

    private DateTimeOffset? Time(DateTimeOffset? value) => options.IncludeTimestamps && value is { } time
        ? (time.Offset == TimeSpan.Zero && ReferenceEquals(timeZone, TimeZoneInfo.Utc) ? time : TimeZoneInfo.ConvertTime(time, timeZone))
        : null;

    private string? CleanOptional(string? value) => value is null ? null : Clean(value);

    private string Clean(string? value)
    {
        if (value is null)
        {
            return "";
        }

        var clean = TextSanitizer.ToValidUnicode(value);
        if (!ReferenceEquals(clean, value) && !_repairedText)
        {
            _repairedText = true;
            lock (warnings)
            {
                warnings.Add("Some text was not valid Unicode (lone surrogate characters); each such character was replaced with U+FFFD.");
            }
        }

        return clean;
    }

    private sealed class ListSource(ExportProjection projection, IReadOnlyList<ConversationMessage> messages, CancellationToken cancellationToken)
        : IAsyncEnumerable<ConversationMessage>, IAsyncEnumerator<ConversationMessage>
    {
        private int _next;

        public ConversationMessage Current { get; private set; } = null!;

        public IAsyncEnumerator<ConversationMessage> GetAsyncEnumerator(CancellationToken token = default) => this;

        public ValueTask<bool> MoveNextAsync()
        {
            while (_next < messages.Count)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var message = messages[_next++];
                if (message is not null && projection.Keep(message))
                {
                    projection.Count++;
                    Current = projection.Project(message);
                    return new ValueTask<bool>(true);
                }
            }

            return new ValueTask<bool>(false);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
