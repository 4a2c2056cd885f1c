using System.Threading;
using System.Threading.Tasks;

namespace WorkOSDomains.Engine
{
    internal static class TaskExtensions
    {
        /// <summary>Stops waiting when the token fires (netstandard2.0 has no Task.WaitAsync).</summary>
        internal static async Task WithCancellation(this Task task, CancellationToken cancellationToken)
        {
            if (task.IsCompleted || !cancellationToken.CanBeCanceled)
            {
                await task.ConfigureAwait(false);
                return;
            }
            var canceled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(() => canceled.TrySetResult(true)))
            {
                if (await Task.WhenAny(task, canceled.Task).ConfigureAwait(false) != task)
                {
                    _ = task.ContinueWith(t => _ = t.Exception, TaskScheduler.Default); // observe a late failure
                    throw new System.OperationCanceledException(cancellationToken);
                }
            }
            await task.ConfigureAwait(false);
        }

        /// <summary>Stops waiting for a result when the token fires.</summary>
        internal static async Task<T> WithCancellation<T>(this Task<T> task, CancellationToken cancellationToken)
        {
            await ((Task)task).WithCancellation(cancellationToken).ConfigureAwait(false);
            return await task.ConfigureAwait(false);
        }

        /// <summary>Runs async engine work to completion on a thread with no synchronization context.</summary>
        internal static T RunSync<T>(this Task<T> task) => task.ConfigureAwait(false).GetAwaiter().GetResult();
    }
}
