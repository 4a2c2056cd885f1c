using System;

namespace WorkOSDomains.Engine.Dns
{
    /// <summary>A DNS check that could not run to the end, such as one that needed more queries than its budget.</summary>
    public sealed class DnsCheckException : Exception
    {
        public DnsCheckException(string domain, string message, Exception? inner = null) : base(message, inner) => Domain = domain;

        /// <summary>The domain whose check stopped.</summary>
        public string Domain { get; }
    }
}
