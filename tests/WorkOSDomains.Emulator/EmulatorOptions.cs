using System.Net;

namespace WorkOSDomains.Emulator;

/// <summary>How the emulator behaves. Every field has a command-line switch in Program.cs.</summary>
public sealed class EmulatorOptions
{
    /// <summary>Bearer keys accepted; any other key gets 401.</summary>
    public List<string> ApiKeys { get; set; } = ["sk_test_fake_emulator"];

    /// <summary>DNS server that verification asks for the TXT record; null accepts every record (demo mode).</summary>
    public IPEndPoint? DnsServer { get; set; }

    /// <summary>How long after POST /verify the DNS check runs; zero checks inside the request.</summary>
    public TimeSpan VerifyDelay { get; set; } = TimeSpan.Zero;

    /// <summary>Failed DNS checks before a domain goes to 'failed' (WorkOS: 30 days of checks).</summary>
    public int FailAfterAttempts { get; set; } = 3;

    /// <summary>Requests per window per key before 429; 0 turns limiting off.</summary>
    public int RateLimitRequests { get; set; }
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>JSON file of organizations (with domain_data) to start with.</summary>
    public string? SeedFile { get; set; }

    /// <summary>Replay a repeated Idempotency-Key's first answer (true), or ignore the header as the real API may.</summary>
    public bool HonourIdempotencyKey { get; set; } = true;

    /// <summary>A fixed delay before every API request is handled, as a real round trip to WorkOS adds.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.Zero;

    /// <summary>Up to this much more delay, at random, per request: answers then finish in another order than they came.</summary>
    public TimeSpan LatencyJitter { get; set; } = TimeSpan.Zero;

    /// <summary>Leave verification_token and verification_prefix out of every answer, as one build of the official emulator does.</summary>
    public bool OmitVerificationRecord { get; set; }

    /// <summary>Seeds the random choices of probabilistic faults, for repeatable runs.</summary>
    public int RandomSeed { get; set; } = 1;
}
