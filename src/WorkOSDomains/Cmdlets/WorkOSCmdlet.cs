using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using WorkOSDomains.Connection;
using WorkOSDomains.Engine.Api;
using WorkOSDomains.Engine.Concurrency;
using WorkOSDomains.Engine.Validation;
using WorkOSDomains.Errors;

namespace WorkOSDomains.Cmdlets
{
    /// <summary>
    /// What every cmdlet shares: cancellation on Ctrl+C, engine work run on behalf of the pipeline
    /// thread with its HTTP diagnostics written as verbose messages, per-item concurrency with
    /// results in input order, and error records with stable ids.
    /// </summary>
    public abstract class WorkOSCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly List<ItemOutcome> _inFlight = new List<ItemOutcome>();
        // Engine types are held as object: see docs/dependency-isolation.md, "Exported types never
        // name the engine in a field".
        private readonly object _diagnostics = new ConcurrentQueue<HttpDiagnostic>();
        private object? _items;
        private DateTime _lastProgress;
        private bool _progressShown;

        protected CancellationToken Cancellation => _stopping.Token;

        private ConcurrentQueue<HttpDiagnostic> Diagnostics => (ConcurrentQueue<HttpDiagnostic>)_diagnostics;

        private OrderedRunner<ItemOutcome>? Items => (OrderedRunner<ItemOutcome>?)_items;

        protected override void StopProcessing() => _stopping.Cancel();

        // PowerShell calls StopProcessing only for Ctrl+C; a pipeline that ends early for another
        // reason (an error with -ErrorAction Stop, Select-Object -First) only disposes its commands.
        // Cancelling here keeps queued items from being sent after the user has moved on. The source
        // is not disposed: work still winding down reads its token.
        public void Dispose() => _stopping.Cancel();

        /// <summary>
        /// Runs engine work to completion, writing its HTTP diagnostics as verbose messages while
        /// it waits. Ctrl+C cancels the work at once.
        /// </summary>
        protected T Run<T>(Func<CancellationToken, Task<T>> work)
        {
            Task<T> task = DiagnosticsRouter.Capture(Diagnostics, () => Task.Run(() => work(Cancellation)));
            while (Task.WaitAny(new Task[] { task }, 100) < 0) WriteDiagnostics();
            WriteDiagnostics();
            return task.GetAwaiter().GetResult(); // rethrows the engine's own exception, not an AggregateException
        }

        protected void Run(Func<CancellationToken, Task> work) =>
            Run<bool>(async token => { await work(token).ConfigureAwait(false); return true; });

        // ---- Per-item work: concurrent, written in input order on the pipeline thread ----

        /// <summary>How many pipeline items run at once; cmdlets with -ThrottleLimit return it.</summary>
        protected virtual int ItemThrottleLimit => 1;

        /// <summary>The progress bar's title while items are under way.</summary>
        protected virtual string ProgressActivity => MyInvocation.MyCommand.Name;

        /// <summary>
        /// Starts work for one pipeline item. What it adds to its outcome (objects, warnings,
        /// verbose lines) or throws is written later, on the pipeline thread, in the order the
        /// items came. A failure is this item's error; the other items go on.
        /// </summary>
        private protected void StartItem(object? target, Func<ItemOutcome, CancellationToken, Task> work)
        {
            OrderedRunner<ItemOutcome> items = Items ?? (OrderedRunner<ItemOutcome>)(_items = new OrderedRunner<ItemOutcome>(ItemThrottleLimit, Cancellation));
            var outcome = new ItemOutcome(target);
            _inFlight.Add(outcome);
            DiagnosticsRouter.Capture(Diagnostics, () =>
            {
                items.Add(async token =>
                {
                    try
                    {
                        await work(outcome, token).ConfigureAwait(false);
                    }
                    catch (Exception e) when (!token.IsCancellationRequested)
                    {
                        outcome.Error = e;
                    }
                    return outcome;
                });
                return true;
            });
            // Stream what is done; hold at most a few batches in memory however long the input.
            WriteFinishedItems(keepPendingBelow: ItemThrottleLimit * 4);
        }

        /// <summary>
        /// Reads an item's input on the pipeline thread, before ShouldProcess and before any
        /// request. Bad input becomes that item's error, written in its turn; the rest go on.
        /// </summary>
        private protected bool TryRead<T>(object? target, Func<T> read, out T value)
        {
            try
            {
                value = read();
                return true;
            }
            catch (InvalidInputException e)
            {
                StartItem(target, (_, __) => Task.FromException(e));
                value = default!;
                return false;
            }
        }

        /// <summary>Writes every item still under way; call from EndProcessing.</summary>
        protected void FinishItems()
        {
            WriteFinishedItems(keepPendingBelow: 1);
            // A bar left open stays on screen until the whole script ends.
            if (_progressShown) WriteProgress(new ProgressRecord(1, ProgressActivity, "Done") { RecordType = ProgressRecordType.Completed });
        }

        private void WriteFinishedItems(int keepPendingBelow)
        {
            OrderedRunner<ItemOutcome>? items = Items;
            if (items == null) return;
            while (true)
            {
                WriteDiagnostics();
                while (items.TryTake(out ItemOutcome outcome)) Write(outcome);
                if (items.Pending < keepPendingBelow) return;
                items.WaitForNext(TimeSpan.FromMilliseconds(200));
                ReportProgress();
            }
        }

        private void Write(ItemOutcome outcome)
        {
            _inFlight.Remove(outcome);
            foreach (string line in outcome.Verbose) WriteVerbose(line);
            foreach (string warning in outcome.Warnings) WriteWarning(warning);
            foreach (object item in outcome.Output) WriteObject(item);
            if (outcome.Error != null) WriteError(ErrorFor(outcome.Error, outcome.Target));
        }

        private void ReportProgress()
        {
            OrderedRunner<ItemOutcome>? items = Items;
            if ((DateTime.UtcNow - _lastProgress).TotalMilliseconds < 500 || items == null) return;
            _lastProgress = DateTime.UtcNow;
            int done = items.Started - items.Pending;
            List<string> busy = _inFlight.Select(o => o.Status).OfType<string>().Take(3).ToList();
            // One item: where it stands is the whole story, and it fits the bar.
            string status = items.Started == 1 && busy.Count == 1 ? busy[0]
                : $"{done} of {items.Started} done" + (busy.Count == 0 ? "" : "; " + string.Join("; ", busy));
            WriteProgress(new ProgressRecord(1, ProgressActivity, status) { PercentComplete = items.Started == 0 ? 0 : 100 * done / items.Started });
            _progressShown = true;
        }

        private void WriteDiagnostics()
        {
            while (Diagnostics.TryDequeue(out HttpDiagnostic? record)) WriteVerbose("WorkOS " + record);
        }

        // ---- Errors ----

        /// <summary>An error record for a failure: an id from <see cref="ErrorIds"/>, a fitting category, the input item attached.</summary>
        protected ErrorRecord ErrorFor(Exception e, object? target) => ErrorRecords.For(e, target, ParameterFor);

        /// <summary>This cmdlet's parameter for an input the engine names (e.g. DomainId is -Id here).</summary>
        protected virtual string ParameterFor(string field) => field;
    }

    /// <summary>What one pipeline item produced, kept until it is its turn to be written.</summary>
    internal sealed class ItemOutcome
    {
        internal ItemOutcome(object? target) => Target = target;

        internal object? Target { get; }
        internal List<object> Output { get; } = new List<object>();
        internal List<string> Warnings { get; } = new List<string>();
        internal List<string> Verbose { get; } = new List<string>();
        internal Exception? Error { get; set; }

        /// <summary>A few words on where this item stands, shown in the progress bar while it runs.</summary>
        internal volatile string? Status;
    }
}
