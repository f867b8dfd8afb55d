using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;

namespace NewsApi.Http;

public static class Compression
{
    /// <summary>Media types worth compressing: JSON answers and problems, and the feeds.</summary>
    public static readonly string[] MimeTypes =
    [
        "application/json", "application/problem+json", "application/feed+json",
        "application/rss+xml", "application/atom+xml", "application/xml", "text/xml",
    ];

    /// <summary>Brotli, then gzip, at <c>Compression:Level</c> (Fastest by default: see the README for what the
    /// levels cost here). Public answers are compressed once and kept compressed by the answer cache.</summary>
    public static IHostApplicationBuilder AddCompression(this IHostApplicationBuilder builder)
    {
        var level = builder.Configuration.GetValue("Compression:Level", CompressionLevel.Fastest);
        builder.Services.AddResponseCompression(o =>
        {
            o.MimeTypes = MimeTypes;
            o.Providers.Add<BrotliCompressionProvider>();
            o.Providers.Add<GzipCompressionProvider>();
        });
        builder.Services.Configure<BrotliCompressionProviderOptions>(o => o.Level = level);
        builder.Services.Configure<GzipCompressionProviderOptions>(o => o.Level = level);
        return builder;
    }
}
