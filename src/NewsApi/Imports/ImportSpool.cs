using Microsoft.Extensions.Options;
using NewsApi.Data;

namespace NewsApi.Imports;

/// <summary>Where uploaded exports wait for the worker: <c>Imports:SpoolDirectory</c>, or by default a folder beside the
/// database (<c>newsapi.db.imports/</c>): the service's own data folder, so no other user can create or swap files in it
/// as they could in a shared temporary folder. A service killed mid-import never deletes that upload; the next start,
/// which marks such imports failed, sweeps the folder of this database's uploads, so uploads of up to 512 MB do not
/// pile up.</summary>
public sealed class ImportSpool(IOptions<ImportOptions> options, Db db, ILogger<ImportSpool> logger)
{
    // The database's file name is in every upload's name, so a folder shared by services on different databases (a
    // configured /tmp) is swept of this one's uploads only.
    private readonly string _prefix = "newsapi-import-" + Path.GetFileNameWithoutExtension(db.DataSource) + "-";

    public string Directory { get; } = options.Value.SpoolDirectory ?? Path.GetFullPath(db.DataSource) + ".imports";

    /// <summary>A new file name for one upload, in a folder that exists (created readable by this user only).</summary>
    public string NewFile()
    {
        if (OperatingSystem.IsWindows()) System.IO.Directory.CreateDirectory(Directory);
        else System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return Path.Combine(Directory, $"{_prefix}{Guid.NewGuid():N}.xml");
    }

    /// <summary>Deletes the uploads a stopped service left; returns how many. Never fails the start: a file it may not
    /// delete is logged and left.</summary>
    public int Sweep()
    {
        if (!System.IO.Directory.Exists(Directory)) return 0;
        var swept = 0;
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, _prefix + "*.xml"))
        {
            try
            {
                File.Delete(file);
                swept++;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                logger.LogWarning(e, "Could not delete {File}, an upload a stopped service left", file);
            }
        }
        return swept;
    }
}
