using FluentValidation;
using NewsApi.Data;

namespace NewsApi.Access;

/// <summary><c>keys create --name N --role R [--author slug]</c>: prints the new key alone on the last line.</summary>
public static class KeysCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        if (args.Length == 0 || args[0] != "create")
        {
            await Console.Error.WriteLineAsync("usage: keys create --name <name> --role <admin|editor|author|partner|reader> [--author <slug>]");
            return 2;
        }
        string? Option(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }
        var request = new CreateKeyRequest(Option("--name")?.Trim() ?? "", Option("--role") ?? "", Option("--author")?.Trim());
        var result = await new CreateKeyValidator().ValidateAsync(request);
        if (!result.IsValid)
        {
            foreach (var e in result.Errors) await Console.Error.WriteLineAsync(e.ErrorMessage);
            return 2;
        }
        // The service migrates at start-up, but commands run before that, and the first admin key is usually
        // made on a fresh database. The migrator logs through the console logger, whose lines can land after
        // ours; this command's own output is only what it writes, so the key stays alone on the last line.
        var db = services.GetRequiredService<Db>();
        var applied = await new Migrator(db, Microsoft.Extensions.Logging.Abstractions.NullLogger<Migrator>.Instance).MigrateAsync();
        if (applied > 0) await output.WriteLineAsync($"Applied {applied} migration(s) to {db.DataSource}.");
        var store = services.GetRequiredService<ApiKeyRepository>();
        long? authorId = null;
        if (request.Author is not null && (authorId = await store.AuthorIdAsync(request.Author, CancellationToken.None)) is null)
        {
            await Console.Error.WriteLineAsync($"No author has the slug '{request.Author}'.");
            return 2;
        }
        var (row, key) = await store.CreateAsync(request.Name, request.Role, authorId, CancellationToken.None);
        await output.WriteLineAsync($"Created key {row.Id} '{row.Name}' with role {row.Role}. It is shown only now:");
        await output.WriteLineAsync(key);
        return 0;
    }
}
