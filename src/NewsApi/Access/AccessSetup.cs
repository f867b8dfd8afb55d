using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace NewsApi.Access;

public static class AccessSetup
{
    public static IHostApplicationBuilder AddAccess(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ApiKeyRepository>();
        builder.Services.AddSingleton<KeyUsage>();
        builder.Services.AddSingleton<KeyUsageFlusher>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<KeyUsageFlusher>());
        builder.Services.AddOptions<NewsApiOptions>()
            .Validate(o => o.KeyUsageFlushInterval > TimeSpan.Zero && o.KeyUsageFlushInterval <= TimeSpan.FromDays(1),
                "NewsApi:KeyUsageFlushInterval must be more than zero and at most a day.")
            .ValidateOnStart();
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Reader, p => p.RequireRole(Roles.All))
            .AddPolicy(Policies.Newsroom, p => p.RequireRole(Roles.Admin, Roles.Editor, Roles.Author))
            .AddPolicy(Policies.Editor, p => p.RequireRole(Roles.Admin, Roles.Editor))
            .AddPolicy(Policies.Partner, p => p.RequireRole(Roles.Admin, Roles.Partner))
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin));
        Cli.Commands.Register("keys", KeysCommand.RunAsync);
        return builder;
    }

    /// <summary>Requires <paramref name="policy"/> and declares the 401/403 problems it can answer.</summary>
    public static TBuilder RequireKey<TBuilder>(this TBuilder builder, string policy) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(policy)
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ProblemDetails), ["application/problem+json"]))
            .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ProblemDetails), ["application/problem+json"]));
}
