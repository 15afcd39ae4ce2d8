using System.Buffers;
using System.Text;

namespace AssistantKit.Export.Formatters;

/// <summary>
/// A <see cref="TextWriter"/> that encodes straight into a pooled UTF-8 buffer, which the formatter then hands to the
/// destination with one async write (<see cref="DrainAsync"/>). No intermediate char buffer, no memory stream, no
/// synchronous I/O. Characters split across calls (surrogate pairs) are kept by the encoder.
/// </summary>
internal sealed class Utf8BufferWriter : TextWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Encoder _encoder = Utf8.GetEncoder();
    private readonly char[] _chars = new char[4096]; // small writes (renderers write tags and characters one by one) gather here
    private int _charCount;
    private byte[] _buffer;
    private int _length;

    public Utf8BufferWriter(int capacity)
        : base(System.Globalization.CultureInfo.InvariantCulture)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(capacity);
        CoreNewLine = ['\n'];
    }

    public override Encoding Encoding => Utf8;

    /// <summary>Gets about how many bytes are waiting to be drained.</summary>
    public int Length => _length + _charCount;

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        EncodePendingChars();
        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    public override void Write(char value)
    {
        if (_charCount == _chars.Length)
        {
            EncodePendingChars();
        }

        _chars[_charCount++] = value;
    }

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        if (buffer.Length <= _chars.Length - _charCount)
        {
            buffer.CopyTo(_chars.AsSpan(_charCount));
            _charCount += buffer.Length;
            return;
        }

        EncodePendingChars();
        if (buffer.Length < _chars.Length)
        {
            buffer.CopyTo(_chars);
            _charCount = buffer.Length;
        }
        else
        {
            Encode(buffer);
        }
    }

    public override void WriteLine(ReadOnlySpan<char> buffer)
    {
        Write(buffer);
        Write('\n');
    }

    public override void WriteLine(string? value) => WriteLine(value.AsSpan());

    public override void WriteLine() => Write('\n');

    /// <summary>Writes what is buffered to <paramref name="destination"/> asynchronously and empties the buffer.</summary>
    public async ValueTask DrainAsync(Stream destination, CancellationToken cancellationToken)
    {
        EncodePendingChars();
        if (_length > 0)
        {
            await destination.WriteAsync(_buffer.AsMemory(0, _length), cancellationToken).ConfigureAwait(false);
            _length = 0;
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }

        base.Dispose(disposing);
    }

    private void EncodePendingChars()
    {
        if (_charCount > 0)
        {
            Encode(_chars.AsSpan(0, _charCount));
            _charCount = 0;
        }
    }

    private void Encode(ReadOnlySpan<char> chars)
    {
        Ensure((chars.Length * 3) + 4);
        _encoder.Convert(chars, _buffer.AsSpan(_length), flush: false, out _, out var bytesUsed, out _);
        _length += bytesUsed;
    }

    private void Ensure(int bytes)
    {
        if (_length + bytes <= _buffer.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + bytes));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
