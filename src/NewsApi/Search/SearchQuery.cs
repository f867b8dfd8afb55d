namespace NewsApi.Search;

/// <summary>One pass of a search: an FTS5 query, the words it scores (for the common-word ranking), the columns
/// it reads with their weights, and what its hits say they <c>matchedBy</c>. A search runs its tiers in order,
/// each adding only articles the earlier ones did not find, so an exact spelling always ranks above a variant,
/// and a Devanagari match above a romanised one.</summary>
/// <param name="Fallback">Run only when the tier before found nothing.</param>
public sealed record SearchTier(string Match, IReadOnlyList<string> Terms, (string Column, double Weight)[] Columns, string MatchedBy, bool Fallback = false);

/// <summary>A parsed query: its words, quoted for FTS5 (so no user input is ever FTS5 syntax), its tiers, and
/// the folds and phonetic keys its snippets mark.</summary>
public sealed record SearchQuery(IReadOnlyList<string> Tokens, IReadOnlyList<SearchTier> Tiers, IReadOnlySet<string> Folds, IReadOnlySet<string> Keys)
{
    public const int MaxTokens = 16;

    /// <summary>Loanword respellings are searched for queries of at most this many words: each word brings up to
    /// <see cref="Loanwords.MaxKeys"/> keys, and ranking a common key costs a query per key and column.</summary>
    public const int MaxLoanwordTokens = 4;

    public static readonly (string Column, double Weight)[] NativeColumns = [("headline", 10), ("excerpt", 4), ("body", 1)];
    // roman_* hold each Devanagari word's phonetic key and, when it has one, its variant fold (see SearchIndex).
    public static readonly (string Column, double Weight)[] VariantColumns = [.. NativeColumns, ("roman_headline", 10), ("roman_text", 2)];
    public static readonly (string Column, double Weight)[] RomanColumns = [("roman_headline", 10), ("roman_text", 2)];

    public static SearchQuery? Parse(string q)
    {
        var tokens = SearchText.Tokens(SearchText.Normalize(q)).Distinct(StringComparer.Ordinal).Take(MaxTokens).ToList();
        if (tokens.Count == 0) return null;
        var tiers = new List<SearchTier> { new(In(NativeColumns, string.Join(' ', tokens.Select(Quote))), tokens, NativeColumns, "text") };

        // Variants: each Devanagari word's fold, as written anywhere or as the fold of a variant spelling.
        var folds = tokens.Where(SearchText.IsDevanagari).Select(Variants.Fold).Distinct(StringComparer.Ordinal).ToList();
        if (folds.Count > 0)
        {
            var match = string.Join(" AND ", tokens.Select(t => SearchText.IsDevanagari(t) ? In(VariantColumns, Quote(Variants.Fold(t))) : In(NativeColumns, Quote(t))));
            tiers.Add(new SearchTier(match, folds, VariantColumns, "variant"));
        }

        // Romanised Hindi: only a query with Latin letters; a Devanagari query means what it spells.
        var keys = tokens.Select(Romanizer.Key).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var allKeys = new HashSet<string>(keys, StringComparer.Ordinal);
        if (tokens.Any(SearchText.IsLatin) && keys.Count > 0)
        {
            var hindi = new SearchTier(In(RomanColumns, string.Join(' ', keys.Select(Quote))), keys, RomanColumns, "romanised");
            // English loanwords: a word also meets the keys of its English respellings (Loanwords). A query spelt the
            // English way (-tion, ck, ff, a c not in ch…) searches them first; any other only when its Hindi key
            // found nothing: a Hindi word's respellings meet other Hindi words (sena, hamla), which must not push
            // in among its own matches.
            var groups = tokens.Select(t => (Hindi: Romanizer.Key(t), Loan: Loanwords.Keys(t))).Where(g => g.Hindi is not null).ToList();
            if (groups.Any(g => g.Loan.Count > 0) && groups.Count <= MaxLoanwordTokens)
            {
                var words = groups.Select(g => "(" + string.Join(" OR ", g.Loan.Prepend(g.Hindi!).Distinct(StringComparer.Ordinal).Select(Quote)) + ")");
                var terms = groups.SelectMany(g => g.Loan.Prepend(g.Hindi!)).Distinct(StringComparer.Ordinal).ToList();
                allKeys.UnionWith(terms);
                var english = tokens.Any(Loanwords.LooksEnglish);
                var loan = new SearchTier(In(RomanColumns, string.Join(" AND ", words)), terms, RomanColumns, "romanised", Fallback: !english);
                tiers.AddRange(english ? [loan, hindi] : [hindi, loan]);
            }
            else tiers.Add(hindi);
        }
        return new SearchQuery(tokens, tiers, folds.ToHashSet(StringComparer.Ordinal), allKeys);
    }

    private static string In((string Column, double Weight)[] columns, string expression) =>
        "{" + string.Join(' ', columns.Select(c => c.Column)) + "} : (" + expression + ")";

    internal static string Quote(string token) => "\"" + token.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
