using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using NewsApi.Tests.Infrastructure;

namespace NewsApi.Tests.Hardening;

/// <summary>Every operation in openapi/newsapi.v1.json is sent malformed values in each path and query parameter and
/// body member, and whole malformed bodies, with no key and with an admin key. Each answer must be a 4xx
/// application/problem+json (or a success where <see cref="BadInputPolicy"/> says the input is legitimately valid),
/// never a 5xx, and must come within <see cref="Timeout"/>. The contract validator (ContractValidation.cs) checks
/// every answer's status and body too. The cases come from the contract: a new operation is covered by itself.</summary>
[TestFixture]
[Category("Hardening")]
public sealed class BadInputTests : ApiTestBase
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    // Id 1 names something real for most operations (the seed articles, the first key, a subscription), so bad
    // values reach the checks behind the lookup (If-Match, validation) instead of stopping at a 404.
    protected override Contents StartWith => Contents.Demo | Contents.Taxonomy;

    protected override async Task ArrangeAsync()
    {
        using var created = await Admin.PostAsJsonAsync("/v1/admin/webhooks", new { url = "http://127.0.0.1:9/hook", events = new[] { "*" } });
        Assert.That((int)created.StatusCode, Is.EqualTo(201), await created.Content.ReadAsStringAsync());
    }

    public static IEnumerable<TestCaseData> Operations() =>
        ContractOperations.All().Select(op => new TestCaseData(op.ToString()).SetArgDisplayNames(op.ToString()));

    [TestCaseSource(nameof(Operations))]
    public async Task Malformed_input_is_answered_with_a_4xx_problem_and_never_a_5xx_or_a_hang(string operation)
    {
        var op = ContractOperations.All().Single(o => o.ToString() == operation);
        var cases = BadInputCases.For(op).ToList();
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var clients = new[] { (Name: "no key", Client: Public), (Name: "admin key", Client: Admin) };
        await Parallel.ForEachAsync(cases.SelectMany(c => clients.Select(k => (Case: c, k.Name, k.Client))),
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (item, _) =>
            {
                if (await CheckAsync(item.Case, item.Name, item.Client) is { } failure) failures.Enqueue(failure);
            });
        TestContext.Out.WriteLine($"{operation}: {cases.Count} cases × 2 keys");
        foreach (var failure in failures) TestContext.Out.WriteLine("FAILED " + failure);
        Assert.That(failures, Is.Empty, $"{failures.Count} of {cases.Count * 2} requests to {operation} were answered wrongly");
    }

    private async Task<string?> CheckAsync(BadInputCase c, string who, HttpClient client)
    {
        var anonymousRefused = who == "no key" && !c.Operation.KeyOptional;
        using var request = Request(c);
        using var timeout = new CancellationTokenSource(Timeout);
        var clock = Stopwatch.StartNew();
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return $"{c} ({who}): no answer within {Timeout.TotalSeconds} s";
        }
        catch (InvalidOperationException e) when (e.Message.Contains("null characters", StringComparison.Ordinal))
        {
            // The test server will not build a request whose path decodes to NUL; Kestrel answers such a request
            // line 400 itself, before the service sees it.
            return null;
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            var what = $"{c} ({who}) -> {status} in {clock.ElapsedMilliseconds} ms: {Shorten(body)}";
            if (status >= 500) return what;
            if (status < 400 && (!c.MayBeValid || anonymousRefused)) return $"{what} (a success for input that must be refused)";
            if (status >= 400 && c.Operation.Method != "HEAD" && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                return $"{what} (not application/problem+json)";
            if (status == 202 && c.Operation.Template == "/v1/admin/imports")
                return await ImportFinishedAsync(client, body) is { } stuck ? $"{c} ({who}): {stuck}" : null;
            return null;
        }
    }

    private static HttpRequestMessage Request(BadInputCase c)
    {
        // As any client sends it: a raw "../" is resolved by the client (as a browser or proxy would), while the
        // percent-encoded forms ("%2e%2e%2f", "%252e") reach the server. (The test server cannot take URIs made
        // with DangerousDisablePathAndQueryCanonicalization.)
        var uri = new Uri("http://localhost" + c.PathAndQuery);
        var request = new HttpRequestMessage(new HttpMethod(c.Operation.Method), uri);
        foreach (var (name, value) in c.Headers) request.Headers.TryAddWithoutValidation(name, value);
        if (c.Body is not null && c.Operation.Method is not ("GET" or "HEAD" or "DELETE"))
        {
            request.Content = new ByteArrayContent(c.Body);
            if (c.ContentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(c.ContentType);
        }
        return request;
    }

    /// <summary>An accepted import must finish (failed, for a file that is not an export) rather than run on.</summary>
    private static async Task<string?> ImportFinishedAsync(HttpClient client, string accepted)
    {
        var id = JsonDocument.Parse(accepted).RootElement.GetProperty("id").GetInt64();
        var deadline = DateTime.UtcNow + Timeout;
        while (DateTime.UtcNow < deadline)
        {
            var status = JsonDocument.Parse(await client.GetStringAsync($"/v1/admin/imports/{id}")).RootElement.GetProperty("status").GetString();
            if (status == "succeeded") return $"import {id} succeeded on a file that is not an export";
            if (status == "failed") return null;
            await Task.Delay(50);
        }
        return $"import {id} still running after {Timeout.TotalSeconds} s";
    }

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
