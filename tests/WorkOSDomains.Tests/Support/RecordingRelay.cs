using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace WorkOSDomains.Tests.Support;

/// <summary>
/// A UDP relay in front of a DNS server that records every question it passes on, to show which
/// names a server was asked about and to count the queries a check sends. Several relays may
/// share one log (<see cref="Questions"/> then holds what all of them saw).
/// </summary>
public sealed class RecordingRelay : IDisposable
{
    private readonly UdpClient _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();

    public RecordingRelay(IPEndPoint target, IPEndPoint? listen = null, ConcurrentQueue<string>? log = null)
    {
        _target = target;
        _listener = new UdpClient(listen ?? new IPEndPoint(IPAddress.Loopback, 0));
        Questions = log ?? new ConcurrentQueue<string>();
        _ = Task.Run(RelayAsync);
    }

    public IPEndPoint EndPoint => (IPEndPoint)_listener.Client.LocalEndPoint!;

    /// <summary>The question name of every query passed on, in arrival order.</summary>
    public ConcurrentQueue<string> Questions { get; }

    /// <summary>How long to hold each query before passing it on, as a distant server would.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>The most queries this relay held at once.</summary>
    public int PeakInFlight => _peak;

    private int _inFlight, _peak;

    private async Task RelayAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult query;
            try { query = await _listener.ReceiveAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (SocketException) { continue; } // an ICMP error from an earlier send; keep relaying
            Questions.Enqueue(QuestionName(query.Buffer));
            _ = Task.Run(async () =>
            {
                int now = Interlocked.Increment(ref _inFlight);
                for (int peak = _peak; now > peak; peak = _peak) Interlocked.CompareExchange(ref _peak, now, peak);
                bool held = true;
                try
                {
                    if (Delay > TimeSpan.Zero) await Task.Delay(Delay);
                    using var upstream = new UdpClient(new IPEndPoint(_target.Address, 0));
                    await upstream.SendAsync(query.Buffer, _target);
                    var answer = await upstream.ReceiveAsync(_stop.Token).AsTask().WaitAsync(TimeSpan.FromSeconds(5));
                    // No longer held once answered: the asker may send its next query the moment this arrives.
                    Interlocked.Decrement(ref _inFlight);
                    held = false;
                    await _listener.SendAsync(answer.Buffer, query.RemoteEndPoint);
                }
                catch (Exception e) when (e is OperationCanceledException || e is SocketException || e is TimeoutException || e is ObjectDisposedException)
                {
                    // the upstream never answered (a silent server), or the relay is shutting down
                }
                finally
                {
                    if (held) Interlocked.Decrement(ref _inFlight);
                }
            });
        }
    }

    /// <summary>The first question's name: labels after the 12-byte header.</summary>
    private static string QuestionName(byte[] message)
    {
        var labels = new List<string>();
        for (int i = 12; i < message.Length && message[i] != 0; i += message[i] + 1)
            labels.Add(System.Text.Encoding.ASCII.GetString(message, i + 1, Math.Min(message[i], message.Length - i - 1)));
        return string.Join(".", labels).ToLowerInvariant();
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
    }
}
