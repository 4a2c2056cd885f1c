using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using DnsClient;
using DnsClient.Protocol;

namespace WorkOSDomains.Engine.Dns
{
    /// <summary>What one server said to one question, with the DnsClient types left behind.</summary>
    internal sealed class DnsReply
    {
        internal IPEndPoint Server = null!;
        internal string Name = "";
        internal string? ResponseCode;
        internal bool Authoritative;
        internal bool Truncated;
        /// <summary>TXT records at the asked name (or the end of its CNAME chain): each RR's strings.</summary>
        internal List<string[]> Txt = new List<string[]>();
        internal int? TxtTtl;
        /// <summary>CNAME chain from the answer section, followed from the asked name: (owner, target).</summary>
        internal List<(string Owner, string Target)> Cnames = new List<(string, string)>();
        /// <summary>The name the answer's CNAME chain loops back to; null when it ends.</summary>
        internal string? CnameLoopsTo;
        /// <summary>For an ANY query: the types of the records at the asked name (A, MX...).</summary>
        internal List<string> AnswerTypes = new List<string>();
        internal (string Owner, long Serial, int NegativeTtl)? AuthoritySoa;
        internal (string Owner, long Serial)? AnswerSoa;
        internal List<(string Owner, string Host)> AuthorityNs = new List<(string, string)>();
        internal List<string> AnswerNs = new List<string>();
        internal List<(string Host, IPAddress Address)> Addresses = new List<(string, IPAddress)>();
        internal TimeSpan Elapsed;
        /// <summary>Why no answer came: "timed out", "connection refused"...; null when one came.</summary>
        internal string? Error;

        internal bool Answered => Error == null;
        internal bool IsNxDomain => ResponseCode == "NXDOMAIN";
        internal bool IsNoError => ResponseCode == "NOERROR";
        internal bool IsReferral => IsNoError && !Authoritative && Txt.Count == 0 && Cnames.Count == 0 && AuthorityNs.Count > 0;
    }

    /// <summary>
    /// Asks one server one question, never hiding disagreement: no cache, no retry on another
    /// server, no "continue on error", EDNS 4096, and TCP after a truncated UDP answer.
    /// </summary>
    internal sealed class DnsQuerier
    {
        private readonly LookupClient _client = new LookupClient(new LookupClientOptions { UseCache = false, AutoResolveNameServers = false });
        private readonly TimeSpan _timeout;
        /// <summary>Caps the queries in flight across every check this querier serves.</summary>
        private readonly SemaphoreSlim _inFlight;

        internal DnsQuerier(TimeSpan timeout, int maxConcurrent)
        {
            _timeout = timeout;
            _inFlight = new SemaphoreSlim(Math.Max(1, maxConcurrent));
        }

        internal async Task<DnsReply> AskAsync(IPEndPoint server, string name, QueryType type, bool recursion, CancellationToken cancellationToken)
        {
            DnsReply reply = await AskOnceAsync(server, name, type, recursion, tcp: false, cancellationToken).ConfigureAwait(false);
            if (!reply.Truncated) return reply;
            DnsReply overTcp = await AskOnceAsync(server, name, type, recursion, tcp: true, cancellationToken).ConfigureAwait(false);
            overTcp.Truncated = true; // remember the UDP answer did not fit
            return overTcp;
        }

        private async Task<DnsReply> AskOnceAsync(IPEndPoint server, string name, QueryType type, bool recursion, bool tcp, CancellationToken cancellationToken)
        {
            var options = new DnsQueryAndServerOptions(new NameServer(server))
            {
                Recursion = recursion,
                UseCache = false,
                Retries = 1,
                Timeout = _timeout,
                UseTcpFallback = false,
                UseTcpOnly = tcp,
                ContinueOnDnsError = false,
                ContinueOnEmptyResponse = false,
                ThrowDnsErrors = false,
                UseRandomNameServer = false,
                ExtendedDnsBufferSize = 4096,
            };
            var reply = new DnsReply { Server = server, Name = name };
            await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
            var clock = Stopwatch.StartNew();
            try
            {
                IDnsQueryResponse response = await _client.QueryAsync(new DnsQuestion(name, type), options, cancellationToken).ConfigureAwait(false);
                Read(response, reply, type);
            }
            catch (DnsResponseException e) when (!tcp && e.Message.IndexOf("truncated", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                // DnsClient reports a truncated UDP answer (TC set) only as this exception, without
                // a code of its own; AskAsync asks again over TCP.
                reply.Truncated = true;
            }
            catch (DnsResponseException e)
            {
                reply.Error = e.Code == DnsResponseCode.ConnectionTimeout ? "timed out" : "no answer (" + e.Message + ")";
            }
            catch (Exception e) when (e is System.Net.Sockets.SocketException || e is TimeoutException)
            {
                reply.Error = e is TimeoutException ? "timed out" : "connection failed (" + e.Message + ")";
            }
            catch (ArgumentException e)
            {
                // DnsClient cannot read some answers, e.g. a name that is not valid IDNA next to an
                // xn-- label: that answer is lost, the check goes on.
                reply.Error = "the answer could not be read (" + e.Message + ")";
            }
            finally
            {
                _inFlight.Release();
            }
            reply.Elapsed = clock.Elapsed;
            return reply;
        }

        private static void Read(IDnsQueryResponse response, DnsReply reply, QueryType type)
        {
            reply.ResponseCode = Mnemonic((DnsResponseCode)response.Header.ResponseCode);
            reply.Authoritative = response.Header.HasAuthorityAnswer;
            reply.Truncated = response.Header.ResultTruncated;

            // Follow the CNAME chain inside the answer from the asked name, stopping where it ends or
            // comes back to a name it passed; then take the TXT records of its end.
            string current = Normalize(reply.Name);
            var cnames = response.Answers.CnameRecords().Select(c => (Owner: Normalize(c.DomainName), Target: Normalize(c.CanonicalName))).ToList();
            if (cnames.Count > 0)
            {
                var passed = new HashSet<string> { current };
                while (cnames.FirstOrDefault(c => c.Owner == current) is { Target: { } target } next)
                {
                    reply.Cnames.Add(next);
                    if (!passed.Add(target)) { reply.CnameLoopsTo = target; break; }
                    current = target;
                }
            }
            if (type == QueryType.ANY)
                reply.AnswerTypes = response.Answers.Where(r => Normalize(r.DomainName) == Normalize(reply.Name)).Select(r => r.RecordType.ToString()).Distinct().ToList();
            foreach (TxtRecord txt in response.Answers.TxtRecords().Where(t => Normalize(t.DomainName) == current))
            {
                reply.Txt.Add(txt.Text.ToArray());
                reply.TxtTtl = Math.Min(reply.TxtTtl ?? int.MaxValue, txt.InitialTimeToLive);
            }
            foreach (SoaRecord soa in response.Answers.SoaRecords()) reply.AnswerSoa = (Normalize(soa.DomainName), soa.Serial);
            foreach (NsRecord ns in response.Answers.NsRecords()) reply.AnswerNs.Add(Normalize(ns.NSDName));
            foreach (SoaRecord soa in response.Authorities.SoaRecords())
                reply.AuthoritySoa = (Normalize(soa.DomainName), soa.Serial, (int)Math.Min(soa.InitialTimeToLive, soa.Minimum));
            foreach (NsRecord ns in response.Authorities.NsRecords()) reply.AuthorityNs.Add((Normalize(ns.DomainName), Normalize(ns.NSDName)));
            foreach (ARecord a in response.Answers.ARecords().Concat(response.Additionals.ARecords())) reply.Addresses.Add((Normalize(a.DomainName), a.Address));
            foreach (AaaaRecord a in response.Answers.AaaaRecords().Concat(response.Additionals.AaaaRecords())) reply.Addresses.Add((Normalize(a.DomainName), a.Address));
        }

        /// <summary>The RFC mnemonic admins know from dig: NOERROR, NXDOMAIN, SERVFAIL, REFUSED...</summary>
        private static string Mnemonic(DnsResponseCode code)
        {
            switch (code)
            {
                case DnsResponseCode.NoError: return "NOERROR";
                case DnsResponseCode.FormatError: return "FORMERR";
                case DnsResponseCode.ServerFailure: return "SERVFAIL";
                case DnsResponseCode.NotExistentDomain: return "NXDOMAIN";
                case DnsResponseCode.NotImplemented: return "NOTIMP";
                case DnsResponseCode.Refused: return "REFUSED";
                case DnsResponseCode.NotAuthorized: return "NOTAUTH";
                case DnsResponseCode.NotZone: return "NOTZONE";
                default: return "RCODE" + (int)code;
            }
        }

        private static readonly System.Globalization.IdnMapping Idn = new System.Globalization.IdnMapping();

        /// <summary>
        /// Names as they are on the wire (xn-- form), lower case, without the trailing dot.
        /// DnsClient renders internationalized names in Unicode, in owner and data names alike.
        /// </summary>
        internal static string Normalize(DnsString name)
        {
            string text = name.Value.TrimEnd('.');
            if (text.Any(c => c > 0x7f))
            {
                try { text = Idn.GetAscii(text); }
                catch (ArgumentException) { text = name.Original.TrimEnd('.'); }
            }
            return text.ToLowerInvariant();
        }

        internal static string Normalize(string name) => name.TrimEnd('.').ToLowerInvariant();

        /// <summary>A TXT record for display: strings joined, with quotes and non-printables escaped.</summary>
        internal static string Display(string[] strings)
        {
            var sb = new StringBuilder();
            foreach (char c in string.Concat(strings))
            {
                if (c == '"' || c == '\\') sb.Append('\\').Append(c);
                else if (c < 0x20 || c == 0x7f) sb.Append("\\").Append(((int)c).ToString("D3"));
                else sb.Append(c);
            }
            return strings.Length > 1 ? sb + $" ({strings.Length} strings)" : sb.ToString();
        }
    }
}
