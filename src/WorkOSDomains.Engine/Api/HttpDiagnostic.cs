using System;

namespace WorkOSDomains.Engine.Api
{
    /// <summary>One HTTP attempt, for verbose/debug output. Holds no header and no body.</summary>
    public sealed class HttpDiagnostic
    {
        public string Method { get; internal set; } = "";
        public string Path { get; internal set; } = "";
        public int? StatusCode { get; internal set; }
        public string? RequestId { get; internal set; }
        public int Attempt { get; internal set; }
        public TimeSpan Elapsed { get; internal set; }
        /// <summary>Why an attempt produced no response (timeout, connection reset), if it did not.</summary>
        public string? Failure { get; internal set; }
        /// <summary>A remark about the call as a whole rather than one attempt, such as a create found to have succeeded earlier.</summary>
        public string? Note { get; internal set; }

        public override string ToString() => Note != null ? $"{Method} {Path}: {Note}" :
            $"{Method} {Path} -> {(StatusCode?.ToString() ?? Failure ?? "no response")} in {Elapsed.TotalMilliseconds:0} ms (attempt {Attempt}{(RequestId == null ? "" : ", request id " + RequestId)})";
    }
}
