using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace WorkOSDomains.Completion
{
    /// <summary>Completes a parameter from a fixed list of known values; other values stay allowed.</summary>
    public abstract class ListCompleter : IArgumentCompleter
    {
        protected abstract IEnumerable<string> Values { get; }

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            string typed = (wordToComplete ?? "").Trim('\'', '"');
            return Values.Where(v => v.StartsWith(typed, StringComparison.OrdinalIgnoreCase))
                .Select(v => new CompletionResult(v, v, CompletionResultType.ParameterValue, v));
        }
    }

    public sealed class DomainStateCompleter : ListCompleter
    {
        protected override IEnumerable<string> Values => DomainStates.Known;
    }

    public sealed class PortalIntentCompleter : ListCompleter
    {
        protected override IEnumerable<string> Values => PortalIntents.Known;
    }

    public sealed class EventNameCompleter : ListCompleter
    {
        protected override IEnumerable<string> Values => DomainEventNames.All;
    }
}
