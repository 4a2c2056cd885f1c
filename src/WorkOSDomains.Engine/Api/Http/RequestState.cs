using System.Net.Http;

namespace WorkOSDomains.Engine.Api.Http
{
    /// <summary>Per-request facts that the handlers pass to each other and to the client.</summary>
    internal static class RequestState
    {
        private const string AttemptKey = "WorkOSDomains.Attempt";

        internal static int GetAttempt(HttpRequestMessage request) =>
            request.Properties.TryGetValue(AttemptKey, out object? value) && value is int n ? n : 1;

        internal static void SetAttempt(HttpRequestMessage request, int attempt) => request.Properties[AttemptKey] = attempt;

        private const string AnswerLostKey = "WorkOSDomains.AnswerLost";

        /// <summary>Whether an earlier attempt got no answer (a reset, a timeout): the server may have done the work.</summary>
        internal static bool GetAnswerLost(HttpRequestMessage request) => request.Properties.ContainsKey(AnswerLostKey);

        internal static void SetAnswerLost(HttpRequestMessage request) => request.Properties[AnswerLostKey] = true;
    }
}
