using System;
using WorkOSDomains.Engine.Api;

namespace WorkOSDomains
{
    /// <summary>
    /// A connection to one WorkOS environment: the key, base URI and client options. Pass it
    /// with -Connection, or let Connect-WorkOS make it the default of the current runspace.
    /// It never shows the key: KeyHint holds only the environment prefix. Connections are shared
    /// and live as long as the process, so there is nothing to close.
    /// </summary>
    public sealed class WorkOSConnection
    {
        // The WorkOSClient, held as object: see docs/dependency-isolation.md, "Exported types never
        // name the engine in a field".
        private readonly object _client;

        internal WorkOSConnection(WorkOSClient client)
        {
            _client = client;
        }

        internal WorkOSClient Client => (WorkOSClient)_client;

        public Uri BaseUri => Client.BaseUri;
        public string Environment => Client.Options.ApiKey!.Environment;
        public string KeyHint => Client.Options.ApiKey!.ToString();
        public int MaxRetries => Client.Options.MaxRetries;
        public TimeSpan RequestTimeout => Client.Options.RequestTimeout;
        /// <summary>How long one call may take, every retry included.</summary>
        public TimeSpan TotalTimeout => Client.Options.TotalTimeout;
        public int RateLimit => Client.Options.RateLimitRequests;

        public override string ToString() => $"{BaseUri} ({Environment}, {KeyHint})";
    }

    /// <summary>The default connection of this runspace, as Get-WorkOSContext shows it.</summary>
    public sealed class WorkOSContext
    {
        internal WorkOSContext(WorkOSConnection connection, DateTimeOffset connectedAt)
        {
            Connection = connection;
            ConnectedAt = connectedAt;
        }

        /// <summary>The connection itself, to pass with -Connection.</summary>
        public WorkOSConnection Connection { get; }
        public DateTimeOffset ConnectedAt { get; }
        public Uri BaseUri => Connection.BaseUri;
        public string Environment => Connection.Environment;
        public string KeyHint => Connection.KeyHint;
        public int MaxRetries => Connection.MaxRetries;
        public TimeSpan RequestTimeout => Connection.RequestTimeout;
        public TimeSpan TotalTimeout => Connection.TotalTimeout;
        public int RateLimit => Connection.RateLimit;

        public override string ToString() => Connection.ToString();
    }
}
