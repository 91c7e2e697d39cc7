using System.Text;

namespace StatusSite.Authoring;

/// <summary>
/// Writes a content file so that a crash or a full disk never leaves half an incident behind:
/// the text goes to a temporary file beside the target, which then replaces it in one rename.
/// </summary>
public static class AtomicFileWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <param name="overwrite">False for new files: an existing file is never replaced.</param>
    public static void Write(string path, string text, bool overwrite)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(folder);
        // The temporary file sits in the same folder, so the rename stays on one file system and is atomic.
        var temp = Path.Combine(folder, "." + Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                var bytes = Utf8.GetBytes(text);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            if (overwrite)
            {
                File.Move(temp, path, overwrite: true);
            }
            else
            {
                // File.Move without overwrite refuses an existing target, so two authors never clobber each other.
                File.Move(temp, path, overwrite: false);
            }
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
