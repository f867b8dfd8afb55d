using System.Globalization;
using NewsApi.Data;

namespace NewsApi.Cli;

/// <summary><c>backup &lt;file&gt; [--force]</c>: an online backup of the configured database (see
/// <see cref="DatabaseBackup"/>), safe while the service runs on it.</summary>
public static class BackupCommand
{
    public const string Usage = "backup <file> [--force]    copy the database, consistently, while the service may be running";

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var force = args.Contains("--force");
        var files = args.Where(a => a != "--force").ToList();
        if (files.Count != 1 || files[0].StartsWith('-'))
        {
            await Console.Error.WriteLineAsync("usage: " + Usage);
            return 2;
        }
        try
        {
            var made = await services.GetRequiredService<DatabaseBackup>().BackupAsync(files[0], force, CancellationToken.None);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Backed up to {made.Path} ({made.Bytes / 1024.0 / 1024.0:0.0} MB in {made.Took.TotalSeconds:0.0} s)."));
            return 0;
        }
        // A refused target, a failed integrity check, a missing folder or no permission: a line, not a stack trace.
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 1;
        }
    }
}
