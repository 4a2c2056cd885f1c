using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security;
using WorkOSDomains.Engine.Api;
using WorkOSDomains.Engine.Validation;

namespace WorkOSDomains.Connection
{
    /// <summary>
    /// Builds connections and keeps each runspace's default one. Azure Automation runs jobs as
    /// separate runspaces in shared processes, so the default is per runspace, never per process.
    /// </summary>
    internal static class ConnectionFactory
    {
        internal const string KeyVariable = "WORKOS_API_KEY";

        private static readonly ConditionalWeakTable<object, WorkOSContext> Defaults = new ConditionalWeakTable<object, WorkOSContext>();

        // Clients are reused across cmdlet calls with the same key and settings, so sockets and
        // the rate-limit bucket are shared instead of rebuilt for every command.
        private static readonly ConcurrentDictionary<string, WorkOSConnection> Cache = new ConcurrentDictionary<string, WorkOSConnection>();

        internal static WorkOSConnection Create(SecureString? apiKey, Uri? baseUri, Action<WorkOSClientOptions>? configure = null)
        {
            string? key = apiKey == null ? Environment.GetEnvironmentVariable(KeyVariable) : Reveal(apiKey);
            if (apiKey == null && string.IsNullOrWhiteSpace(key))
                throw new InvalidInputException("ApiKey", null, "was not given", $"Run Connect-WorkOS -ApiKey <sk_...>, pass -ApiKey to this command, or set the {KeyVariable} environment variable.");
            var options = new WorkOSClientOptions
            {
                ApiKey = ApiKey.Parse(key),
                BaseUri = baseUri ?? WorkOSClientOptions.DefaultBaseUri,
                UserAgentComment = $"PowerShell {PowerShellVersion()}; {RuntimeInformation.OSDescription.Trim()}",
                Diagnostics = DiagnosticsRouter.Publish,
            };
            configure?.Invoke(options);
            options.Validate();
            string cacheKey = string.Join("|", options.ApiKey!.Fingerprint(), options.BaseUri, options.MaxRetries, options.RequestTimeout.Ticks, options.TotalTimeout.Ticks, options.RateLimitRequests);
            return Cache.GetOrAdd(cacheKey, _ => new WorkOSConnection(new WorkOSClient(options)));
        }

        internal static WorkOSConnection? GetDefault(object runspace) => GetContext(runspace)?.Connection;

        internal static WorkOSContext? GetContext(object runspace) => Defaults.TryGetValue(runspace, out WorkOSContext? c) ? c : null;

        internal static void SetDefault(object runspace, WorkOSConnection? connection)
        {
            Defaults.Remove(runspace);
            if (connection != null) Defaults.Add(runspace, new WorkOSContext(connection, DateTimeOffset.UtcNow));
        }

        private static string Reveal(SecureString secret)
        {
            IntPtr pointer = Marshal.SecureStringToGlobalAllocUnicode(secret);
            try
            {
                // With the length: a NUL in the key must reach the check that refuses it, not end the string.
                return Marshal.PtrToStringUni(pointer, secret.Length);
            }
            finally
            {
                Marshal.ZeroFreeGlobalAllocUnicode(pointer);
            }
        }

        private static string PowerShellVersion() =>
            typeof(PSObject).Assembly.GetName().Version?.ToString(3) ?? "unknown";
    }
}
