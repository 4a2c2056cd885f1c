using System;

namespace WorkOSDomains.Errors
{
    /// <summary>Something the user asked for that a search did not find (no single request answered 404).</summary>
    internal sealed class NotFoundException : Exception
    {
        internal NotFoundException(string message, string advice) : base(message) => Advice = advice;

        internal string Advice { get; }
    }
}
