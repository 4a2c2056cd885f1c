using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using WorkOSDomains.Engine.Dns;

namespace WorkOSDomains.Dns
{
    /// <summary>Builds the DNS inspector from the DNS parameters the cmdlets share.</summary>
    internal static class DnsParameters
    {
        /// <param name="servers">-Server: resolvers to ask instead of the authoritative servers.</param>
        /// <param name="includeResolver">-IncludeResolver: ask the resolvers as well as the authoritative servers.</param>
        /// <param name="bootstrap">-BootstrapServer: the resolvers that find the zone; the system's when empty.</param>
        /// <param name="authoritativePort">The authoritative servers' port: 53, or a test's.</param>
        /// <param name="queryTimeout">How long one query may take; the checks' default when null.</param>
        internal static DnsInspector Inspector(string[]? servers, bool includeResolver, string[]? bootstrap, int authoritativePort, TimeSpan? queryTimeout = null)
        {
            var options = new DnsCheckOptions
            {
                Resolvers = Parse(servers, "Server"),
                IncludeAuthoritative = servers == null || servers.Length == 0 || includeResolver,
                BootstrapResolvers = Parse(bootstrap, "BootstrapServer"),
                AuthoritativePort = authoritativePort,
            };
            if (queryTimeout is TimeSpan timeout) options.QueryTimeout = timeout;
            return new DnsInspector(options);
        }

        private static List<IPEndPoint> Parse(string[]? values, string field) =>
            (values ?? Array.Empty<string>()).Select(v => ServerAddress.Parse(v, field)).ToList();
    }
}
