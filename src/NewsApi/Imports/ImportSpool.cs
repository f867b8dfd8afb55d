using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using NewsApi.Data;

namespace NewsApi.Imports;

/// <summary>Where uploaded exports wait for the worker: <c>Imports:SpoolDirectory</c>, or by default a folder of this
/// database's own under the system's temporary folder. A service killed mid-import never deletes that upload; the
/// next start, which marks such imports failed, sweeps the folder of them, so uploads of up to 512 MB do not pile up.</summary>
public sealed class ImportSpool(IOptions<ImportOptions> options, Db db)
{
    private const string Prefix = "newsapi-import-";

    public string Directory { get; } = options.Value.SpoolDirectory ?? Path.Combine(Path.GetTempPath(), "newsapi-imports-" + Hash(db.DataSource));

    /// <summary>A new file name for one upload, in a folder that exists.</summary>
    public string NewFile()
    {
        System.IO.Directory.CreateDirectory(Directory);
        return Path.Combine(Directory, $"{Prefix}{Guid.NewGuid():N}.xml");
    }

    /// <summary>Deletes the uploads a stopped service left (only this service's file names, should the folder be
    /// shared); returns how many.</summary>
    public int Sweep()
    {
        if (!System.IO.Directory.Exists(Directory)) return 0;
        var swept = 0;
        foreach (var file in System.IO.Directory.EnumerateFiles(Directory, Prefix + "*.xml"))
        {
            try
            {
                File.Delete(file);
                swept++;
            }
            catch (IOException)
            {
                // Held open elsewhere: the next start tries again.
            }
        }
        return swept;
    }

    // One folder per database file, so services on different databases never sweep each other's uploads.
    private static string Hash(string dataSource) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(dataSource))))[..16];
}
