using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace WorkOSDomains.Emulator;

/// <summary>
/// A hand-written HTTP/1.1 server on a raw loopback socket that misbehaves on purpose, as an
/// attacker or a broken proxy would: it echoes the request headers, sends huge, compressed or
/// trickling bodies, endless cursors, redirects, wrong shapes, and drops connections. The first
/// path segment picks the case (a client's base URI is http://127.0.0.1:port/&lt;case&gt;/), and the
/// server counts the requests each case saw. Every answer ends within <see cref="LongestAnswer"/>,
/// and the server closes the connection after each one.
/// </summary>
public sealed class HostileServer : IAsyncDisposable
{
    /// <summary>Bodies of the size cases: far above any sane cap.</summary>
    public const long HugeBodyBytes = 300L * 1024 * 1024;

    /// <summary>What the gzip bomb expands to; it is sent as a few hundred kilobytes.</summary>
    public const long BombBytes = 256L * 1024 * 1024;

    private static readonly TimeSpan LongestAnswer = TimeSpan.FromMinutes(3);
    private static readonly Lazy<byte[]> Bomb = new(MakeBomb);

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, int> _requests = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _bytesSent = new(StringComparer.Ordinal);
    private readonly Task _accepting;
    private int _requestIds;

    private HostileServer()
    {
        _listener.Start();
        _accepting = Task.Run(AcceptAsync);
    }

    public static HostileServer Start() => new();

    public Uri BaseUri => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>The base URI a client uses to meet one case.</summary>
    public Uri For(string kase) => new(BaseUri, kase + "/");

    /// <summary>How many requests the case has seen.</summary>
    public int Requests(string kase) => _requests.TryGetValue(kase, out int n) ? n : 0;

    /// <summary>How many body bytes the case wrote before the client stopped reading.</summary>
    public long BytesSent(string kase) => _bytesSent.TryGetValue(kase, out long n) ? n : 0;

    public void Reset()
    {
        _requests.Clear();
        _bytesSent.Clear();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient connection;
            try { connection = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(() => ServeAsync(connection));
        }
    }

    private async Task ServeAsync(TcpClient connection)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        limit.CancelAfter(LongestAnswer);
        using (connection)
        {
            try
            {
                NetworkStream stream = connection.GetStream();
                Request? request = await Request.ReadAsync(stream, limit.Token);
                if (request == null) return;
                if (request.Path.StartsWith("/_emulator/", StringComparison.Ordinal))
                {
                    await ControlAsync(stream, request, limit.Token);
                    return;
                }
                _requests.AddOrUpdate(request.Case, 1, (_, n) => n + 1);
                await AnswerAsync(stream, request, limit.Token);
            }
            catch (Exception e) when (e is IOException || e is SocketException || e is OperationCanceledException || e is ObjectDisposedException)
            {
                // The client went away (it stopped reading, as it should) or the answer ran out of time.
            }
        }
    }

    private Task ControlAsync(NetworkStream stream, Request request, CancellationToken token)
    {
        // The same health path as the emulator, so tests/tools/Emulator.psm1 can start either.
        if (request.Path == "/_emulator/health") return WriteAsync(stream, 200, "application/json", """{"status":"ready"}""", token);
        if (request.Path.StartsWith("/_emulator/requests/", StringComparison.Ordinal))
        {
            string kase = request.Path.Substring("/_emulator/requests/".Length);
            return WriteAsync(stream, 200, "application/json", $$"""{"requests":{{Requests(kase)}},"bytes_sent":{{BytesSent(kase)}}}""", token);
        }
        if (request.Path == "/_emulator/reset")
        {
            Reset();
            return WriteAsync(stream, 204, null, null, token);
        }
        return WriteAsync(stream, 404, null, null, token);
    }

    private async Task AnswerAsync(NetworkStream stream, Request request, CancellationToken token)
    {
        string auth = request.Header("Authorization") ?? "";
        string headers = string.Join("\n", request.Headers.Select(h => $"{h.Key}: {h.Value}"));
        string requestId = $"req_hostile_{Interlocked.Increment(ref _requestIds)}";
        switch (request.Case)
        {
            // ---- The key comes back ----
            case "echo-401":
                await WriteAsync(stream, 401, "application/json", JsonSerializer.Serialize(new
                {
                    message = $"Invalid API key: {auth}",
                    code = auth,
                    errors = new[] { new { field = auth, code = auth, message = $"bad {auth}" } },
                    error_description = auth,
                    headers,
                }), token, ("X-Request-ID", auth));
                return;
            case "echo-422":
                await WriteAsync(stream, 422, "application/json", JsonSerializer.Serialize(new
                {
                    message = $"Validation failed for {auth}",
                    code = "invalid_request_parameters",
                    errors = new[] { new { field = auth, code = auth, message = auth } },
                }), token, ("X-Request-ID", requestId));
                return;
            case "echo-500-utf16":
                // The same echo as a UTF-16 body: read as single bytes, the key hides between NULs.
                byte[] wide = Encoding.Unicode.GetBytes($"Internal error. Request was:\n{request.Method} {request.Target}\n{headers}");
                await WriteHeadAsync(stream, 500, "text/plain; charset=utf-16", wide.Length, token, ("X-Request-ID", requestId));
                await stream.WriteAsync(wide, token);
                return;
            case "echo-500-utf16-undeclared":
                // UTF-16 again, but declared nowhere: no charset, no byte order mark.
                byte[] bare = Encoding.Unicode.GetBytes($"Internal error. Request was:\n{request.Method} {request.Target}\n{headers}");
                await WriteHeadAsync(stream, 500, "text/plain", bare.Length, token, ("X-Request-ID", requestId));
                await stream.WriteAsync(bare, token);
                return;
            case "words-200":
                // Data that mentions the words the error redaction looks for: it must come back as it is.
                string words = """{"object":"organization","id":"org_01WORDS","name":"Standard Bearer Holdings","external_id":"authorization: pending","metadata":{"authorization":"granted"},"domains":[],"created_at":"2026-01-15T12:00:00.000Z","updated_at":"2026-01-15T12:00:00.000Z"}""";
                await WriteAsync(stream, 200, "application/json", words, token, ("X-Request-ID", requestId));
                return;
            case "echo-500":
                await WriteAsync(stream, 500, "text/plain", $"Internal error. Request was:\n{request.Method} {request.Target}\n{headers}", token, ("X-Request-ID", requestId));
                return;
            case "echo-200":
                // Well-formed answers whose text fields carry the key (escaped in JSON, too).
                await WriteAsync(stream, 200, "application/json", EchoBody(request, auth), token, ("X-Request-ID", requestId));
                return;
            case "echo-redirect":
                await WriteAsync(stream, 302, "text/plain", $"Moved to https://elsewhere.example/?auth={auth}", token,
                    ("Location", $"https://elsewhere.example/{request.Target}?auth={Uri.EscapeDataString(auth)}"), ("X-Request-ID", requestId));
                return;
            case "echo-status-line":
                // A status line that is not one: the HTTP stack quotes it in its own exception message.
                await WriteRawAsync(stream, $"{auth}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", token);
                return;

            // ---- Paging that never ends (for a client without a guard, it ends after 100 pages) ----
            case "cursor-repeat":
                string same = request.Path.Contains("/events") ? "event_same" : "org_same";
                await WriteAsync(stream, 200, "application/json", Page(request, items: 1, after: Requests(request.Case) > 100 ? null : same), token, ("X-Request-ID", requestId));
                return;
            case "cursor-empty":
                await WriteAsync(stream, 200, "application/json", Page(request, items: 0, after: Requests(request.Case) > 100 ? null : $"cursor_{requestId}"), token, ("X-Request-ID", requestId));
                return;
            case "cursor-same-items":
                // A new cursor every time, and the same item on every page.
                await WriteAsync(stream, 200, "application/json", Page(request, items: 1, after: Requests(request.Case) > 100 ? null : $"cursor_{requestId}"), token, ("X-Request-ID", requestId));
                return;
            case "cursor-unwanted":
                // Events nobody asked for, under new cursors and new ids: to a filtering client, empty pages.
                await WriteAsync(stream, 200, "application/json", Page(request, items: 1, after: Requests(request.Case) > 100 ? null : $"cursor_{requestId}", eventName: "user.created")
                    .Replace("event_01LOOP", "event_" + requestId), token, ("X-Request-ID", requestId));
                return;
            case "cursor-long":
                // A 200,000-character cursor, then a dropped connection for the page it names.
                if (Requests(request.Case) > 1) return;
                await WriteAsync(stream, 200, "application/json", Page(request, items: 1, after: new string('c', 200_000)), token, ("X-Request-ID", requestId));
                return;

            // ---- Size ----
            case "huge-plain":
                await WriteHeadAsync(stream, 200, "application/json", HugeBodyBytes, token, ("X-Request-ID", requestId));
                await StreamFillerAsync(stream, request.Case, HugeBodyBytes, chunked: false, token);
                return;
            case "huge-chunked":
                await WriteRawAsync(stream, $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nX-Request-ID: {requestId}\r\nConnection: close\r\n\r\n", token);
                await StreamFillerAsync(stream, request.Case, HugeBodyBytes, chunked: true, token);
                return;
            case "gzip-bomb":
                byte[] bomb = Bomb.Value;
                await WriteHeadAsync(stream, 200, "application/json", bomb.Length, token, ("Content-Encoding", "gzip"), ("X-Request-ID", requestId));
                await stream.WriteAsync(bomb, token);
                _bytesSent.AddOrUpdate(request.Case, bomb.Length, (_, n) => n + bomb.Length);
                return;
            case "huge-message":
                // A 10-million-character message and an 8 KB request id.
                var message = new StringBuilder(10_000_100).Append("Gateway exploded: ").Append('x', 10_000_000).ToString();
                await WriteAsync(stream, 500, "application/json", JsonSerializer.Serialize(new { message, code = new string('c', 100_000) }), token,
                    ("X-Request-ID", new string('r', 8192)));
                return;

            // ---- Transport ----
            case "drop":
                return; // the connection closes before any answer
            case "trickle":
                await WriteHeadAsync(stream, 200, "application/json", 100_000, token, ("X-Request-ID", requestId));
                for (int i = 0; i < 100_000; i++)
                {
                    await stream.WriteAsync(" "u8.ToArray(), token);
                    await Task.Delay(100, token);
                }
                return;
            case "redirect":
                await WriteAsync(stream, 302, null, null, token, ("Location", "https://elsewhere.example/organizations"), ("X-Request-ID", requestId));
                return;

            // ---- Wrong shapes, each with status 200 ----
            case "shape-data-null":
                await WriteAsync(stream, 200, "application/json", """{"data":null}""", token, ("X-Request-ID", requestId));
                return;
            case "shape-list-null-data":
                await WriteAsync(stream, 200, "application/json", """{"object":"list","data":null,"list_metadata":{"before":null,"after":null}}""", token, ("X-Request-ID", requestId));
                return;
            case "shape-list":
                await WriteAsync(stream, 200, "application/json", Page(request, items: 1, after: null), token, ("X-Request-ID", requestId));
                return;
            case "shape-null-item":
                await WriteAsync(stream, 200, "application/json", """{"object":"list","data":[null],"list_metadata":{"before":null,"after":null}}""", token, ("X-Request-ID", requestId));
                return;
            case "shape-domains-null":
                string organization = """{"object":"organization","id":"org_01NULLDOMAINS","name":"Null Domains","domains":null,"created_at":"2026-01-15T12:00:00.000Z","updated_at":"2026-01-15T12:00:00.000Z"}""";
                await WriteAsync(stream, 200, "application/json", request.Path.EndsWith("/organizations", StringComparison.Ordinal)
                    ? "{\"object\":\"list\",\"data\":[" + organization + "],\"list_metadata\":{\"before\":null,\"after\":null}}" : organization, token, ("X-Request-ID", requestId));
                return;
            case "shape-event-date":
                // A domain event whose domain has a number for a date.
                await WriteAsync(stream, 200, "application/json", Page(request, items: 1, after: null, eventName: "organization_domain.verified")
                    .Replace("\"created_at\":\"2026-01-15T12:00:00.000Z\",\"updated_at\"", "\"created_at\":5,\"updated_at\""), token, ("X-Request-ID", requestId));
                return;
            case "shape-event-no-data":
                await WriteAsync(stream, 200, "application/json", """{"object":"list","data":[{"object":"event","id":"event_01NODATA","event":"organization_domain.verified","data":null,"created_at":"2026-01-15T12:00:00.000Z"}],"list_metadata":{"after":null}}""", token, ("X-Request-ID", requestId));
                return;
            case "shape-no-id":
                await WriteAsync(stream, 200, "application/json", """{"object":"organization","name":"No Id","domains":[]}""", token, ("X-Request-ID", requestId));
                return;
            default:
                await WriteAsync(stream, 404, "application/json", """{"message":"No such case on the hostile server."}""", token, ("X-Request-ID", requestId));
                return;
        }
    }

    /// <summary>A 200 body of the shape the path expects, with the key in its text fields.</summary>
    private static string EchoBody(Request request, string auth)
    {
        string now = "2026-01-15T12:00:00.000Z";
        var domain = new Dictionary<string, object?>
        {
            ["object"] = "organization_domain", ["id"] = "org_domain_01ECHO", ["organization_id"] = "org_01ECHO",
            ["domain"] = "echo.example", ["state"] = "pending", ["verification_strategy"] = "dns",
            ["verification_token"] = auth, ["verification_prefix"] = auth, ["created_at"] = now, ["updated_at"] = now,
        };
        var organization = new Dictionary<string, object?>
        {
            ["object"] = "organization", ["id"] = "org_01ECHO", ["name"] = $"Echo {auth}", ["external_id"] = auth,
            ["metadata"] = new Dictionary<string, string> { ["auth"] = auth }, ["domains"] = new[] { domain },
            ["created_at"] = now, ["updated_at"] = now,
        };
        // The same text with every character \u-escaped: a JSON reader turns it back into the key.
        string escaped = string.Concat(auth.Select(c => $"\\u{(int)c:x4}"));
        string path = request.Path;
        if (path.EndsWith("/portal/generate_link", StringComparison.Ordinal))
            return JsonSerializer.Serialize(new { link = $"https://setup.example/?token={Uri.EscapeDataString(auth)}" });
        if (path.EndsWith("/events", StringComparison.Ordinal))
        {
            var evt = new Dictionary<string, object?> { ["object"] = "event", ["id"] = "event_01ECHO", ["event"] = "organization_domain.verified", ["data"] = domain, ["created_at"] = now };
            return JsonSerializer.Serialize(new { @object = "list", data = new[] { evt }, list_metadata = new { after = (string?)null } });
        }
        if (path.Contains("/organization_domains", StringComparison.Ordinal))
            return JsonSerializer.Serialize(domain).Replace("\"echo.example\"", "\"echo.example\",\"note\":\"" + escaped + "\"");
        if (path.EndsWith("/organizations", StringComparison.Ordinal) && request.Method == "GET")
            return JsonSerializer.Serialize(new { @object = "list", data = new[] { organization }, list_metadata = new { before = (string?)null, after = (string?)null } });
        return JsonSerializer.Serialize(organization).Replace("\"Echo ", "\"Echo " + escaped + " ");
    }

    /// <summary>A list page of organizations or events with the given cursor.</summary>
    private static string Page(Request request, int items, string? after, string eventName = "organization_domain.created")
    {
        string now = "2026-01-15T12:00:00.000Z";
        bool events = request.Path.Contains("/events", StringComparison.Ordinal);
        var domain = new Dictionary<string, object?> { ["object"] = "organization_domain", ["id"] = "org_domain_01LOOP", ["organization_id"] = "org_01LOOP", ["domain"] = "loop.example", ["state"] = "pending", ["created_at"] = now, ["updated_at"] = now };
        object item = events
            ? new Dictionary<string, object?> { ["object"] = "event", ["id"] = "event_01LOOP", ["event"] = eventName, ["data"] = domain, ["created_at"] = now }
            : new Dictionary<string, object?> { ["object"] = "organization", ["id"] = "org_01LOOP", ["name"] = "Loop", ["domains"] = Array.Empty<object>(), ["created_at"] = now, ["updated_at"] = now };
        return JsonSerializer.Serialize(new { @object = "list", data = Enumerable.Repeat(item, items), list_metadata = new { before = (string?)null, after } });
    }

    private async Task StreamFillerAsync(NetworkStream stream, string kase, long total, bool chunked, CancellationToken token)
    {
        byte[] block = new byte[64 * 1024];
        Array.Fill(block, (byte)' ');
        byte[] chunkHead = Encoding.ASCII.GetBytes($"{block.Length:x}\r\n");
        for (long sent = 0; sent < total; sent += block.Length)
        {
            if (chunked) await stream.WriteAsync(chunkHead, token);
            await stream.WriteAsync(block, token);
            if (chunked) await stream.WriteAsync("\r\n"u8.ToArray(), token);
            _bytesSent.AddOrUpdate(kase, block.Length, (_, n) => n + block.Length);
        }
        if (chunked) await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), token);
    }

    private static byte[] MakeBomb()
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            byte[] block = new byte[1024 * 1024];
            Array.Fill(block, (byte)' ');
            for (long written = 0; written < BombBytes; written += block.Length) gzip.Write(block);
        }
        return output.ToArray();
    }

    private static async Task WriteAsync(NetworkStream stream, int status, string? contentType, string? body, CancellationToken token, params (string Name, string Value)[] headers)
    {
        byte[] bytes = body == null ? [] : Encoding.UTF8.GetBytes(body);
        await WriteHeadAsync(stream, status, contentType, bytes.Length, token, headers);
        await stream.WriteAsync(bytes, token);
    }

    private static Task WriteHeadAsync(NetworkStream stream, int status, string? contentType, long length, CancellationToken token, params (string Name, string Value)[] headers)
    {
        var head = new StringBuilder($"HTTP/1.1 {status} {Reason(status)}\r\n");
        if (contentType != null) head.Append("Content-Type: ").Append(contentType).Append("\r\n");
        head.Append("Content-Length: ").Append(length).Append("\r\n");
        foreach (var (name, value) in headers) head.Append(name).Append(": ").Append(value).Append("\r\n");
        head.Append("Connection: close\r\n\r\n");
        return WriteRawAsync(stream, head.ToString(), token);
    }

    private static async Task WriteRawAsync(NetworkStream stream, string text, CancellationToken token) =>
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text), token);

    private static string Reason(int status) => status switch
    {
        200 => "OK", 204 => "No Content", 302 => "Found", 401 => "Unauthorized", 404 => "Not Found",
        422 => "Unprocessable Entity", 500 => "Internal Server Error", _ => "Status",
    };

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try { await _accepting; } catch (Exception) { }
        _stop.Dispose();
    }

    /// <summary>The request line and headers; any body is read and dropped.</summary>
    private sealed class Request
    {
        private Request(string method, string target, Dictionary<string, string> headers)
        {
            Method = method;
            Target = target;
            Headers = headers;
            Path = target.Split('?')[0];
            string[] segments = Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            Case = segments.Length == 0 ? "" : segments[0];
        }

        public string Method { get; }
        public string Target { get; }
        public string Path { get; }
        public string Case { get; }
        public Dictionary<string, string> Headers { get; }

        public string? Header(string name) => Headers.TryGetValue(name, out string? v) ? v : null;

        public static async Task<Request?> ReadAsync(NetworkStream stream, CancellationToken token)
        {
            var buffer = new List<byte>(4096);
            var one = new byte[1];
            while (buffer.Count < 64 * 1024)
            {
                if (await stream.ReadAsync(one, token) == 0) return null;
                buffer.Add(one[0]);
                int n = buffer.Count;
                if (n >= 4 && buffer[n - 4] == '\r' && buffer[n - 3] == '\n' && buffer[n - 2] == '\r' && buffer[n - 1] == '\n') break;
            }
            string[] lines = Encoding.UTF8.GetString(buffer.ToArray()).Split("\r\n");
            string[] first = lines[0].Split(' ');
            if (first.Length < 2) return null;
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (string line in lines.Skip(1))
            {
                int colon = line.IndexOf(':');
                if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
            if (headers.TryGetValue("Content-Length", out string? length) && int.TryParse(length, out int bytes) && bytes is > 0 and < 1024 * 1024)
            {
                var body = new byte[bytes];
                await stream.ReadExactlyAsync(body, token);
            }
            return new Request(first[0], first[1], headers);
        }
    }
}
