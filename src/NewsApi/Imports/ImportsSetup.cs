namespace NewsApi.Imports;

/// <summary>The <c>Imports</c> configuration section.</summary>
public sealed class ImportOptions
{
    /// <summary>Largest export POST /v1/admin/imports accepts (413 beyond); the command line has no limit.</summary>
    public long MaxBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Where an uploaded export is kept while it is imported; by default a folder beside the database. Swept of
    /// this database's uploads at start-up (see <see cref="ImportSpool"/>).</summary>
    public string? SpoolDirectory { get; set; }
}

public static class ImportsSetup
{
    /// <summary>The WordPress importer, the HTTP import worker and the import-wxr command.</summary>
    public static IHostApplicationBuilder AddImports(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ImportOptions>().Bind(builder.Configuration.GetSection("Imports"))
            .Validate(o => o.MaxBytes > 0, "Imports:MaxBytes must be more than zero.").ValidateOnStart();
        builder.Services.AddSingleton<WxrImporter>();
        builder.Services.AddSingleton<ImportRepository>();
        builder.Services.AddSingleton<ImportSpool>();
        builder.Services.AddSingleton<ImportWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ImportWorker>());
        return builder;
    }
}
