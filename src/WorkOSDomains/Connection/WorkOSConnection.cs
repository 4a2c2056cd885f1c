using System;
using WorkOSDomains.Engine.Api;

namespace WorkOSDomains.Connection
{
    /// <summary>
    /// A connection to one WorkOS environment: the key, base URI and client options. Pass it
    /// with -Connection, or let Connect-WorkOS make it the default of the current runspace.
    /// It never shows the key: KeyHint holds only the environment prefix. Connections are shared
    /// and live as long as the process, so there is nothing to close.
    /// </summary>
    public sealed class WorkOSConnection
    {
        internal WorkOSConnection(WorkOSClient client)
        {
            Client = client;
        }

        internal WorkOSClient Client { get; }

        public Uri BaseUri => Client.BaseUri;
        public string Environment => Client.Options.ApiKey!.Environment;
        public string KeyHint => Client.Options.ApiKey!.ToString();
        public int MaxRetries => Client.Options.MaxRetries;
        public TimeSpan RequestTimeout => Client.Options.RequestTimeout;
        public int RateLimit => Client.Options.RateLimitRequests;

        public override string ToString() => $"{BaseUri} ({Environment}, {KeyHint})";
    }
}
