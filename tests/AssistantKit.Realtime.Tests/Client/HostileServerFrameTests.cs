using System.Text;
using AssistantKit.TestUtils;

namespace AssistantKit.Realtime.Tests.Client;

/// <summary>What a hostile server sends cannot make the client throw: a frame reads as an event or as nothing (docs/hostile-input.md).</summary>
public sealed class HostileServerFrameTests
{
    public static TheoryData<string> Frames() =>
    [
        """{"type":"welcome","data":{"connectionId":"c1","epoch":"e1","seq":5,"resumed":false},"timestamp":"2026-12-02T08:00:00Z"}""",
        """{"type":"activity","id":"ev-1","seq":7,"data":{"userId":"u1","action":"login"},"timestamp":"2026-12-02T08:00:01+01:00"}""",
    ];

    [Theory]
    [MemberData(nameof(Frames))]
    public async Task Mutants_ReadAsAnEventOrNothing(string frame)
    {
        var violations = await JsonMutator.ViolationsAsync(Encoding.UTF8.GetBytes(frame), 1000, static mutant =>
        {
            WireFormat.ReadServerFrame(mutant);
            return Task.CompletedTask;
        }, static _ => false);

        Assert.True(violations.Count == 0, JsonMutator.Report(violations, 1000));
    }

    /// <summary>Inputs AFL found (eng/fuzz.sh realtime-server-frame), minimized: each made ReadServerFrame throw.</summary>
    [Theory]
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'t', (byte)'y', (byte)'p', (byte)'e', (byte)'"', (byte)':', (byte)'"', 0xE4, 0xE4, (byte)'"', (byte)'}' })] // invalid UTF-8 in the type
    [InlineData(new byte[] { (byte)'{', (byte)'"', (byte)'t', (byte)'y', (byte)'"', (byte)',' })] // not JSON
    public void FuzzerFindings_ReadAsNothing(byte[] frame) => Assert.Null(WireFormat.ReadServerFrame(frame));

    [Fact]
    public void ASeqThatIsNotANumber_ReadsAsZero()
    {
        var frame = WireFormat.ReadServerFrame("""{"type":"activity","seq":{"n":1},"data":{}}"""u8);

        Assert.Equal(0, frame!.Seq);
    }
}
