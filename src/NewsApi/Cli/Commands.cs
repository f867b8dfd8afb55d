using NewsApi.Data;
using NewsApi.Demo;

namespace NewsApi.Cli;

/// <summary>Sub-commands of the service executable: <c>dotnet run --project src/NewsApi -- &lt;command&gt;</c>.</summary>
public static class Commands
{
    private static readonly Dictionary<string, Func<IServiceProvider, string[], TextWriter, Task<int>>> All = new(StringComparer.Ordinal)
    {
        ["migrate"] = Migrate,
        ["seed-demo"] = SeedDemo,
        ["generate-corpus"] = GenerateCorpus.RunAsync,
        ["backup"] = BackupCommand.RunAsync,
        ["import-wxr"] = Imports.ImportCommand.RunAsync,
    };

    public static bool IsCommand(string[] args) => args.Length > 0 && All.ContainsKey(args[0]);

    /// <summary>A first argument that is neither a command nor configuration (<c>--urls …</c>, <c>/key value</c>,
    /// <c>Key=value</c>): a misspelt command (<c>bakup</c>), which must not quietly start the web server instead.</summary>
    public static bool IsUnknownCommand(string[] args) =>
        args.Length > 0 && !IsCommand(args) && !args[0].StartsWith('-') && !args[0].StartsWith('/') && !args[0].Contains('=');

    private const string Usage = """
        usage: NewsApi [command] [options]
          (no command)               serve the API (options: --urls http://127.0.0.1:8080, Key=value configuration)
          migrate                    apply the database migrations and exit
          seed-demo                  load the demo news page and exit
          keys create --name N --role admin|editor|author|partner|reader [--author slug]
          generate-corpus --articles N
          import-wxr <file> [--dry-run]   import a WordPress export (WXR)
        """;

    public static async Task<int> RefuseUnknownAsync(string[] args, TextWriter error)
    {
        await error.WriteLineAsync($"Unknown command '{args[0]}'.");
        await error.WriteLineAsync(Usage);
        await error.WriteLineAsync("  " + BackupCommand.Usage);
        return 2;
    }

    public static void Register(string name, Func<IServiceProvider, string[], TextWriter, Task<int>> command) => All[name] = command;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        await using var scope = services.CreateAsyncScope();
        return await All[args[0]](scope.ServiceProvider, args[1..], Console.Out);
    }

    /// <summary>Before a command writes slugs (and after migration 0009 on an upgraded database): the look-alike
    /// check compares with stored skeletons, and a NULL one never matches.</summary>
    internal static async Task EnsureSlugSkeletonsAsync(IServiceProvider services)
    {
        await services.GetRequiredService<Articles.ArticleRepository>().EnsureSlugSkeletonsAsync(CancellationToken.None);
        await services.GetRequiredService<Taxonomy.TaxonomyRepository>().EnsureSlugSkeletonsAsync(CancellationToken.None);
    }

    private static async Task<int> Migrate(IServiceProvider services, string[] args, TextWriter output)
    {
        var applied = await services.GetRequiredService<Migrator>().MigrateAsync();
        await EnsureSlugSkeletonsAsync(services);
        await output.WriteLineAsync($"Applied {applied} migration(s); schema is at version {Migrator.Embedded[^1].Version}.");
        return 0;
    }

    private static async Task<int> SeedDemo(IServiceProvider services, string[] args, TextWriter output)
    {
        await services.GetRequiredService<Migrator>().MigrateAsync();
        await EnsureSlugSkeletonsAsync(services);
        var loaded = await services.GetRequiredService<DemoContent>().LoadAsync();
        await output.WriteLineAsync(loaded ? "Loaded the demo news page." : "The demo news page is already loaded.");
        return 0;
    }
}
