namespace NewsApi.Articles;

public static class ArticlesSetup
{
    public static IHostApplicationBuilder AddArticles(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ArticleMapper>();
        builder.Services.AddSingleton<ArticleRepository>();
        return builder;
    }
}
