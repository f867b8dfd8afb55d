using NewsApi.Client.Models;
using ArticleFormats = NewsApi.Client.V1.Articles.Item.GetFormatsQueryParameterType;
using Scope = NewsApi.Client.V1.Articles.Item.Adjacent.GetScopeQueryParameterType;

namespace NewsApi.Client;

/// <summary>Prints an article page as the seed shows it — headline, dateline with its danda, paragraphs, credit,
/// teasers, Read Previous / Read Next — using only the generated client: what a mobile screen would bind to.</summary>
public static class SeedPage
{
    public static async Task PrintAsync(NewsApiClient api, TextWriter output, long articleId, CancellationToken ct = default)
    {
        var answer = await api.V1.Articles[articleId].GetAsync(r => r.QueryParameters.Formats = [ArticleFormats.Text], ct);
        // Without fields= the answer is the full Article (the ArticleFields side of the anyOf is for sparse answers).
        var article = answer?.Article ?? throw new InvalidOperationException($"article {articleId} not found");
        await output.WriteLineAsync(article.Headline);
        await output.WriteLineAsync($"{string.Join(", ", (article.Authors ?? []).Select(a => a.Name))} · {article.Source?.Name} · {article.PublishedAt:yyyy-MM-dd HH:mm} UTC · {article.ReadingTimeMinutes} मिनट");
        await output.WriteLineAsync();
        var paragraphs = (article.Body?.Text ?? "").Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < paragraphs.Length; i++)
            await output.WriteLineAsync(i == 0 && article.Dateline is { } dateline ? $"{dateline} । {paragraphs[i]}" : paragraphs[i]);
        if (article.Source is { } source) await output.WriteLineAsync($"({source.Name})");

        var adjacent = await api.V1.Articles[articleId].Adjacent.GetAsync(r => r.QueryParameters.Scope = Scope.Site, ct);
        await output.WriteLineAsync();
        await output.WriteLineAsync($"« पिछली ख़बर: {Headline(adjacent?.Previous)}");
        await output.WriteLineAsync($"अगली ख़बर »: {Headline(adjacent?.Next)}");

        var teasers = await api.V1.Teasers.GetAsync(r => r.QueryParameters.Limit = 20, ct);
        await output.WriteLineAsync();
        await output.WriteLineAsync("ताज़ा ख़बरें:");
        foreach (var teaser in (teasers?.Items ?? []).Where(t => t.Id != articleId))
            await output.WriteLineAsync($"- {teaser.Headline} ({teaser.Dateline})");
    }

    private static string Headline(Teaser? teaser) => teaser?.Headline ?? "—";
}
