using System;
using System.Net;
using System.Net.Http;
using System.Runtime.InteropServices;

namespace WorkOSDomains.Engine.Api.Http
{
    /// <summary>
    /// Where .NET Framework's HTTP stack (Windows PowerShell 5.1) differs from .NET's
    /// SocketsHttpHandler (PowerShell 7) in a way the client must allow for. Mono reports "Mono ..."
    /// and runs SocketsHttpHandler, so it takes the .NET path.
    /// </summary>
    internal static class FrameworkHttp
    {
        private static readonly bool IsNetFramework = RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        /// <summary>
        /// Whether a request without content should carry an empty one. SocketsHttpHandler silently
        /// sends a request without content up to 3 more times when a connection closes before any
        /// answer (its MaxConnectionFailureRetries), under -MaxRetries; any content, even empty,
        /// turns that off. .NET Framework's handler refuses content of any length on GET and HEAD.
        /// </summary>
        public static bool SendEmptyContent(HttpMethod method) => SendEmptyContent(method, IsNetFramework);

        internal static bool SendEmptyContent(HttpMethod method, bool netFramework) =>
            !(netFramework && (method == HttpMethod.Get || method == HttpMethod.Head));

        /// <summary>
        /// Makes sure TLS 1.2 is allowed. WorkOS accepts nothing older, and on Windows PowerShell 5.1
        /// the process default (ServicePointManager.SecurityProtocol) is often SSL 3 and TLS 1.0 only,
        /// which fails with "the underlying connection was closed". The setting is process-wide, as
        /// on .NET Framework it can only be; it is only ever widened, never narrowed.
        /// </summary>
        public static void AllowTls12()
        {
            if (!IsNetFramework) return; // .NET ignores the setting: the OS chooses
            ServicePointManager.SecurityProtocol = WithTls12(ServicePointManager.SecurityProtocol);
        }

        /// <summary>The protocols to allow: unchanged when the OS chooses (SystemDefault, 0) or TLS 1.2 is in.</summary>
        internal static SecurityProtocolType WithTls12(SecurityProtocolType current) =>
            current == 0 || (current & SecurityProtocolType.Tls12) != 0 ? current : current | SecurityProtocolType.Tls12;
    }
}
