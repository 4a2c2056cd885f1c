using DnsClient;

namespace WorkOSDomains.Emulator;

/// <summary>
/// Checks the TXT record at {prefix}.{domain} as WorkOS does: the joined character-strings of
/// one record must equal the token. With no DNS server configured every check passes (demo mode).
/// </summary>
public sealed class DnsVerifier(EmulatorOptions options)
{
    private readonly LookupClient? _client = options.DnsServer == null ? null : new LookupClient(new LookupClientOptions(options.DnsServer)
    {
        UseCache = false,
        Retries = 1,
        Timeout = TimeSpan.FromSeconds(2),
        ContinueOnDnsError = false,
        ContinueOnEmptyResponse = false,
    });

    internal async Task<bool> HasRecordAsync(DomainRecord domain, CancellationToken cancellationToken)
    {
        if (_client == null) return true;
        string name = $"{domain.VerificationPrefix}.{domain.Domain}";
        try
        {
            IDnsQueryResponse answer = await _client.QueryAsync(name, QueryType.TXT, cancellationToken: cancellationToken);
            return answer.Answers.TxtRecords().Any(r => string.Concat(r.Text) == domain.VerificationToken);
        }
        catch (DnsResponseException)
        {
            return false;
        }
    }
}
