using System.Text;

namespace AssistantKit.Cli.Commands;

/// <summary>
/// Writes what the tool prints with control characters shown as escapes (<c>\u001B</c>), so text from the command line or
/// from an input file (a title, a time zone name) cannot move the cursor, recolour or retitle the terminal. Line breaks,
/// tabs and the carriage return of the live progress line pass.
/// </summary>
internal sealed class TerminalSafeWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        if (IsUnsafe(value))
        {
            inner.Write($"\\u{(int)value:X4}");
        }
        else
        {
            inner.Write(value);
        }
    }

    public override void Write(string? value)
    {
        if (value is null || !value.Any(IsUnsafe))
        {
            inner.Write(value);
            return;
        }

        foreach (var c in value)
        {
            Write(c);
        }
    }

    public override void WriteLine(string? value)
    {
        Write(value);
        inner.WriteLine();
    }

    public override void Flush() => inner.Flush();

    private static bool IsUnsafe(char c) => (c < 0x20 && c is not ('\n' or '\r' or '\t')) || c is (>= '\u007F' and <= '\u009F') or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
