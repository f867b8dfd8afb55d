namespace NewsApi.Http;

/// <summary>Browsers may call the API from the origins in <c>Cors:AllowedOrigins</c> (a reader site on another
/// host); none by default, so a deployment opens the API to a web origin only on purpose. The headers a
/// frontend needs to read (ETag for If-Match, Link for paging, Location after a create) are exposed.</summary>
public static class CorsSetup
{
    public const string Section = "Cors:AllowedOrigins";

    public static IHostApplicationBuilder AddCorsFromConfiguration(this IHostApplicationBuilder builder)
    {
        var origins = builder.Configuration.GetSection(Section).Get<string[]>() ?? [];
        builder.Services.AddCors(o => o.AddDefaultPolicy(p =>
        {
            if (origins.Length == 0) return;
            p.WithOrigins(origins)
                .WithMethods("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE")
                .WithHeaders("Authorization", "X-Api-Key", "Content-Type", "If-Match", "If-None-Match", "If-Modified-Since")
                .WithExposedHeaders("ETag", "Last-Modified", "Link", "Location", "Retry-After")
                .SetPreflightMaxAge(TimeSpan.FromHours(1));
        }));
        return builder;
    }
}
