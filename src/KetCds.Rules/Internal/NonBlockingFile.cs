using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace KetCds.Rules.Internal;

/// <summary>
/// Opens a rule-set file for reading without ever blocking. .NET's FileStream opens a FIFO with a blocking open(2)
/// that waits for a writer forever, and it has no API that tells a FIFO from a file before opening it; opening with
/// O_NONBLOCK returns at once, and the stream then shows a pipe as not seekable.
/// </summary>
internal static partial class NonBlockingFile
{
    private const int ReadOnly = 0;
    private const int NonBlock = 0x800; // O_NONBLOCK on Linux (x86-64 and arm64)
    private const int CloseOnExec = 0x80000; // O_CLOEXEC on Linux

    /// <summary>A read stream over <paramref name="path"/>; throws IOException or UnauthorizedAccessException as File.Open does.</summary>
    public static FileStream OpenRead(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.None);
        }

        var fd = Open(path, ReadOnly | NonBlock | CloseOnExec);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw errno is 1 or 13
                ? new UnauthorizedAccessException($"access to '{path}' is denied")
                : new IOException($"'{path}' cannot be opened ({Marshal.GetPInvokeErrorMessage(errno)})");
        }

        var handle = new SafeFileHandle(fd, ownsHandle: true);
        try
        {
            return new FileStream(handle, FileAccess.Read, 1);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);
}
