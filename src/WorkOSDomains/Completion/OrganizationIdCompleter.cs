using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;
using System.Threading;
using System.Threading.Tasks;
using WorkOSDomains.Connection;
using WorkOSDomains.Engine.Api.Models;

namespace WorkOSDomains.Completion
{
    /// <summary>
    /// Completes organization ids from the connection in use (the -Connection given, else the
    /// runspace default), showing names. Lists are cached for a minute so Tab stays quick, and a
    /// slow or failing API completes nothing rather than hanging the prompt.
    /// </summary>
    public sealed class OrganizationIdCompleter : IArgumentCompleter
    {
        private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
        private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(3);
        private static readonly ConcurrentDictionary<WorkOSConnection, (DateTime Fetched, IReadOnlyList<Organization> Organizations)> Cache =
            new ConcurrentDictionary<WorkOSConnection, (DateTime, IReadOnlyList<Organization>)>();

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            WorkOSConnection? connection = fakeBoundParameters?["Connection"] as WorkOSConnection
                ?? (fakeBoundParameters?["Connection"] as PSObject)?.BaseObject as WorkOSConnection
                ?? (Runspace.DefaultRunspace == null ? null : ConnectionFactory.GetDefault(Runspace.DefaultRunspace));
            if (connection == null) return Array.Empty<CompletionResult>();

            string typed = (wordToComplete ?? "").Trim('\'', '"');
            return Organizations(connection)
                .Where(o => o.Id.StartsWith(typed, StringComparison.OrdinalIgnoreCase) || o.Name.IndexOf(typed, StringComparison.OrdinalIgnoreCase) >= 0)
                .Select(o => new CompletionResult(o.Id, $"{o.Id} ({o.Name})", CompletionResultType.ParameterValue, o.Name))
                .ToList();
        }

        private static IReadOnlyList<Organization> Organizations(WorkOSConnection connection)
        {
            if (Cache.TryGetValue(connection, out var cached) && DateTime.UtcNow - cached.Fetched < CacheFor) return cached.Organizations;
            using var giveUp = new CancellationTokenSource(GiveUpAfter);
            try
            {
                Task<Page<Organization>> page = Task.Run(() => connection.Client.ListOrganizationsPageAsync(new OrganizationQuery { Limit = 100 }, giveUp.Token));
                IReadOnlyList<Organization> organizations = page.Wait(GiveUpAfter) ? page.Result.Items : Array.Empty<Organization>();
                Cache[connection] = (DateTime.UtcNow, organizations);
                return organizations;
            }
            catch (Exception)
            {
                return Array.Empty<Organization>(); // completion must never throw at the prompt
            }
        }
    }
}
