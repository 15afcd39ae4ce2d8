using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace AssistantKit.Realtime.Redis;

/// <summary>
/// The Redis backplane: one Lua script per publish increments the stream's sequence number, appends the event to a capped
/// Redis Stream (the shared replay log, entry id <c>seq-0</c>) and publishes it on a channel, atomically, so every node
/// receives events in sequence order. A node that misses messages (a dropped subscription, a Redis restart) fills the gap
/// from the stream; when Redis lost the history, a new epoch starts and clients get <c>reset</c>.
/// While Redis is unreachable, publishing fails at once with <see cref="RealtimeBackplaneException"/> (no hidden buffer)
/// and nodes reconnect by themselves.
/// </summary>
public sealed partial class RedisRealtimeBackplane : IRealtimeBackplane, IAsyncDisposable
{
    private const string PublishScript = """
        local epoch = redis.call('GET', KEYS[3])
        if not epoch then
          epoch = ARGV[1]
          redis.call('SET', KEYS[3], epoch)
          redis.call('DEL', KEYS[1], KEYS[2])
        end
        local seq = redis.call('INCR', KEYS[1])
        redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[2], seq .. '-0', 'm', ARGV[3])
        redis.call('PUBLISH', ARGV[4], epoch .. '|' .. seq .. '|' .. ARGV[3])
        return {epoch, seq}
        """;

    private readonly RedisBackplaneOptions _options;
    private readonly ILogger _logger;
    private readonly ConfigurationOptions _configuration;
    private readonly string _server;
    private readonly Lazy<Task<ConnectionMultiplexer>> _connection;
    private readonly RedisKey[] _keys;
    private readonly RedisChannel _channel;

    /// <summary>Creates the backplane; it connects on first use.</summary>
    /// <param name="options">The options.</param>
    /// <param name="logger">The logger.</param>
    /// <exception cref="OptionsValidationException">The options are invalid (validated by <c>AddRedisBackplane</c>).</exception>
    public RedisRealtimeBackplane(IOptions<RedisBackplaneOptions> options, ILogger<RedisRealtimeBackplane>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _configuration = ConfigurationOptions.Parse(_options.Configuration!);
        _configuration.AbortOnConnectFail = false;
        _configuration.BacklogPolicy = BacklogPolicy.FailFast;
        _server = _configuration.ToString(includePassword: false); // for messages: never the password
        var tag = "{" + _options.Prefix + "}";
        _keys = [tag + ":seq", tag + ":stream", tag + ":epoch"];
        _channel = RedisChannel.Literal(_options.Prefix + ":events");
        _connection = new(ConnectAsync);
    }

    /// <inheritdoc/>
    public async ValueTask<long> PublishAsync(RealtimeMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var database = (await GetConnectionAsync().WaitAsync(cancellationToken).ConfigureAwait(false)).GetDatabase();
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            // Once sent, the script runs: cancelling after this point stops the wait, not the publish.
            var result = (RedisResult[])(await database.ScriptEvaluateAsync(
                PublishScript,
                _keys,
                [NewEpoch(), _options.StreamMaxLength, Encode(message), _channel.ToString()]).WaitAsync(cancellationToken).ConfigureAwait(false))!;
            return (long)result[1];
        }
        catch (RedisException e)
        {
            throw new RealtimeBackplaneException($"Redis ({_server}) is unavailable; the '{message.Type}' event was not published. {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<IAsyncDisposable> SubscribeAsync(IRealtimeBackplaneSubscriber subscriber, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        var connection = await GetConnectionAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        var subscription = new Subscription(this, connection, subscriber);
        try
        {
            await subscription.StartAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            return subscription;
        }
        catch (Exception e) when (e is RedisException or OperationCanceledException)
        {
            await subscription.DisposeAsync().ConfigureAwait(false); // half started: no handler or queue may stay behind
            if (e is OperationCanceledException)
            {
                throw;
            }

            throw new RealtimeBackplaneException($"Cannot subscribe to Redis ({_server}): {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<RealtimeMessage>?> ReadAsync(long after, long through, CancellationToken cancellationToken = default)
    {
        var database = (await GetConnectionAsync().WaitAsync(cancellationToken).ConfigureAwait(false)).GetDatabase();
        var epoch = (string?)await database.StringGetAsync(_keys[2]).WaitAsync(cancellationToken).ConfigureAwait(false);
        var entries = await database.StreamRangeAsync(_keys[1], Id(after + 1), Id(through)).WaitAsync(cancellationToken).ConfigureAwait(false);
        if (epoch is null || entries.Length == 0 || SeqOf(entries[0]) != after + 1)
        {
            return null;
        }

        return [.. entries.Select(e => Decode((byte[])e["m"]!, epoch, SeqOf(e)))];
    }

    /// <summary>Closes the connection to Redis.</summary>
    /// <returns>A task that completes when it is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_connection.IsValueCreated && _connection.Value.IsCompletedSuccessfully)
        {
            await _connection.Value.Result.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<ConnectionMultiplexer> GetConnectionAsync()
    {
        try
        {
            return await _connection.Value.ConfigureAwait(false);
        }
        catch (RedisException e)
        {
            throw new RealtimeBackplaneException($"Cannot connect to Redis ({_server}): {e.Message}", e);
        }
    }

    private async Task<ConnectionMultiplexer> ConnectAsync() => await ConnectionMultiplexer.ConnectAsync(_configuration).ConfigureAwait(false);

    private static string NewEpoch() => Guid.NewGuid().ToString("N")[..16];

    private static RedisValue Id(long seq) => seq.ToString(CultureInfo.InvariantCulture) + "-0";

    private static long SeqOf(StreamEntry entry)
    {
        var id = entry.Id.ToString();
        return long.Parse(id.AsSpan(0, id.IndexOf('-', StringComparison.Ordinal)), CultureInfo.InvariantCulture);
    }

    /// <summary>The event as stored and published: <c>{"t","ts","ak","av","d"}</c>.</summary>
    private static byte[] Encode(RealtimeMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(message.Data.Length + 128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("t"u8, message.Type);
            writer.WriteString("ts"u8, message.Timestamp);
            writer.WriteNumber("ak"u8, (int)message.Audience.Kind);
            writer.WriteString("av"u8, message.Audience.Value);
            writer.WritePropertyName("d"u8);
            writer.WriteRawValue(message.Data.Span, skipInputValidation: true);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static RealtimeMessage Decode(ReadOnlyMemory<byte> payload, string epoch, long seq)
    {
        using var document = JsonDocument.Parse(payload);
        var root = document.RootElement;
        var audience = (RealtimeAudienceKind)root.GetProperty("ak"u8).GetInt32() switch
        {
            RealtimeAudienceKind.User => RealtimeAudience.User(root.GetProperty("av"u8).GetString()!),
            RealtimeAudienceKind.Group => RealtimeAudience.Group(root.GetProperty("av"u8).GetString()!),
            _ => RealtimeAudience.All,
        };
        return new RealtimeMessage(root.GetProperty("t"u8).GetString()!, Encoding.UTF8.GetBytes(root.GetProperty("d"u8).GetRawText()), root.GetProperty("ts"u8).GetDateTimeOffset(), audience)
        {
            Seq = seq,
            Id = string.Create(CultureInfo.InvariantCulture, $"{epoch}-{seq}"),
        };
    }

    /// <summary>One node's subscription: a single loop delivers in order, filling gaps from the stream.</summary>
    private sealed class Subscription(RedisRealtimeBackplane owner, ConnectionMultiplexer connection, IRealtimeBackplaneSubscriber subscriber) : IAsyncDisposable
    {
        private readonly Channel<ChannelMessage?> _inbox = Channel.CreateUnbounded<ChannelMessage?>(new UnboundedChannelOptions { SingleReader = true });
        private readonly CancellationTokenSource _stop = new();
        private ChannelMessageQueue? _queue;
        private Task? _loop;
        private string _epoch = "";
        private long _last;

        public async Task StartAsync()
        {
            _queue = await connection.GetSubscriber().SubscribeAsync(owner._channel).ConfigureAwait(false);
            _queue.OnMessage(message => _inbox.Writer.TryWrite(message));
            connection.ConnectionRestored += OnRestored;
            await CatchUpAsync().ConfigureAwait(false);
            _loop = Task.Run(LoopAsync);
        }

        public async ValueTask DisposeAsync()
        {
            connection.ConnectionRestored -= OnRestored;
            await _stop.CancelAsync().ConfigureAwait(false);
            _inbox.Writer.TryComplete();
            if (_queue is not null)
            {
                await _queue.UnsubscribeAsync().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            if (_loop is not null)
            {
                await _loop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            _stop.Dispose();
        }

        private void OnRestored(object? sender, ConnectionFailedEventArgs e) => _inbox.Writer.TryWrite(null);

        private async Task LoopAsync()
        {
            await foreach (var item in _inbox.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    if (item is { } message)
                    {
                        await DeliverAsync(message.Message).ConfigureAwait(false);
                    }
                    else
                    {
                        await CatchUpAsync().ConfigureAwait(false);
                    }
                }
                catch (Exception e) when (e is RedisException or JsonException or FormatException)
                {
                    Log.DeliveryFailed(owner._logger, e);

                    // Try again with the next message or reconnect; the gap is filled from the stream then.
                }
            }
        }

        /// <summary>Delivers a published event, filling any gap before it from the stream.</summary>
        private async Task DeliverAsync(RedisValue value)
        {
            var bytes = (byte[])value!;
            var first = Array.IndexOf(bytes, (byte)'|');
            var second = Array.IndexOf(bytes, (byte)'|', first + 1);
            var epoch = Encoding.ASCII.GetString(bytes, 0, first);
            var seq = long.Parse(Encoding.ASCII.GetString(bytes, first + 1, second - first - 1), CultureInfo.InvariantCulture);
            if (epoch != _epoch)
            {
                // Redis lost the history (restart without persistence, flush): a new epoch began with this event's stream.
                Log.EpochChanged(owner._logger, _epoch, epoch);
                SetEpoch(epoch, seq - 1);
            }

            if (seq <= _last)
            {
                return;
            }

            if (seq > _last + 1 && !await FillAsync(seq - 1).ConfigureAwait(false))
            {
                SetEpoch(epoch, seq - 1);
            }

            subscriber.OnMessage(Decode(bytes.AsMemory(second + 1), epoch, seq));
            _last = seq;
        }

        /// <summary>After (re)connecting: adopt the stream's epoch and deliver what was published meanwhile.</summary>
        private async Task CatchUpAsync()
        {
            var database = connection.GetDatabase();
            await database.StringSetAsync(owner._keys[2], NewEpoch(), when: When.NotExists).ConfigureAwait(false);
            var epoch = (string)(await database.StringGetAsync(owner._keys[2]).ConfigureAwait(false))!;
            var seq = (long?)await database.StringGetAsync(owner._keys[0]).ConfigureAwait(false) ?? 0;
            if (epoch != _epoch || seq < _last)
            {
                SetEpoch(epoch, seq);
                return;
            }

            if (seq > _last && !await FillAsync(seq).ConfigureAwait(false))
            {
                SetEpoch(epoch, seq);
            }
        }

        /// <summary>Delivers the stream's events after the last delivered through <paramref name="through"/>; false when the stream no longer has them.</summary>
        private async Task<bool> FillAsync(long through)
        {
            var entries = await connection.GetDatabase().StreamRangeAsync(owner._keys[1], Id(_last + 1), Id(through)).ConfigureAwait(false);
            if (entries.Length != through - _last || SeqOf(entries[0]) != _last + 1)
            {
                Log.HistoryLost(owner._logger, _last + 1, through);
                return false;
            }

            foreach (var entry in entries)
            {
                subscriber.OnMessage(Decode((byte[])entry["m"]!, _epoch, SeqOf(entry)));
                _last = SeqOf(entry);
            }

            return true;
        }

        private void SetEpoch(string epoch, long lastSeq)
        {
            (_epoch, _last) = (epoch, lastSeq);
            subscriber.OnEpoch(epoch, lastSeq);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Delivering an event from Redis failed; the gap is filled from the stream when Redis answers again.")]
        public static partial void DeliveryFailed(ILogger logger, Exception exception);

        [LoggerMessage(2, LogLevel.Warning, "The realtime stream's epoch changed from '{Old}' to '{New}': Redis lost its history; clients get a reset.")]
        public static partial void EpochChanged(ILogger logger, string old, string @new);

        [LoggerMessage(3, LogLevel.Warning, "Events {From} to {Through} are no longer in the Redis stream; clients get a reset.")]
        public static partial void HistoryLost(ILogger logger, long from, long through);
    }
}
