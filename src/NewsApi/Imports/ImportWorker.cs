using System.Threading.Channels;

namespace NewsApi.Imports;

/// <summary>An import the HTTP API accepted: the spooled file and its job row.</summary>
public sealed record ImportJob(long Id, string Path, bool DryRun);

/// <summary>Runs the imports POST /v1/admin/imports accepts, one at a time (SQLite has one writer, and two imports
/// of one site would race for the same posts), writing each job's progress about every second.</summary>
public sealed class ImportWorker(ImportRepository imports, WxrImporter importer, ImportSpool spool, ILogger<ImportWorker> logger) : BackgroundService
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    private readonly Channel<ImportJob> _queue = Channel.CreateUnbounded<ImportJob>();

    public ValueTask EnqueueAsync(ImportJob job, CancellationToken ct) => _queue.Writer.WriteAsync(job, ct);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var interrupted = await imports.FailInterruptedAsync(cancellationToken);
        if (interrupted > 0) logger.LogWarning("Marked {Count} import(s) failed: the service stopped while they ran", interrupted);
        // Their uploads (and those of imports still queued at the stop) have no job left to read them.
        if (spool.Sweep() is var swept and > 0) logger.LogInformation("Deleted {Count} upload(s) a stopped service left in {Directory}", swept, spool.Directory);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await RunAsync(job, stoppingToken);
            }
            finally
            {
                TryDelete(job.Path);
            }
        }
    }

    private async Task RunAsync(ImportJob job, CancellationToken ct)
    {
        var summary = new ImportSummary { DryRun = job.DryRun };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reporter = ReportProgressAsync(job.Id, summary, stop.Token);
        string? fatal = null;
        try
        {
            await importer.ImportAsync(job.Path, summary, progress: null, ct);
        }
        catch (WxrFormatException e)
        {
            fatal = e.Message;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            fatal = "The service stopped during this import; what was imported stays. Run the import again: it updates instead of duplicating.";
        }
        catch (Exception e)
        {
            logger.LogError(e, "Import {Id} failed", job.Id);
            fatal = "The import stopped: " + e.Message + " What was imported stays; running it again carries on.";
        }
        await stop.CancelAsync();
        await reporter;
        await imports.FinishAsync(job.Id, summary, fatal, CancellationToken.None);
    }

    /// <summary>The counts so far, about every second; they are read while the import changes them, which at worst shows
    /// a count one item behind.</summary>
    private async Task ReportProgressAsync(long id, ImportSummary summary, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(ProgressInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                try
                {
                    await imports.ProgressAsync(id, summary, ct);
                }
                catch (Exception e) when (Data.Db.IsLockWait(e))
                {
                    // The counts are shown again a second later; the import's own writes matter more.
                    logger.LogDebug(e, "Progress of import {Id} not written: the database was busy", id);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (IOException e) { logger.LogWarning(e, "Could not delete the spooled import {Path}", path); }
    }
}
