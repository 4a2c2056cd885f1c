using System.Collections.Generic;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using DnsClient;

namespace WorkOSDomains.Engine.Dns
{
    /// <summary>
    /// The queries of one check: each question to each server is sent once and its answer reused,
    /// and no more than the budget is sent, so no zone data can make a check run away.
    /// </summary>
    internal sealed class CheckQueries
    {
        private readonly DnsQuerier _querier;
        private readonly string _domain;
        private readonly int _budget;
        private readonly Dictionary<(IPEndPoint, string, QueryType, bool), Task<DnsReply>> _asked = new Dictionary<(IPEndPoint, string, QueryType, bool), Task<DnsReply>>();

        internal CheckQueries(DnsQuerier querier, string domain, int budget)
        {
            _querier = querier;
            _domain = domain;
            _budget = budget;
        }

        /// <summary>How many distinct questions this check has sent.</summary>
        internal int Sent
        {
            get { lock (_asked) return _asked.Count; }
        }

        internal Task<DnsReply> AskAsync(IPEndPoint server, string name, QueryType type, bool recursion, CancellationToken cancellationToken)
        {
            var key = (server, name, type, recursion);
            lock (_asked)
            {
                if (_asked.TryGetValue(key, out Task<DnsReply>? asked)) return asked;
                if (_asked.Count >= _budget)
                    return Task.FromException<DnsReply>(new DnsCheckException(_domain, DnsCheckStop.QueryBudget,
                        $"The DNS check of {_domain} stopped after {_budget} queries, the most one check may send: its CNAMEs and delegations lead too far."));
                return _asked[key] = _querier.AskAsync(server, name, type, recursion, cancellationToken);
            }
        }
    }
}
