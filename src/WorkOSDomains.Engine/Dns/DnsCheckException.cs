using System;

namespace WorkOSDomains.Engine.Dns
{
    /// <summary>Why a DNS check could not run to the end.</summary>
    public enum DnsCheckStop
    {
        /// <summary>It needed more queries than one check may send.</summary>
        QueryBudget,
        /// <summary>No resolver answered, so the domain's zone could not be looked up: a problem of this computer's DNS, not of the record.</summary>
        NoResolver,
        /// <summary>DNS could not be asked or its answer not read.</summary>
        Failed,
    }

    /// <summary>A DNS check that could not run to the end: it says nothing about the record.</summary>
    public sealed class DnsCheckException : Exception
    {
        public DnsCheckException(string domain, DnsCheckStop stop, string message, Exception? inner = null) : base(message, inner)
        {
            Domain = domain;
            Stop = stop;
        }

        /// <summary>The domain whose check stopped.</summary>
        public string Domain { get; }

        public DnsCheckStop Stop { get; }
    }
}
