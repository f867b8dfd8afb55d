using System.Globalization;
using NewsApi.Data;
using Spectre.Console;

namespace NewsApi.Imports;

/// <summary><c>import-wxr &lt;file&gt; [--dry-run]</c>: imports a WordPress export with a progress bar on a terminal
/// (plain progress lines otherwise) and ends with a summary. Exit code 0 when it ran, 1 for a file it cannot read
/// (nothing imported), 2 for bad arguments.</summary>
public static class ImportCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output)
    {
        var dryRun = args.Contains("--dry-run");
        var files = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (files.Count != 1 || args.Any(a => a.StartsWith("--", StringComparison.Ordinal) && a != "--dry-run"))
        {
            await Console.Error.WriteLineAsync("usage: import-wxr <export.xml> [--dry-run]");
            return 2;
        }
        var path = Path.GetFullPath(files[0]);
        if (!File.Exists(path))
        {
            await Console.Error.WriteLineAsync($"No file at {path}.");
            return 2;
        }
        await new Migrator(services.GetRequiredService<Db>(), Microsoft.Extensions.Logging.Abstractions.NullLogger<Migrator>.Instance).MigrateAsync();
        await Cli.Commands.EnsureSlugSkeletonsAsync(services);
        var importer = services.GetRequiredService<WxrImporter>();
        var summary = new ImportSummary { DryRun = dryRun };
        try
        {
            if (ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive)
                await WithProgressBarAsync(importer, path, summary);
            else
                await importer.ImportAsync(path, summary, new InlineProgress<ImportProgress>(new ProgressLines(output).Report), CancellationToken.None);
        }
        catch (WxrFormatException e)
        {
            await output.WriteLineAsync($"{Path.GetFileName(path)} is not a WordPress export this can read. {e.Message}");
            await output.WriteLineAsync("Nothing was imported.");
            return 1;
        }
        await WriteSummaryAsync(output, summary);
        return 0;
    }

    private static Task WithProgressBarAsync(WxrImporter importer, string path, ImportSummary summary) =>
        AnsiConsole.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var reading = ctx.AddTask("Checking the file", maxValue: 1);
                var importing = ctx.AddTask("Importing", autoStart: false, maxValue: 1);
                await importer.ImportAsync(path, summary, new InlineProgress<ImportProgress>(p =>
                {
                    var task = p.Phase == "reading" ? reading : importing;
                    if (!task.IsStarted) task.StartTask();
                    task.MaxValue = Math.Max(1, p.Total);
                    task.Value = p.Done;
                    if (p.Phase == "importing")
                        task.Description = $"Importing ({p.Summary.Created} new, {p.Summary.Updated} updated, {p.Summary.Skipped} skipped)";
                }), CancellationToken.None);
                reading.StopTask();
                importing.StopTask();
            });

    /// <summary>Progress as plain lines (a log, a pipe): one per tenth of the way.</summary>
    private sealed class ProgressLines(TextWriter output)
    {
        private string _phase = "";
        private long _step = -1;

        public void Report(ImportProgress p)
        {
            var step = p.Total <= 0 ? 10 : p.Done * 10 / p.Total;
            if (p.Phase == _phase && step <= _step) return;
            (_phase, _step) = (p.Phase, step);
            output.WriteLine(p.Phase == "reading"
                ? $"Checking the file: {step * 10}%"
                : $"Imported {p.Done} of {p.Total} items: {p.Summary.Created} created, {p.Summary.Updated} updated, {p.Summary.Skipped} skipped");
        }
    }

    private static async Task WriteSummaryAsync(TextWriter output, ImportSummary s)
    {
        var c = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(s.DryRun ? "Dry run: nothing was written. The import would have:" : "Import finished:");
        await output.WriteLineAsync(string.Create(c, $"  items read       {s.Processed}"));
        await output.WriteLineAsync(string.Create(c, $"  articles created {s.Created}"));
        await output.WriteLineAsync(string.Create(c, $"  articles updated {s.Updated}"));
        await output.WriteLineAsync(string.Create(c, $"  skipped          {s.Skipped}"));
        foreach (var (reason, count) in s.SkippedReasons) await output.WriteLineAsync(string.Create(c, $"    {count,6}  {reason}"));
        await output.WriteLineAsync(string.Create(c, $"  sections created {s.SectionsCreated}, tags created {s.TagsCreated}, authors created {s.AuthorsCreated}"));
        await output.WriteLineAsync(string.Create(c, $"  featured images  {s.Images}"));
        await output.WriteLineAsync(string.Create(c, $"  refused          {s.Errors.Count}"));
        foreach (var error in s.Errors) await output.WriteLineAsync("    " + error);
        await output.WriteLineAsync(string.Create(c, $"  time taken       {s.Seconds:0.0} s"));
    }
}
