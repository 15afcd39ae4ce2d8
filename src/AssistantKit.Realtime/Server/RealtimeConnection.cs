using System.Buffers;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading.Channels;

namespace AssistantKit.Realtime;

/// <summary>
/// One client connection: a queue of frames drained by a send loop, and a receive loop for control messages. Events are
/// enqueued under the hub's lock in sequence order; resume swaps in a replay batch (see <see cref="Restart"/>). The send
/// loop writes whatever is queued: one frame per message, or with <see cref="RealtimeSubProtocols.Batch"/> as many frames
/// per message as fit in 64 KB. A client too far behind (events, bytes or time, <see cref="RealtimeServerOptions"/>) is cut.
/// </summary>
internal sealed class RealtimeConnection
{
    private const int MaxTypesPerMessage = 64;

    /// <summary>The most types one connection's filter may name: a client cannot grow the server's memory by subscribing forever.</summary>
    private const int MaxTypesPerConnection = 1_024;

    /// <summary>The most bytes one batched message carries (a single larger frame goes alone).</summary>
    private const int MaxBatchBytes = 64 * 1024;

    private readonly RealtimeHub _hub;
    private readonly WebSocket _socket;
    private readonly RealtimeConnectionRequest _request;
    private readonly Channel<OutFrame> _queue;
    private readonly CancellationTokenSource _abort;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _closeGate = new();
    private readonly ArrayBufferWriter<byte>? _batch;
    private long _queuedBytes;
    private int _queuedFrames;
    private ReplayBatch? _pendingReplay;
    private long _replayedThrough;
    private int _protocolErrors;
    private int _closeCode;
    private string _closeReason = "";

    public RealtimeConnection(RealtimeHub hub, WebSocket socket, string id, RealtimeConnectionRequest request, CancellationToken cancellationToken)
    {
        _hub = hub;
        _socket = socket;
        _request = request;
        Id = id;
        Info = new RealtimeConnectionInfo(id, request.UserId, request.UserName, hub.TimeProvider.GetUtcNow());
        Filter = TypeFilter.From(request.Types);
        _queue = Channel.CreateUnbounded<OutFrame>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
        _batch = socket.SubProtocol == RealtimeSubProtocols.Batch ? new ArrayBufferWriter<byte>(1024) : null; // grows with the load, to about MaxBatchBytes
        _abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
    }

    public string Id { get; }

    public RealtimeConnectionInfo Info { get; }

    public TypeFilter Filter { get; set; }

    public Task Completion => _completion.Task;

    /// <summary>Gets the close code once closing started; 0 while open.</summary>
    public int CloseCode => Volatile.Read(ref _closeCode);

    public bool Accepts(RealtimeMessage message) => Filter.Accepts(message.Type) && message.Audience.Kind switch
    {
        RealtimeAudienceKind.All => true,
        RealtimeAudienceKind.User => _request.UserId is { } user && string.Equals(user, message.Audience.Value, StringComparison.Ordinal),
        _ => _request.Groups.Contains(message.Audience.Value!),
    };

    /// <summary>Queues a control frame.</summary>
    public void Enqueue(byte[] frame, long seq) => Enqueue(frame, seq, _hub.TimeProvider.GetTimestamp());

    /// <summary>
    /// Queues a frame (<paramref name="now"/> from the hub's <see cref="TimeProvider.GetTimestamp"/>). A client too far
    /// behind — too many events, too many bytes, or its oldest waiting frame too old — is disconnected (it resumes later).
    /// </summary>
    public void Enqueue(byte[] frame, long seq, long now)
    {
        if (CloseCode != 0)
        {
            return;
        }

        var options = _hub.Options;
        var behind = Volatile.Read(ref _queuedFrames) >= options.SendQueueCapacity ? $"{options.SendQueueCapacity:N0} events"
            : Volatile.Read(ref _queuedBytes) + frame.Length > options.MaxSendQueueBytes ? $"{options.MaxSendQueueBytes:N0} bytes"
            : _queue.Reader.TryPeek(out var oldest) && _hub.TimeProvider.GetElapsedTime(oldest.Queued, now) > options.MaxSendDelay ? $"{options.MaxSendDelay.TotalSeconds:0.#} s"
            : null;
        if (behind is not null)
        {
            RealtimeHub.Log.SlowConsumer(_hub.Logger, Id, behind);
            Close(RealtimeCloseCodes.SlowConsumer, $"slow consumer: more than {behind} behind, resume later");
        }
        else
        {
            Queue(new OutFrame(frame, seq, now)); // fails only when the connection is closing already
        }
    }

    /// <summary>
    /// Replaces what is queued with <paramref name="frames"/> (a <c>resumed</c> or <c>reset</c> frame and the replayed events
    /// through <paramref name="through"/>); queued events up to <paramref name="through"/> are dropped, later ones follow. Called under the hub's lock.
    /// </summary>
    public void Restart(IReadOnlyList<byte[]> frames, long through)
    {
        while (_queue.Reader.TryRead(out var dropped))
        {
            Taken(dropped);
        }

        Volatile.Write(ref _pendingReplay, new ReplayBatch(frames, through));
        Queue(new OutFrame([], 0, _hub.TimeProvider.GetTimestamp())); // wakes the send loop; its age counts from now
    }

    /// <summary>Starts closing with <paramref name="code"/>: the send loop stops, sends the close frame, and everything is aborted after the close timeout.</summary>
    public void Close(int code, string reason)
    {
        lock (_closeGate)
        {
            if (_closeCode != 0)
            {
                return;
            }

            _closeReason = reason;
            Volatile.Write(ref _closeCode, code);
        }

        _queue.Writer.TryComplete();
        try
        {
            _abort.CancelAfter(_hub.Options.CloseTimeout);
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public async Task RunAsync()
    {
        RealtimeHub.Log.Opened(_hub.Logger, Id, _request.UserId);
        try
        {
            var send = SendLoopAsync();
            var receive = ReceiveLoopAsync();
            await Task.WhenAny(send, receive).ConfigureAwait(false);
            Close(_socket.State == WebSocketState.Open || _socket.State == WebSocketState.CloseReceived ? RealtimeCloseCodes.Normal : RealtimeCloseCodes.InternalError, "closing");
            await Task.WhenAll(send, receive).ConfigureAwait(false);
        }
        finally
        {
            if (_socket.State != WebSocketState.Closed)
            {
                _socket.Abort();
            }

            RealtimeHub.Log.Closed(_hub.Logger, Id, CloseCode, _closeReason);
            _abort.Dispose();
            _completion.TrySetResult();
        }
    }

    private async Task SendLoopAsync()
    {
        var reader = _queue.Reader;
        var token = _abort.Token;
        try
        {
            while (CloseCode == 0)
            {
                if (Interlocked.Exchange(ref _pendingReplay, null) is { } replay)
                {
                    for (var i = 0; i < replay.Frames.Count;)
                    {
                        if (_batch is null)
                        {
                            await SendAsync(replay.Frames[i++], token).ConfigureAwait(false);
                            continue;
                        }

                        _batch.Clear();
                        do
                        {
                            Append(replay.Frames[i++]);
                        }
                        while (i < replay.Frames.Count && _batch.WrittenCount + replay.Frames[i].Length < MaxBatchBytes);

                        await SendAsync(_batch.WrittenMemory, token).ConfigureAwait(false);
                    }

                    _replayedThrough = replay.Through;
                    continue;
                }

                if (!TryTake(reader, out var frame))
                {
                    if (!await reader.WaitToReadAsync(token).ConfigureAwait(false))
                    {
                        break;
                    }

                    continue;
                }

                if (_batch is null)
                {
                    await SendAsync(frame, token).ConfigureAwait(false);
                    continue;
                }

                // Whatever else is queued goes in the same message, up to the batch size.
                _batch.Clear();
                Append(frame);
                while (_batch.WrittenCount < MaxBatchBytes && Volatile.Read(ref _pendingReplay) is null && reader.TryPeek(out var next)
                    && (next.Frame.Length == 0 || _batch.WrittenCount + next.Frame.Length < MaxBatchBytes) && TryTake(reader, out var more))
                {
                    Append(more);
                }

                await SendAsync(_batch.WrittenMemory, token).ConfigureAwait(false);
            }

            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                var code = CloseCode == 0 ? RealtimeCloseCodes.Normal : CloseCode;
                await _socket.CloseOutputAsync((WebSocketCloseStatus)code, _closeReason, token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException or IOException)
        {
            RealtimeHub.Log.ConnectionFailed(_hub.Logger, e, Id);
        }
    }

    /// <summary>Takes the next frame to send: skips the marker <see cref="Restart"/> leaves and events a replay already sent.</summary>
    private bool TryTake(ChannelReader<OutFrame> reader, out byte[] frame)
    {
        while (reader.TryRead(out var item))
        {
            Taken(item);
            if (item.Frame.Length > 0 && (item.Seq == 0 || item.Seq > _replayedThrough))
            {
                frame = item.Frame;
                return true;
            }
        }

        frame = [];
        return false;
    }

    /// <summary>Queues a frame and counts it (the send loop may take it before it is counted: the counts are limits, not ledgers).</summary>
    private void Queue(OutFrame item)
    {
        if (_queue.Writer.TryWrite(item))
        {
            Interlocked.Add(ref _queuedBytes, item.Frame.Length);
            Interlocked.Increment(ref _queuedFrames);
        }
    }

    private void Taken(OutFrame item)
    {
        Interlocked.Add(ref _queuedBytes, -item.Frame.Length);
        Interlocked.Decrement(ref _queuedFrames);
    }

    /// <summary>Adds a frame to the batch, on a line of its own.</summary>
    private void Append(byte[] frame)
    {
        if (_batch!.WrittenCount > 0)
        {
            _batch.Write("\n"u8);
        }

        _batch.Write(frame);
    }

    private ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken token) =>
        _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, token);

    private async Task ReceiveLoopAsync()
    {
        var options = _hub.Options;
        var buffer = new byte[options.MaxInboundMessageBytes];
        var bucket = new TokenBucket(options.InboundMessagesPerSecond, options.InboundBurst, _hub.TimeProvider);
        var token = _abort.Token;
        try
        {
            while (true)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (count == buffer.Length)
                    {
                        // Keep draining until the client's close frame: closing a socket with unread data resets it,
                        // and the client would never see the close code.
                        Violation(RealtimeCloseCodes.MessageTooBig, $"message larger than {buffer.Length} bytes");
                        count = 0;
                    }

                    result = await _socket.ReceiveAsync(buffer.AsMemory(count), token).ConfigureAwait(false);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        Close(RealtimeCloseCodes.Normal, "");
                        return;
                    }

                    count += result.Count;
                }
                while (!result.EndOfMessage);

                if (CloseCode != 0)
                {
                    continue;
                }

                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    Violation(RealtimeCloseCodes.UnsupportedData, "binary frames are not supported");
                    continue;
                }

                if (!bucket.TryTake())
                {
                    Violation(RealtimeCloseCodes.RateLimited, $"more than {options.InboundMessagesPerSecond} messages per second");
                    continue;
                }

                if (Handle(buffer.AsSpan(0, count)) is { } resume)
                {
                    await _hub.ResumeAsync(this, resume.After, resume.Epoch, token).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException or IOException)
        {
            RealtimeHub.Log.ConnectionFailed(_hub.Logger, e, Id);
        }
    }

    private void Violation(int code, string reason)
    {
        if (CloseCode == 0)
        {
            RealtimeHub.Log.Violation(_hub.Logger, Id, code, reason);
            Close(code, reason);
        }
    }

    /// <summary>Handles a client message; returns the resume request, which the caller carries out asynchronously.</summary>
    private (long After, string? Epoch)? Handle(ReadOnlySpan<byte> message)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(message, new JsonReaderOptions { MaxDepth = 8 });
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            ProtocolError("invalid_json", $"The message is not valid JSON (byte {e.BytePositionInLine}).");
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type"u8, out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
            {
                ProtocolError("invalid_message", "A message must be a JSON object with a string 'type'.");
                return null;
            }

            var data = root.TryGetProperty("data"u8, out var d) ? d : default;
            try
            {
                return Dispatch(typeElement, data);
            }
            catch (InvalidOperationException)
            {
                ProtocolError("invalid_message", "The message holds text that is not valid Unicode (a lone surrogate).");
                return null;
            }
        }
    }

    private (long After, string? Epoch)? Dispatch(JsonElement typeElement, JsonElement data)
    {
        switch (typeElement.GetString())
        {
            case WireFormat.Ping:
                Enqueue(WireFormat.Control(WireFormat.Pong, data, static (w, data) =>
                {
                    if (data.ValueKind == JsonValueKind.Object)
                    {
                        foreach (var property in data.EnumerateObject())
                        {
                            property.WriteTo(w);
                        }
                    }
                }, _hub.TimeProvider.GetUtcNow()), 0);
                break;
            case WireFormat.Subscribe or WireFormat.Unsubscribe when ReadTypes(data) is { } types:
                var filter = typeElement.ValueEquals(WireFormat.Subscribe) ? Filter.Subscribe(types) : Filter.Unsubscribe(types);
                if (filter.Count > MaxTypesPerConnection)
                {
                    ProtocolError("too_many_types", $"A connection may name at most {MaxTypesPerConnection:N0} event types; unsubscribe from some first.");
                    break;
                }

                _hub.SetFilter(this, filter);
                Enqueue(WireFormat.Control(WireFormat.Subscribed, filter, static (w, f) => f.Write(w), _hub.TimeProvider.GetUtcNow()), 0);
                break;
            case WireFormat.Subscribe or WireFormat.Unsubscribe:
                ProtocolError("invalid_types", $"'data.types' must be an array of 1 to {MaxTypesPerMessage} event types (a-z 0-9 _ . -, at most 64 characters).");
                break;
            case WireFormat.Resume when data.ValueKind == JsonValueKind.Object && data.TryGetProperty("after"u8, out var after) && after.ValueKind == JsonValueKind.Number && after.TryGetInt64(out var seq) && seq >= 0:
                return (seq, data.TryGetProperty("epoch"u8, out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null);
            case WireFormat.Resume:
                ProtocolError("invalid_resume", "'data.after' must be a sequence number (an integer, at least 0).");
                break;
            case var type:
                ProtocolError("unknown_type", $"Unknown message type '{Truncate(type!)}'; clients may send ping, subscribe, unsubscribe and resume.");
                break;
        }

        return null;
    }

    private static List<string>? ReadTypes(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("types"u8, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var count = array.GetArrayLength();
        if (count is 0 or > MaxTypesPerMessage)
        {
            return null;
        }

        var types = new List<string>(count);
        foreach (var item in array.EnumerateArray())
        {
            var type = item.ValueKind == JsonValueKind.String ? item.GetString() : null;
            if (!RealtimeEventTypes.IsWellFormed(type))
            {
                return null;
            }

            types.Add(type!);
        }

        return types;
    }

    private static string Truncate(string value) => value.Length <= 64 ? value : string.Concat(value.AsSpan(0, 64), "…");

    private void ProtocolError(string code, string message)
    {
        if (++_protocolErrors > _hub.Options.MaxProtocolErrors)
        {
            Violation(RealtimeCloseCodes.ProtocolViolation, $"more than {_hub.Options.MaxProtocolErrors} malformed messages");
            return;
        }

        Enqueue(WireFormat.ErrorFrame(code, message, _hub.TimeProvider.GetUtcNow()), 0);
    }

    /// <summary>Aborts the socket at once, as a network failure would (tests and chaos).</summary>
    internal void Abort() => _socket.Abort();

    private readonly record struct OutFrame(byte[] Frame, long Seq, long Queued);

    private sealed record ReplayBatch(IReadOnlyList<byte[]> Frames, long Through);
}
