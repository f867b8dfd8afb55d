using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using NewsApi.Access;
using NewsApi.Data;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Access;

/// <summary>Keys are stored only as hashes: no byte of the database (main file, WAL, shared memory) holds a key.</summary>
[TestFixture]
public sealed class KeyStorageTests : ApiTestBase
{
    private async Task<List<string>> CreateAndUseKeysAsync()
    {
        var keys = new List<string>();
        var admin = await Keys.CreateAsync(Factory, Roles.Admin);
        keys.Add(admin);
        using var adminClient = Keys.ClientWith(Factory, admin);
        long? revocable = null;
        foreach (var role in Roles.All)
        {
            using var created = await adminClient.PostAsJsonAsync("/v1/admin/keys",
                new { name = $"{role} स्टोरेज", role, author = role == Roles.Author ? "ravi" : null }, NewsApiFactory.Json);
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created));
            var json = await created.JsonAsync();
            keys.Add(json.GetProperty("key").GetString()!);
            revocable ??= json.GetProperty("id").GetInt64();
        }
        await using (var writer = new StringWriter())
        {
            Assert.That(await KeysCommand.RunAsync(Factory.Services, ["create", "--name", "cli", "--role", "editor"], writer), Is.Zero);
            keys.Add(writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1]);
        }

        foreach (var key in keys)
        {
            using var client = Keys.ClientWith(Factory, key);
            for (var i = 0; i < 3; i++)
            {
                using var response = await client.GetAsync("/v1/admin/articles");
                Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.OK, HttpStatusCode.Forbidden));
            }
            using var withHeader = new HttpRequestMessage(HttpMethod.Get, "/v1/articles");
            withHeader.Headers.Add("X-Api-Key", key);
            using var anon = Factory.CreateClient();
            using (var read = await anon.SendAsync(withHeader)) Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        // The newsroom writes something with a key, so the key id ends up in articles and revisions.
        using var editor = Keys.ClientWith(Factory, keys[^1]);
        using (var draft = await EditorialHttp.CreateAsync(editor, EditorialHttp.ArticleWithoutAuthors("कुंजी से लिखा मसौदा")))
            Assert.That(draft.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        using (var revoke = await adminClient.DeleteAsync($"/v1/admin/keys/{revocable}")) Assert.That(revoke.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        return keys;
    }

    private static byte[] ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;

    [Test]
    public async Task The_database_files_never_hold_a_plaintext_key()
    {
        var keys = await CreateAndUseKeysAsync();
        var files = new[] { "", "-wal", "-shm" }.Select(s => Factory.DbPath + s).Where(File.Exists).ToList();
        Assert.That(files, Does.Contain(Factory.DbPath));

        var contents = files.ToDictionary(f => f, ReadShared);
        Assert.That(contents.Values.Sum(b => b.Length), Is.GreaterThan(0));
        using (Assert.EnterMultipleScope())
        {
            foreach (var key in keys)
            {
                Assert.That(key, Does.StartWith("nk_"));
                foreach (var (file, bytes) in contents)
                {
                    var name = Path.GetFileName(file);
                    // The secret part after the stored (non-secret) prefix, in any encoding SQLite might use.
                    Assert.That(Contains(bytes, Encoding.UTF8.GetBytes(key)), Is.False, $"{name} holds a key");
                    Assert.That(Contains(bytes, Encoding.UTF8.GetBytes(key[12..])), Is.False, $"{name} holds the secret part of a key");
                    Assert.That(Contains(bytes, Encoding.Unicode.GetBytes(key[12..])), Is.False, $"{name} holds a key as UTF-16LE");
                    Assert.That(Contains(bytes, Encoding.BigEndianUnicode.GetBytes(key[12..])), Is.False, $"{name} holds a key as UTF-16BE");
                }
            }
        }
    }

    [Test]
    public async Task The_key_table_holds_a_sha256_hash_and_a_short_prefix_only()
    {
        var key = await Keys.CreateAsync(Factory, Roles.Reader, name: "hash check");
        await using var connection = await Factory.Services.GetRequiredService<Db>().OpenAsync();
        var row = await connection.QuerySingleAsync<(string Prefix, byte[] Hash)>(
            "SELECT key_prefix, key_hash FROM api_keys WHERE name = 'hash check'");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(row.Hash, Is.EqualTo(SHA256.HashData(Encoding.UTF8.GetBytes(key))));
            Assert.That(key, Does.StartWith(row.Prefix));
            Assert.That(row.Prefix, Has.Length.LessThanOrEqualTo(12));
        }
    }
}
