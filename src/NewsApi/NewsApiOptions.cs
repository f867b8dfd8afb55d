namespace NewsApi;

/// <summary>The <c>NewsApi</c> configuration section.</summary>
public sealed class NewsApiOptions
{
    /// <summary>Base of article <c>url</c> and <c>canonicalUrl</c> (the publisher's website).</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:8080";

    /// <summary>Path of an article on the website; <c>{section}</c> and <c>{slug}</c> are replaced.</summary>
    public string UrlPattern { get; set; } = "/{section}/{slug}";

    /// <summary>Load the seed page into an empty database at start.</summary>
    public bool DemoContent { get; set; } = true;

    /// <summary>Base64 secret for cursors and preview tokens; by default one is generated and kept in the database.</summary>
    public string? SigningKey { get; set; }

    /// <summary>How often the times API keys were last used are written (in one batch); the admin key list's
    /// <c>lastUsedAt</c> lags by up to this much.</summary>
    public TimeSpan KeyUsageFlushInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a write waits for SQLite's one write lock before the API answers 503 with
    /// Retry-After (more than zero, at most a minute; a time span such as <c>00:00:05</c>).</summary>
    public TimeSpan WriteLockTimeout { get; set; } = Data.Db.DefaultWriteLockTimeout;
}
