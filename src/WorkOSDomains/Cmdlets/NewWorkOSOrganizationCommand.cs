using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using WorkOSDomains.Engine.Api;
using WorkOSDomains.Engine.Api.Models;
using WorkOSDomains.Engine.Validation;

namespace WorkOSDomains.Cmdlets
{
    /// <summary>
    /// Creates an organization, optionally with domains. With -ExternalId a create whose answer
    /// was lost finds the organization it made instead of making a second one.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "WorkOSOrganization", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(Organization))]
    public sealed class NewWorkOSOrganizationCommand : WorkOSApiCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        public string Name { get; set; } = "";

        /// <summary>Domains to claim with the organization.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string[]? Domain { get; set; }

        /// <summary>pending (the default: verify by DNS) or verified (you vouch for them).</summary>
        [Parameter]
        [ValidateSet(DomainStates.Pending, DomainStates.Verified)]
        public string DomainState { get; set; } = DomainStates.Pending;

        /// <summary>Your own id for the organization (from a CRM, say): unique, and the key that makes a retried create safe.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? ExternalId { get; set; }

        [Parameter]
        public Hashtable? Metadata { get; set; }

        protected override void ProcessRecord()
        {
            // Checked before ShouldProcess, so that -WhatIf and -Confirm show what would really be sent.
            if (!TryRead(Name, () => WorkOSClient.Check(new CreateOrganizationRequest
            {
                Name = Name,
                ExternalId = ExternalId,
                DomainData = Domain?.Select(d => new DomainData { Domain = d, State = DomainState }).ToList(),
                Metadata = Metadata?.Cast<DictionaryEntry>().ToDictionary(e => e.Key.ToString() ?? "", e => MetadataValue(e)),
            }), out CreateOrganizationRequest request)) return;
            string what = request.DomainData == null || request.DomainData.Count == 0 ? Name : $"{Name} with {string.Join(", ", request.DomainData.Select(d => d.Domain))}";
            if (!ShouldProcess(what, "Create WorkOS organization")) return;
            StartItem(Name, async (outcome, token) => outcome.Output.Add(await Client.CreateOrganizationAsync(request, cancellationToken: token,
                createdTwice: (created, twins) => outcome.Warnings.Add(
                    $"An attempt to create '{created.Name}' got no answer, and WorkOS made the organization then too: besides {created.Id}, it now holds {string.Join(", ", twins.Select(t => t.Id))} of the same name. Remove the one you do not want; give -ExternalId to make a repeat safe.")).ConfigureAwait(false)));
        }

        /// <summary>WorkOS keeps metadata values as text: numbers and switches become text, anything with parts is refused.</summary>
        private static string MetadataValue(DictionaryEntry entry)
        {
            object? value = entry.Value is PSObject wrapped ? wrapped.BaseObject : entry.Value;
            if (value is IDictionary || value is IEnumerable && !(value is string))
                throw new InvalidInputException("Metadata", entry.Key.ToString(), "has a value with parts (a hashtable or a list)", "WorkOS keeps each metadata value as text: give text or a number, or store the parts as JSON text (ConvertTo-Json -Compress).");
            return value?.ToString() ?? "";
        }

        protected override void EndProcessing() => FinishItems();
    }
}
