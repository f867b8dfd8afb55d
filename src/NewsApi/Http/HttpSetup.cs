using System.Text.Json;
using System.Text.Json.Serialization;
using FluentValidation;

namespace NewsApi.Http;

/// <summary>What every feature's endpoints share: JSON, options, the clocks, the answer cache, compression, rate limits, validation.</summary>
public static class HttpSetup
{
    public static IHostApplicationBuilder AddHttp(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new UtcDateTimeOffsetConverter());
            // A member the API does not know ("status", "id" on a write) is refused, never silently dropped.
            o.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            // {"headline":"a","headline":"b"} is refused, as a merge patch always was: which of the two a client
            // meant, and which one a proxy or WAF in front of us looked at, is anyone's guess.
            o.SerializerOptions.AllowDuplicateProperties = false;
        });
        builder.Services.AddOptions<NewsApiOptions>().Bind(builder.Configuration.GetSection("NewsApi"));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ContentClockRepository>();
        builder.Services.AddSingleton<ContentClock>();
        builder.Services.AddOptions<AnswerCacheOptions>().Bind(builder.Configuration.GetSection(AnswerCacheOptions.Section));
        builder.Services.AddSingleton<AnswerCache>();
        builder.AddCompression();
        builder.AddRateLimits();
        return builder;
    }

    /// <summary>Every validator in the assembly (editorial, taxonomy, ...), run by <see cref="ValidationFilter"/>.</summary>
    public static IHostApplicationBuilder AddValidation(this IHostApplicationBuilder builder)
    {
        // Validation errors name fields as clients send them: "headline", "image.url".
        ValidatorOptions.Global.PropertyNameResolver = (_, member, expression) =>
            expression is null ? JsonNamingPolicy.CamelCase.ConvertName(member?.Name ?? "") : CamelPath(expression.ToString());
        ValidatorOptions.Global.DisplayNameResolver = (_, member, _) => member is null ? null : JsonNamingPolicy.CamelCase.ConvertName(member.Name);
        builder.Services.AddValidatorsFromAssemblyContaining<NewsApiOptions>(ServiceLifetime.Singleton);
        return builder;
    }

    private static string CamelPath(string expression)
    {
        var parts = expression.Split('.').Skip(1).Select(JsonNamingPolicy.CamelCase.ConvertName);
        return string.Join('.', parts);
    }
}
