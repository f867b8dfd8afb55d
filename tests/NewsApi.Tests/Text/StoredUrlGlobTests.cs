using Microsoft.Data.Sqlite;
using NewsApi.Text;

namespace NewsApi.Tests.Text;

/// <summary>The start-up rewrite finds unsafe stored links with <see cref="WebUrl.UnsafeGlob"/> in SQLite and rewrites them
/// with <see cref="WebUrl.Rewritten"/> in C#: the two must agree on every character, or a link is missed (unsafe and
/// not found) or found at every start (found and left as it is).</summary>
[TestFixture]
public sealed class StoredUrlGlobTests
{
    private static IEnumerable<string> Characters() =>
        Enumerable.Range(1, 127).Select(c => ((char)c).ToString()).Concat(["क", "\u202E", "é"]);

    [Test]
    public async Task The_GLOB_and_the_safe_set_agree_on_every_ASCII_character_and_on_non_ASCII()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var disagreements = new List<string>();
        foreach (var c in Characters())
        {
            await using var glob = connection.CreateCommand();
            glob.CommandText = "SELECT $text GLOB $pattern";
            glob.Parameters.AddWithValue("$text", "https://example.com/a" + c + "b");
            glob.Parameters.AddWithValue("$pattern", WebUrl.UnsafeGlob);
            var foundUnsafe = (long)(await glob.ExecuteScalarAsync())! == 1;
            if (foundUnsafe == c.All(WebUrl.IsSafe)) disagreements.Add($"U+{(int)c[0]:X4} ({(foundUnsafe ? "found by GLOB, safe in C#" : "missed by GLOB, unsafe in C#")})");
        }
        Assert.That(disagreements, Is.Empty);
    }

    [TestCase("https://example.com/it's", "https://example.com/it%27s")]
    [TestCase("https://example.com/a\u0000b", "https://example.com/a%00b")]
    public void Quotes_of_either_kind_and_NUL_are_percent_encoded(string stored, string answered)
    {
        var rewritten = WebUrl.Rewritten(stored);
        Assert.That(rewritten, Is.EqualTo(answered));
        Assert.That(rewritten.All(WebUrl.IsSafe), Is.True);
    }
}
