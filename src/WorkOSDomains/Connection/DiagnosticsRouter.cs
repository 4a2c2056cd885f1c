using System;
using System.Collections.Concurrent;
using System.Threading;
using WorkOSDomains.Engine.Api;

namespace WorkOSDomains.Connection
{
    /// <summary>
    /// Carries HTTP diagnostics from the engine's threads to the cmdlet that started the call.
    /// The engine's async flow inherits the AsyncLocal, so each record reaches the queue of the
    /// command it belongs to, even when several commands share one connection.
    /// </summary>
    internal static class DiagnosticsRouter
    {
        private static readonly AsyncLocal<ConcurrentQueue<HttpDiagnostic>?> Current = new AsyncLocal<ConcurrentQueue<HttpDiagnostic>?>();

        internal static void Publish(HttpDiagnostic record) => Current.Value?.Enqueue(record);

        /// <summary>Routes records raised by work started inside <paramref name="start"/> into <paramref name="queue"/>.</summary>
        internal static T Capture<T>(ConcurrentQueue<HttpDiagnostic> queue, Func<T> start)
        {
            ConcurrentQueue<HttpDiagnostic>? previous = Current.Value;
            Current.Value = queue;
            try
            {
                return start();
            }
            finally
            {
                Current.Value = previous;
            }
        }
    }
}
