namespace NewsApi.Editorial;

public static class EditorialSetup
{
    /// <summary>Writes, workflow, previews, the scheduler. Its validators come with <c>AddValidation</c>'s assembly scan.</summary>
    public static IHostApplicationBuilder AddEditorial(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<BodyLimits>().Bind(builder.Configuration.GetSection(BodyLimits.Section));
        builder.Services.AddSingleton<BodySanitizer>();
        builder.Services.AddSingleton<ArticleWriter>();
        builder.Services.AddSingleton<PreviewTokens>();
        builder.Services.AddSingleton<ChangesCatchUp>();
        builder.Services.AddSingleton<StoredLinkRewrite>();
        builder.Services.AddSingleton<ScheduledPublisher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ScheduledPublisher>());
        return builder;
    }
}
