using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Security;
using System.Threading;
using System.Threading.Tasks;
using WorkOSDomains.Connection;
using WorkOSDomains.Engine.Api;

namespace WorkOSDomains.Cmdlets
{
    /// <summary>
    /// What every cmdlet shares: cancellation on Ctrl+C, engine work run from the pipeline thread
    /// with its HTTP diagnostics written as verbose messages, and error records with stable ids.
    /// </summary>
    public abstract class WorkOSCmdlet : PSCmdlet
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();

        protected CancellationToken Cancellation => _stopping.Token;

        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>
        /// Runs engine work to completion on the pipeline thread, writing its HTTP diagnostics as
        /// verbose messages while it waits. Ctrl+C cancels the work at once.
        /// </summary>
        protected T Run<T>(Func<CancellationToken, Task<T>> work)
        {
            var diagnostics = new ConcurrentQueue<HttpDiagnostic>();
            Task<T> task = DiagnosticsRouter.Capture(diagnostics, () => Task.Run(() => work(Cancellation)));
            while (Task.WaitAny(new Task[] { task }, 100) < 0) WriteDiagnostics(diagnostics);
            WriteDiagnostics(diagnostics);
            return task.GetAwaiter().GetResult(); // rethrows the engine's own exception, not an AggregateException
        }

        protected void Run(Func<CancellationToken, Task> work) =>
            Run<bool>(async token => { await work(token).ConfigureAwait(false); return true; });

        private void WriteDiagnostics(ConcurrentQueue<HttpDiagnostic> queue)
        {
            while (queue.TryDequeue(out HttpDiagnostic? record)) WriteVerbose("WorkOS " + record);
        }

        /// <summary>An error record for a failed call: stable id, fitting category, the target attached.</summary>
        protected static ErrorRecord ErrorFor(Exception e, object? target)
        {
            switch (e)
            {
                case WorkOSApiException api:
                    return new ErrorRecord(api, "WorkOS.Api." + (api.Code ?? (api.StatusCode?.ToString() ?? "NoResponse")), CategoryOf(api), target);
                case ArgumentException arg:
                    return new ErrorRecord(arg, "WorkOS.InvalidArgument." + (arg.ParamName ?? "Value"), ErrorCategory.InvalidArgument, target);
                case OperationCanceledException canceled:
                    return new ErrorRecord(canceled, "WorkOS.Canceled", ErrorCategory.OperationStopped, target);
                default:
                    return new ErrorRecord(e, "WorkOS.Unexpected", ErrorCategory.NotSpecified, target);
            }
        }

        private static ErrorCategory CategoryOf(WorkOSApiException e)
        {
            switch (e.StatusCode)
            {
                case null: return ErrorCategory.ConnectionError;
                case 401:
                case 403: return ErrorCategory.PermissionDenied;
                case 404: return ErrorCategory.ObjectNotFound;
                case 409: return ErrorCategory.ResourceExists;
                case 400:
                case 422: return ErrorCategory.InvalidArgument;
                case 429: return ErrorCategory.LimitsExceeded;
                default: return e.StatusCode >= 500 ? ErrorCategory.ResourceUnavailable : ErrorCategory.InvalidResult;
            }
        }
    }

    /// <summary>
    /// A cmdlet that calls the API: -Connection, or -ApiKey and -BaseUri for this call only, or
    /// the runspace default from Connect-WorkOS, or the WORKOS_API_KEY environment variable.
    /// </summary>
    public abstract class WorkOSApiCmdlet : WorkOSCmdlet
    {
        /// <summary>A connection from Connect-WorkOS -PassThru; overrides the runspace default.</summary>
        [Parameter]
        public WorkOSConnection? Connection { get; set; }

        /// <summary>The secret key for this call only (a string, SecureString or PSCredential).</summary>
        [Parameter]
        [SecureStringTransformation]
        public SecureString? ApiKey { get; set; }

        /// <summary>The API address for this call only; https, or http on loopback for the emulator.</summary>
        [Parameter]
        public Uri? BaseUri { get; set; }

        /// <summary>The client, resolved on the pipeline thread before the first record.</summary>
        protected WorkOSClient Client { get; private set; } = null!;

        protected override void BeginProcessing()
        {
            try
            {
                WorkOSConnection connection = Connection
                    ?? (ApiKey != null || BaseUri != null ? null : ConnectionFactory.GetDefault(Runspace.DefaultRunspace))
                    ?? ConnectionFactory.Create(ApiKey, BaseUri);
                Client = connection.Client;
            }
            catch (ArgumentException e)
            {
                ThrowTerminatingError(ErrorFor(e, null));
            }
        }
    }
}
