using System.ComponentModel;
using System.Text.Json.Serialization;

namespace NewsApi.Imports;

/// <summary>What an import did (or, in a dry run, would do); filled in as it goes, so progress reports can show it.</summary>
[JsonObjectCreationHandling(JsonObjectCreationHandling.Populate)]
public sealed class ImportSummary
{
    public bool DryRun { get; init; }

    [Description("Items read from the export (posts, pages, attachments, menu items, …).")] public int Processed { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    [Description("Items not written; see skippedReasons.")] public int Skipped { get; set; }
    [Description("How many items were skipped for each reason.")] public SortedDictionary<string, int> SkippedReasons { get; } = new(StringComparer.Ordinal);
    public int SectionsCreated { get; set; }
    public int TagsCreated { get; set; }
    public int AuthorsCreated { get; set; }
    [Description("Imported articles that got a featured image.")] public int Images { get; set; }
    /// <summary>Items refused, and why (the job resource lists them as its <c>errors</c>).</summary>
    [JsonIgnore] public List<string> Errors { get; } = [];
    public double Seconds { get; set; }

    public const int MaxErrors = 200;

    public void Skip(string reason)
    {
        Skipped++;
        SkippedReasons[reason] = SkippedReasons.GetValueOrDefault(reason) + 1;
    }

    public void Error(string message)
    {
        if (Errors.Count < MaxErrors) Errors.Add(message);
        else if (Errors.Count == MaxErrors) Errors.Add("… further errors left out.");
    }
}

/// <param name="Phase"><c>reading</c> (the check of the whole file; Done and Total in bytes) or <c>importing</c> (items).</param>
public sealed record ImportProgress(string Phase, long Done, long Total, ImportSummary Summary);

/// <summary>Reports progress on the caller's thread, as it happens (<see cref="Progress{T}"/> would post it to the thread pool).</summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
