using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace AssistantKit.Realtime.Redis;

/// <summary>Settings of the Redis backplane (<c>AddRedisBackplane(o => …)</c>).</summary>
public sealed class RedisBackplaneOptions
{
    /// <summary>Gets or sets the StackExchange.Redis configuration string, for example <c>redis.internal:6379,password=…</c>. Required.</summary>
    [Required]
    public string? Configuration { get; set; }

    /// <summary>Gets or sets the prefix of every key and channel, so that several apps or environments share one Redis; default <c>assistantkit:realtime</c>.</summary>
    [Required]
    public string Prefix { get; set; } = "assistantkit:realtime";

    /// <summary>
    /// Gets or sets about how many events the shared replay log (a Redis Stream, trimmed approximately) keeps; default 100,000.
    /// Size it as events per second × the longest outage a client should resume across, and above every node's <see cref="RealtimeServerOptions.ReplayCapacity"/>.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int StreamMaxLength { get; set; } = 100_000;
}

/// <summary>Validates <see cref="RedisBackplaneOptions"/> from its data annotations; the code is generated at compile time (no reflection, AOT-safe).</summary>
[OptionsValidator]
internal sealed partial class RedisBackplaneOptionsValidator : IValidateOptions<RedisBackplaneOptions>;
