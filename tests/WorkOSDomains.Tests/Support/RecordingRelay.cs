using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace WorkOSDomains.Tests.Support;

/// <summary>
/// A UDP relay in front of a DNS server that records every question name it passes on, to show
/// which names a resolver was asked about.
/// </summary>
public sealed class RecordingRelay : IDisposable
{
    private readonly UdpClient _listener = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();

    public RecordingRelay(IPEndPoint target)
    {
        _target = target;
        _ = Task.Run(RelayAsync);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.Client.LocalEndPoint!;
    public ConcurrentQueue<string> Questions { get; } = new();

    private async Task RelayAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult query;
            try { query = await _listener.ReceiveAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            Questions.Enqueue(QuestionName(query.Buffer));
            _ = Task.Run(async () =>
            {
                using var upstream = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
                await upstream.SendAsync(query.Buffer, _target);
                var answer = await upstream.ReceiveAsync(_stop.Token);
                await _listener.SendAsync(answer.Buffer, query.RemoteEndPoint);
            });
        }
    }

    /// <summary>The first question's name: labels after the 12-byte header.</summary>
    private static string QuestionName(byte[] message)
    {
        var labels = new List<string>();
        for (int i = 12; i < message.Length && message[i] != 0; i += message[i] + 1)
            labels.Add(System.Text.Encoding.ASCII.GetString(message, i + 1, message[i]));
        return string.Join(".", labels).ToLowerInvariant();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
    }
}
