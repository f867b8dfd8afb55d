using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace NewsApi.Tests.Caching;

/// <summary><c>varnishd</c> as a child process on 127.0.0.1, running the committed deploy/varnish/default.vcl with
/// its backend line pointed at the service under test, in a temporary working directory.</summary>
public sealed class VarnishProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _workDir;
    private readonly StringBuilder _output = new();
    private bool _started;

    private VarnishProcess(Process process, string workDir, int port)
    {
        _process = process;
        _workDir = workDir;
        Url = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri Url { get; }

    /// <summary>varnishd's path, or null when Varnish is not installed (Debian puts it in /usr/sbin, often not on a user's PATH).</summary>
    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/local/sbin"])
            .Select(dir => Path.Combine(dir, "varnishd"))
            .FirstOrDefault(File.Exists);

    /// <summary>A port nothing listens on now (the OS picks it), for a server that must be told its port up front.</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public static async Task<VarnishProcess> StartAsync(string varnishd, int port, int backendPort)
    {
        var workDir = Directory.CreateTempSubdirectory("newsapi-varnish-").FullName;
        // Made 0700; varnishd compiles the VCL as its own unprivileged user, which must be able to read it.
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(workDir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var vcl = await File.ReadAllTextAsync(RepoFile("deploy", "varnish", "default.vcl"));
        var pointed = vcl.Replace(".port = \"8080\";", $".port = \"{backendPort}\";", StringComparison.Ordinal);
        Assert.That(pointed, Is.Not.EqualTo(vcl), "default.vcl no longer has the `.port = \"8080\";` backend line this test (and the README) rewrite");
        var vclPath = Path.Combine(workDir, "default.vcl");
        await File.WriteAllTextAsync(vclPath, pointed);

        // -F: in the foreground, so it is our child and dies with the test; -n: its own state directory.
        var start = new ProcessStartInfo(varnishd)
        {
            ArgumentList =
            {
                "-F", "-a", $"127.0.0.1:{port}", "-f", vclPath, "-n", Path.Combine(workDir, "n"), "-s", "malloc,32m",
                // As the README runs it: room for an article's Surrogate-Key (up to ~18 KB with 20 long Devanagari tags).
                "-p", "http_resp_hdr_len=32k", "-p", "http_resp_size=64k",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var varnish = new VarnishProcess(new Process { StartInfo = start }, workDir, port);
        varnish._process.OutputDataReceived += (_, e) => varnish.Log(e.Data);
        varnish._process.ErrorDataReceived += (_, e) => varnish.Log(e.Data);
        try
        {
            varnish._started = varnish._process.Start();
            varnish._process.BeginOutputReadLine();
            varnish._process.BeginErrorReadLine();
            await varnish.ListeningAsync();
            return varnish;
        }
        catch
        {
            // A varnishd that never listened (a VCL that does not compile, a missing vmod): leave nothing behind.
            await varnish.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client for requests through Varnish; with <paramref name="key"/>, as an editor sends them.</summary>
    public HttpClient Client(string? key = null)
    {
        var client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { BaseAddress = Url };
        if (key is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private async Task ListeningAsync()
    {
        var started = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited) Assert.Fail($"varnishd exited with {_process.ExitCode}:\n{Output}");
            try
            {
                using var socket = new TcpClient();
                await socket.ConnectAsync(IPAddress.Loopback, Url.Port);
                return;
            }
            catch (SocketException) when (started.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(50);
            }
            catch (SocketException)
            {
                Assert.Fail($"varnishd did not listen on {Url} within 20 s:\n{Output}");
            }
        }
    }

    public string Output
    {
        get
        {
            lock (_output) return _output.ToString();
        }
    }

    private void Log(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    private static string RepoFile(params string[] parts)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NewsApi.sln"))) dir = dir.Parent;
        return Path.Combine([dir!.FullName, .. parts]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_started && !_process.HasExited)
        {
            // The manager and the cache worker it forked.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_workDir, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // varnishd's worker runs as another user and may leave a file we cannot remove: only a temp directory.
        }
    }
}
