namespace NewsApi.Related;

public static class RelatedSetup
{
    public static IHostApplicationBuilder AddRelated(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RelatedRepository>();
        builder.Services.AddSingleton<RelatedRanking>();
        return builder;
    }
}
