using System.Runtime.InteropServices;

namespace AssistantKit.Cli.Commands;

/// <summary>
/// What an output path names. A regular file (or a new path) is written to a temporary file and renamed when complete;
/// <c>-</c> (standard output) and an existing device, FIFO or socket (<c>/dev/null</c>, a named pipe) are written
/// through: renaming over them would replace the device with a file.
/// </summary>
internal static partial class OutputTarget
{
    /// <summary>Whether <paramref name="path"/> is standard output.</summary>
    public static bool IsStandardOutput(string path) => path == "-";

    /// <summary>Whether <paramref name="path"/> exists and is neither a regular file nor a directory.</summary>
    public static bool IsSpecial(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            var name = Path.GetFileNameWithoutExtension(path).ToUpperInvariant();
            return name is "NUL" or "CON" or "PRN" or "AUX" || path.StartsWith(@"\\.\", StringComparison.Ordinal);
        }

        if (!File.Exists(path))
        {
            return false;
        }

        return FileType(path) is { } type ? type != RegularFile : path.StartsWith("/dev/", StringComparison.Ordinal);
    }

    private const uint TypeMask = 0xF000; // S_IFMT
    private const uint RegularFile = 0x8000; // S_IFREG

    /// <summary>The <c>S_IFMT</c> bits of <c>stat</c> (following links), or <see langword="null"/> where this process cannot tell.</summary>
    private static uint? FileType(string path)
    {
        // struct stat puts st_mode at byte 24 on Linux x64 and at byte 16 on Linux arm64 (asm-generic layout).
        var offset = OperatingSystem.IsLinux() ? RuntimeInformation.ProcessArchitecture switch { Architecture.X64 => 24, Architecture.Arm64 => 16, _ => -1 } : -1;
        if (offset < 0)
        {
            return null;
        }

        var buffer = new byte[256];
        try
        {
            return Stat(path, buffer) == 0 ? BitConverter.ToUInt32(buffer, offset) & TypeMask : null;
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return null;
        }
    }

    [LibraryImport("libc", EntryPoint = "stat", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Stat(string path, byte[] buffer);
}
