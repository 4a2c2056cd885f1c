using System;
using System.Collections.Generic;
using System.Net;

namespace WorkOSDomains.Engine.Dns
{
    /// <summary>Where and how a challenge is checked.</summary>
    public sealed class DnsCheckOptions
    {
        /// <summary>Resolvers to ask instead of (or, with <see cref="IncludeAuthoritative"/>, besides) the authoritative servers.</summary>
        public IList<IPEndPoint> Resolvers { get; set; } = new List<IPEndPoint>();

        /// <summary>Ask the zone's authoritative servers; on by default, off when only resolvers are wanted.</summary>
        public bool IncludeAuthoritative { get; set; } = true;

        /// <summary>Resolvers used to find the zone and its name servers; the system's when empty.</summary>
        public IList<IPEndPoint> BootstrapResolvers { get; set; } = new List<IPEndPoint>();

        /// <summary>Port of the authoritative servers. 53 in real life; tests set it (as lego's test hook does).</summary>
        public int AuthoritativePort { get; set; } = 53;

        public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(3);

        /// <summary>A TTL or negative TTL above this delays verification enough to mention.</summary>
        public TimeSpan HighTtl { get; set; } = TimeSpan.FromMinutes(5);

        /// <summary>How many CNAMEs and referrals one chain may have.</summary>
        public int MaxCnameHops { get; set; } = 8;

        /// <summary>The most queries one check may send; a check that needs more stops with <see cref="DnsCheckException"/>.</summary>
        public int MaxQueries { get; set; } = 200;

        /// <summary>The most queries in flight at once, across every check this inspector runs.</summary>
        public int MaxConcurrentQueries { get; set; } = 64;
    }
}
