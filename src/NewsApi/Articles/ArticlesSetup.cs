namespace NewsApi.Articles;

public static class ArticlesSetup
{
    public static IHostApplicationBuilder AddArticles(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ArticleMapper>();
        builder.Services.AddSingleton<ArticleRepository>();
        builder.Services.AddOptions<ContentApiOptions>().Bind(builder.Configuration.GetSection(ContentApiOptions.Section))
            .Validate(o => o.MaxBodiesPerPage >= 1, "ContentApi:MaxBodiesPerPage must be at least 1.").ValidateOnStart();
        return builder;
    }
}

/// <summary>The <c>ContentApi</c> section: what one request to the public article list may cost.</summary>
public sealed class ContentApiOptions
{
    public const string Section = "ContentApi";

    /// <summary>At most this many article bodies in one list answer, counting each format once per article:
    /// <c>limit × formats</c> (html, text, blocks; 0 when <c>fields</c> leaves out <c>body</c>). Every answer is
    /// held whole in memory until it is sent (its ETag is a hash of it), so this bounds the memory a one-line
    /// request can ask for: 100 means 100 articles in html, 50 in html and text, 33 in all three.</summary>
    public int MaxBodiesPerPage { get; set; } = 100;
}
