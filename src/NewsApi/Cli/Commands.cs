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
        ["import-wxr"] = Imports.ImportCommand.RunAsync,
    };

    public static bool IsCommand(string[] args) => args.Length > 0 && All.ContainsKey(args[0]);

    public static void Register(string name, Func<IServiceProvider, string[], TextWriter, Task<int>> command) => All[name] = command;

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        await using var scope = services.CreateAsyncScope();
        return await All[args[0]](scope.ServiceProvider, args[1..], Console.Out);
    }

    private static async Task<int> Migrate(IServiceProvider services, string[] args, TextWriter output)
    {
        var applied = await services.GetRequiredService<Migrator>().MigrateAsync();
        await output.WriteLineAsync($"Applied {applied} migration(s); schema is at version {Migrator.Embedded[^1].Version}.");
        return 0;
    }

    private static async Task<int> SeedDemo(IServiceProvider services, string[] args, TextWriter output)
    {
        await services.GetRequiredService<Migrator>().MigrateAsync();
        var loaded = await services.GetRequiredService<DemoContent>().LoadAsync();
        await output.WriteLineAsync(loaded ? "Loaded the demo news page." : "The demo news page is already loaded.");
        return 0;
    }
}
