namespace NewsApi.Taxonomy;

public static class TaxonomySetup
{
    /// <summary>The taxonomy repository. Its validators come with the assembly-wide FluentValidation scan.</summary>
    public static IHostApplicationBuilder AddTaxonomy(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<TaxonomyRepository>();
        return builder;
    }
}
