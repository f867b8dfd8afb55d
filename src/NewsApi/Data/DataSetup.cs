using System.Security.Cryptography;
using Dapper;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using NewsApi.Http;

namespace NewsApi.Data;

public static class DataSetup
{
    public static IHostApplicationBuilder AddData(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("NewsDb") ?? "Data Source=data/newsapi.db";
        var writeLockTimeout = builder.Configuration.GetSection("NewsApi").Get<NewsApiOptions>()?.WriteLockTimeout;
        // Made here, so a bad WriteLockTimeout stops the start; handed out by a factory, so the container
        // disposes it at shutdown (closing the connections kept for prepared reads).
        var db = new Db(connectionString, writeLockTimeout);
        builder.Services.AddSingleton(_ => db);
        builder.Services.AddSingleton<Migrator>();
        builder.Services.AddSingleton(sp => new Signer(SigningKey(sp.GetRequiredService<Db>(), sp.GetRequiredService<IOptions<NewsApiOptions>>().Value)));
        builder.Services.AddSingleton<CursorCodec>();
        builder.Services.AddHostedService<DatabaseMaintenance>();
        builder.Services.AddSingleton<DatabaseBackup>();
        builder.Services.AddOptions<BackupOptions>().Bind(builder.Configuration.GetSection(BackupOptions.Section))
            .Validate(o => o.Every >= TimeSpan.FromMinutes(1), "Backup:Every must be at least a minute, e.g. 1.00:00:00 for daily.")
            .Validate(o => o.Keep >= 1, "Backup:Keep must be at least 1.")
            .ValidateOnStart();
        builder.Services.AddHostedService<ScheduledBackups>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        return builder;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).ExcludeFromDescription();
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).ExcludeFromDescription();
        return routes;
    }

    /// <summary>The configured key, or one generated on first start and kept in the database,
    /// so cursors and preview tokens stay valid across restarts.</summary>
    private static byte[] SigningKey(Db db, NewsApiOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey)) return Convert.FromBase64String(options.SigningKey);
        using var connection = db.OpenAsync().GetAwaiter().GetResult();
        connection.Execute("INSERT INTO settings (name, value) VALUES ('signing_key', @value) ON CONFLICT (name) DO NOTHING",
            new { value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
        return Convert.FromBase64String(connection.ExecuteScalar<string>("SELECT value FROM settings WHERE name = 'signing_key'")!);
    }
}

/// <summary>Ready when the database answers and every embedded migration is applied.</summary>
internal sealed class DatabaseReadyCheck(Migrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            return await migrator.IsCurrentAsync(ct)
                ? HealthCheckResult.Healthy("Database reachable, migrations applied.")
                : HealthCheckResult.Unhealthy("Migrations are not applied.");
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("Database unreachable.", e);
        }
    }
}
